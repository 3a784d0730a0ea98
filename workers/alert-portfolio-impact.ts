import type { DueAlert } from '../src/alerts/evaluate-subscriptions.js';
import type { Locale } from '../src/locale.js';
import type { Logger } from '../src/logger.js';
import type { StoredThreatEvent } from '../src/store/threat-event-store.js';
import type { PlannedJob } from './alerts-fanout.js';

/** The risk module's threat text for one user (`threatAlert` of src/risk/risk-commands.ts): undefined when not held. */
export type PortfolioImpact = (userId: string, locale: Locale, holdingId: string) => Promise<string | undefined>;

/**
 * Appends each subscriber's portfolio impact and plan to their Telegram and Discord alert, when they hold the
 * indicator in their paper account. Kakao batches share one text across up to 100 users, so they keep the event
 * text. Any failure keeps today's text: an alert never waits on, or is lost to, the risk model.
 */
export async function withPortfolioImpact(
  jobs: PlannedJob[],
  ctx: {
    due: readonly DueAlert[];
    events: ReadonlyMap<string, StoredThreatEvent>;
    impact: PortfolioImpact;
    logger: Logger;
  },
): Promise<PlannedJob[]> {
  const locales = new Map(ctx.due.map((d) => [d.deliveryKey, d.subscription.locale]));
  const cache = new Map<string, Promise<string | undefined>>();
  for (const job of jobs) {
    const item = job.data.items[0];
    const event = ctx.events.get(job.data.eventKey);
    if (job.platform === 'kakao' || job.data.items.length !== 1 || !item || !event || event.rule === 'news') continue;
    const locale = locales.get(item.deliveryKey) ?? 'ko';
    // One analysis per (user, holding, language) even when a user has several rules on the same indicator.
    const key = `${item.userId}|${event.indicatorId}|${locale}`;
    if (!cache.has(key))
      cache.set(
        key,
        ctx.impact(item.userId, locale, event.indicatorId).catch((err: unknown) => {
          ctx.logger.warn(
            { err: (err as Error)?.message, userId: item.userId, indicatorId: event.indicatorId },
            'portfolio impact failed; alert keeps the event text',
          );
          return undefined;
        }),
      );
    const impact = await cache.get(key)!;
    if (impact) job.data = { ...job.data, text: `${job.data.text}\n\n${impact}` };
  }
  return jobs;
}
