import type { Job } from 'bullmq';
import type { AlertDelivery, BatchAlertSender } from '../src/alerts/delivery.js';
import type { Subscription } from '../src/store/subscription-store.js';
import { retryLater, type NotifyContext, type NotifyOutcome } from './notify-context.js';
import type { NotifyItem, NotifyJobData } from './notify-queue.js';

const seoulDate = (at: number) => new Date(at + 9 * 3_600_000).toISOString().slice(0, 10);

/** One Kakao job: one billed Event API request for every subscriber who is still due and under the daily cap. */
export async function processKakao(
  ctx: NotifyContext,
  sender: BatchAlertSender,
  job: Job<NotifyJobData>,
  token: string | undefined,
): Promise<NotifyOutcome> {
  const { o } = ctx;
  const subs = await o.subscriptions.getMany(job.data.items.map((i) => i.subscriptionId));
  // A set of delivery keys per user and Seoul day: a retried job counts the same delivery once.
  const capKey = (userId: string) => `${o.keyPrefix}kcap:${seoulDate(ctx.now())}:${userId}`;
  // Issued together: ioredis pipelines them on one connection, so a batch of 100 costs a few round trips, not 200.
  const taken = await Promise.all(
    job.data.items.map((item) => claimUnderCap(ctx, job, item, subs.get(item.subscriptionId), capKey)),
  );
  const claimed = taken.filter((i): i is NotifyItem => i !== undefined);
  if (claimed.length === 0) return 'skipped';
  const r = await ctx.pacers.get('kakao')!.schedule(async () => {
    await o.deliveries.begin(claimed.map((i) => i.deliveryKey));
    return sender.sendBatch([...new Set(claimed.map((i) => i.target))], job.data.text, job.data.chartToken);
  });
  return settleBatch(ctx, { job, token, claimed, capKey }, r);
}

/** Reserves one subscriber's delivery and counts it against their day; undefined when it is not to be sent. */
async function claimUnderCap(
  ctx: NotifyContext,
  job: Job<NotifyJobData>,
  item: NotifyItem,
  sub: Subscription | undefined,
  capKey: (userId: string) => string,
): Promise<NotifyItem | undefined> {
  const { o } = ctx;
  if (!sub?.active || !sub.optIn) {
    ctx.count('kakao', 'skipped');
    return undefined;
  }
  const claim = await o.deliveries.claim({
    key: item.deliveryKey,
    eventKey: job.data.eventKey,
    subscriptionId: item.subscriptionId,
    platform: 'kakao',
    owner: String(job.id),
  });
  if (!claim.claimed) {
    ctx.count('kakao', claim.status === 'sending' ? 'in-doubt' : 'duplicate');
    return undefined;
  }
  const cap = capKey(item.userId);
  const [, [, n]] = (await o.redis
    .multi()
    .sadd(cap, item.deliveryKey)
    .scard(cap)
    .expire(cap, 2 * 86_400)
    .exec()) as [unknown, [null, number], unknown];
  if (n > o.kakaoDailyCap) {
    await o.redis.srem(cap, item.deliveryKey);
    await o.deliveries.settle(item.deliveryKey, 'capped');
    ctx.count('kakao', 'capped');
    return undefined;
  }
  return item;
}

/** Records the batch's outcome per subscriber; a retry hands back both the reservations and the day's count. */
async function settleBatch(
  ctx: NotifyContext,
  at: {
    job: Job<NotifyJobData>;
    token: string | undefined;
    claimed: NotifyItem[];
    capKey: (userId: string) => string;
  },
  r: AlertDelivery,
): Promise<NotifyOutcome> {
  const { o } = ctx;
  const { claimed } = at;
  switch (r.kind) {
    case 'sent': {
      const blocked = new Set(r.blocked ?? []);
      await Promise.all(
        claimed.map(async (item) => {
          const isBlocked = blocked.has(item.target);
          await o.deliveries.settle(item.deliveryKey, isBlocked ? 'blocked' : 'sent');
          if (isBlocked) await o.subscriptions.deactivateUser(item.userId, 'blocked on kakao');
        }),
      );
      ctx.count('kakao', 'sent', claimed.length - blocked.size);
      ctx.count('kakao', 'blocked', blocked.size);
      return 'sent';
    }
    case 'retry':
      for (const item of claimed) {
        await o.deliveries.release(item.deliveryKey);
        await o.redis.srem(at.capKey(item.userId), item.deliveryKey);
      }
      return retryLater(ctx, 'kakao', at.job, at.token, r, claimed.length);
    case 'in-doubt':
      o.logger.warn({ platform: 'kakao', users: claimed.length, reason: r.reason }, 'alert batch in doubt: not resent');
      ctx.count('kakao', 'in-doubt', claimed.length);
      return 'in-doubt';
    case 'blocked':
    case 'failed':
      for (const item of claimed) await o.deliveries.settle(item.deliveryKey, 'failed');
      o.logger.warn(
        { platform: 'kakao', users: claimed.length, reason: r.kind === 'failed' ? r.reason : 'blocked' },
        'alert batch refused',
      );
      ctx.count('kakao', 'failed', claimed.length);
      return 'failed';
  }
}
