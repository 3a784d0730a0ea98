import { createHash } from 'node:crypto';
import type { DueAlert } from '../src/alerts/evaluate-subscriptions.js';
import type { Locale } from '../src/locale.js';
import type { Logger } from '../src/logger.js';
import type { StoredThreatEvent } from '../src/store/threat-event-store.js';
import type { PlannedJob } from './alerts-fanout.js';

/** The risk module's threat text for one user (`threatAlert` of src/risk/risk-commands.ts): undefined when not held. */
export type PortfolioImpact = (userId: string, locale: Locale, holdingId: string) => Promise<string | undefined>;

/** Kakao shows the alert in one simpleText bubble, at most 1,000 characters (docs/risk.md). */
const KAKAO_TEXT_MAX = 1000;

const jobHash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 32);

/** The event text and as many whole lines of the impact as fit in Kakao's bubble. */
function fitKakao(eventText: string, impact: string): string {
  let text = eventText;
  let sep = '\n\n';
  for (const line of impact.split('\n')) {
    if (Array.from(`${text}${sep}${line}`).length > KAKAO_TEXT_MAX) break;
    text = `${text}${sep}${line}`;
    sep = '\n';
  }
  return text;
}

/**
 * Appends each subscriber's portfolio impact and plan to their alert, when they hold the indicator in their paper
 * account. Telegram and Discord jobs carry one user each. A Kakao batch shares one text across up to 100 users, so
 * its holders are taken out into batches of one with their own text (the Event API bills per message, not per
 * request: the cost is one request per holder, not money); non-holders stay in the shared batch. Any failure keeps
 * today's text: an alert never waits on, or is lost to, the risk model.
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
  const impactOf = (userId: string, deliveryKey: string, indicatorId: string) => {
    const locale = locales.get(deliveryKey) ?? 'ko';
    // One analysis per (user, holding, language) even when a user has several rules on the same indicator.
    const key = `${userId}|${indicatorId}|${locale}`;
    if (!cache.has(key))
      cache.set(
        key,
        ctx.impact(userId, locale, indicatorId).catch((err: unknown) => {
          ctx.logger.warn(
            { err: (err as Error)?.message, userId, indicatorId },
            'portfolio impact failed; alert keeps the event text',
          );
          return undefined;
        }),
      );
    return cache.get(key)!;
  };
  const out: PlannedJob[] = [];
  for (const job of jobs) {
    const event = ctx.events.get(job.data.eventKey);
    if (!event || event.rule === 'news') {
      out.push(job);
      continue;
    }
    if (job.platform === 'kakao') {
      out.push(...(await splitKakaoBatch(job, (i) => impactOf(i.userId, i.deliveryKey, event.indicatorId))));
      continue;
    }
    const item = job.data.items[0];
    if (job.data.items.length !== 1 || !item) {
      out.push(job);
      continue;
    }
    const impact = await impactOf(item.userId, item.deliveryKey, event.indicatorId);
    out.push(impact ? { ...job, data: { ...job.data, text: `${job.data.text}\n\n${impact}` } } : job);
  }
  return out;
}

/**
 * Holders leave the batch with their own text; job ids stay derived from delivery keys (as planNotifyJobs makes
 * them), so an alerts job retried after a crash adds the same jobs and BullMQ ignores the repeats.
 */
async function splitKakaoBatch(
  job: PlannedJob,
  impactOf: (item: PlannedJob['data']['items'][number]) => Promise<string | undefined>,
): Promise<PlannedJob[]> {
  const own: PlannedJob[] = [];
  const shared: PlannedJob['data']['items'] = [];
  for (const item of job.data.items) {
    const impact = await impactOf(item);
    if (!impact) {
      shared.push(item);
      continue;
    }
    own.push({
      ...job,
      data: { ...job.data, items: [item], text: fitKakao(job.data.text, impact) },
      opts: { ...job.opts, jobId: `kp${jobHash(item.deliveryKey)}` },
    });
  }
  if (own.length === 0) return [job];
  if (shared.length === 0) return own;
  const jobId = `k${jobHash(shared.map((x) => x.deliveryKey).join(','))}`;
  return [{ ...job, data: { ...job.data, items: shared }, opts: { ...job.opts, jobId } }, ...own];
}
