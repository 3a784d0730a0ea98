import { createHash } from 'node:crypto';
import { z } from 'zod';
import { CATALOG } from '../data/catalog.js';
import { RiskXpertError } from '../errors.js';
import type { Locale } from '../locale.js';
import { ALERT_PLATFORMS, type AlertPlatform, type SubscriptionStore } from '../store/subscription-store.js';

/** Who a broadcast reaches: every subscriber on one platform, or every subscriber of one indicator. */
export const broadcastTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('platform'), platform: z.enum(ALERT_PLATFORMS) }),
  z.strictObject({ kind: z.literal('indicator'), indicatorId: z.string().regex(/^[a-z0-9_]{1,40}$/u) }),
]);
export type BroadcastTarget = z.infer<typeof broadcastTargetSchema>;

export const broadcastPreviewSchema = z.strictObject({
  target: broadcastTargetSchema,
  text: z.string().trim().min(1).max(1_000),
});
export const broadcastSendSchema = broadcastPreviewSchema.extend({ confirm: z.string().regex(/^[0-9a-f]{64}$/u) });

export interface BroadcastRecipient {
  platform: AlertPlatform;
  subscriptionId: string;
  target: string;
  userId: string;
  locale: Locale;
}

/** One message per recipient, rendered per language; the port the notify queues (workers/) implement. */
export interface BroadcastMessage {
  /** Unique per broadcast and recipient: the delivery ledger key and the job id. */
  deliveryKey: string;
  eventKey: string;
  recipient: BroadcastRecipient;
  text: string;
}
export interface BroadcastQueue {
  enqueue(messages: readonly BroadcastMessage[]): Promise<void>;
}

export interface BroadcastPreview {
  counts: Record<AlertPlatform, number>;
  total: number;
  texts: Record<Locale, string>;
  /** The hash of (target, text, recipients) that send must repeat: a changed audience or text needs a new preview. */
  confirm: string;
}

// The notice header tells a subscriber this is from the operators, not an alert rule of theirs.
const HEADER: Record<Locale, string> = { ko: '[RiskXpert 공지]', en: '[RiskXpert notice]' };
export const renderBroadcast = (text: string, locale: Locale) => `${HEADER[locale]}\n${text}`;

/**
 * Active subscribers of the target, one per (platform, chat): a user with three rules gets one message. Discord and
 * Kakao reach only users who opted in to pushes, as alerts do.
 */
export async function broadcastRecipients(
  subs: Pick<SubscriptionStore, 'listActiveByIndicator'>,
  target: BroadcastTarget,
): Promise<BroadcastRecipient[]> {
  const ids = target.kind === 'indicator' ? [target.indicatorId] : CATALOG.map((i) => i.id);
  if (target.kind === 'indicator' && !CATALOG.some((i) => i.id === target.indicatorId))
    throw new RiskXpertError('NOT_FOUND', `No indicator "${target.indicatorId}".`);
  const seen = new Map<string, BroadcastRecipient>();
  for (const id of ids) {
    for (const s of await subs.listActiveByIndicator(id)) {
      if (target.kind === 'platform' && s.platform !== target.platform) continue;
      if (s.platform !== 'telegram' && !s.optIn) continue;
      const key = `${s.platform}|${s.target}`;
      const prev = seen.get(key);
      if (!prev || s.id < prev.subscriptionId)
        seen.set(key, {
          platform: s.platform,
          subscriptionId: s.id,
          target: s.target,
          userId: s.userId,
          locale: s.locale,
        });
    }
  }
  return [...seen.values()].sort((a, b) => (a.subscriptionId < b.subscriptionId ? -1 : 1));
}

const confirmOf = (target: BroadcastTarget, text: string, rs: readonly BroadcastRecipient[]) =>
  createHash('sha256')
    .update(JSON.stringify([target, text, rs.map((r) => `${r.platform}|${r.target}|${r.subscriptionId}`)]))
    .digest('hex');

export function createBroadcasts(deps: {
  subscriptions: Pick<SubscriptionStore, 'listActiveByIndicator'>;
  queue?: BroadcastQueue;
}) {
  async function preview(
    target: BroadcastTarget,
    text: string,
  ): Promise<BroadcastPreview & { recipients: BroadcastRecipient[] }> {
    const recipients = await broadcastRecipients(deps.subscriptions, target);
    const counts = { telegram: 0, discord: 0, kakao: 0 };
    for (const r of recipients) counts[r.platform] += 1;
    return {
      counts,
      total: recipients.length,
      texts: { ko: renderBroadcast(text, 'ko'), en: renderBroadcast(text, 'en') },
      confirm: confirmOf(target, text, recipients),
      recipients,
    };
  }
  return {
    async preview(target: BroadcastTarget, text: string): Promise<BroadcastPreview> {
      const { recipients: _r, ...p } = await preview(target, text);
      return p;
    },
    /** Sends only what the caller previewed: the audience and text must hash to the same confirmation. */
    async send(target: BroadcastTarget, text: string, confirm: string): Promise<BroadcastPreview> {
      if (!deps.queue)
        throw new RiskXpertError(
          'PROVIDER_FAILED',
          'Broadcast needs the notify queues (REDIS_URL or QUEUE_REDIS_URL).',
        );
      const p = await preview(target, text);
      if (p.confirm !== confirm)
        throw new RiskXpertError('BAD_REQUEST', 'No matching preview: the audience or text changed. Preview again.');
      // Same shape as alert keys (32 hex, the delivery ledger's format), derived from the confirmed broadcast.
      const hex = (...parts: string[]) => createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
      const eventKey = hex('broadcast', confirm);
      await deps.queue.enqueue(
        p.recipients.map((r) => ({
          deliveryKey: hex('broadcast', confirm, r.subscriptionId),
          eventKey,
          recipient: r,
          text: p.texts[r.locale],
        })),
      );
      const { recipients: _r, ...rest } = p;
      return rest;
    },
  };
}
export type Broadcasts = ReturnType<typeof createBroadcasts>;
