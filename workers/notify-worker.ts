import { DelayedError, Queue, Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { AlertDelivery, AlertSender, BatchAlertSender } from '../src/alerts/delivery.js';
import { quietDelayMs } from '../src/alerts/quiet-hours.js';
import type { ChartStore } from '../src/chart/chart-store.js';
import { createRedisPacer, type Pacer } from '../src/data/providers/redis-pacer.js';
import type { Logger } from '../src/logger.js';
import type { DeliveryStore } from '../src/store/delivery-store.js';
import type { AlertPlatform, SubscriptionStore } from '../src/store/subscription-store.js';
import { NOTIFY_QUEUES, type NotifyItem, type NotifyJobData } from './notify-queue.js';

export type NotifyOutcome =
  'sent' | 'blocked' | 'capped' | 'skipped' | 'duplicate' | 'in-doubt' | 'failed' | 'deferred' | 'retried';

export interface NotifyWorkerOptions {
  connection: ConnectionOptions;
  prefix?: string;
  names?: Record<AlertPlatform, string>;
  /** A plain (non-blocking) client of the queue Redis, for per-chat gaps and Kakao daily counts. */
  redis: Redis;
  keyPrefix: string;
  subscriptions: SubscriptionStore;
  deliveries: DeliveryStore;
  charts?: ChartStore;
  senders: { telegram?: AlertSender; discord?: AlertSender; kakao?: BatchAlertSender };
  /**
   * Sends (Kakao: requests) per second per platform, as slots spaced on the Redis clock that every worker process
   * reserves from, so the fleet together stays under the platform's limit and no rolling second goes over it.
   */
  perSecond: Record<AlertPlatform, number>;
  /** At most one message per second per private chat or DM channel; Telegram groups 20/min. */
  chatGapMs?: { private: number; group: number };
  /** Kakao messages per user per Seoul day (each one is billed). */
  kakaoDailyCap: number;
  concurrency?: Partial<Record<AlertPlatform, number>>;
  lockDuration?: number;
  stalledInterval?: number;
  logger: Logger;
  now?: () => number;
  onOutcome?: (platform: AlertPlatform, outcome: NotifyOutcome, count: number) => void;
}

const seoulDate = (at: number) => new Date(at + 9 * 3_600_000).toISOString().slice(0, 10);

/**
 * The notify workers, one per platform queue. Each delivery is reserved in the ledger (a retry of the same job may
 * take its reservation over), flipped to "sending" in one atomic step right before the request, and settled right
 * after; so a job retried or picked up again after a crash never pushes the same (event × subscription) twice,
 * and only a request cut off mid-flight stays "in doubt" (never resent).
 */
/** How long a chat stays held for a send in progress (pacer wait plus request) before a crashed worker's hold lapses. */
const CHAT_HOLD_MS = 30_000;

export function createNotifyWorkers(o: NotifyWorkerOptions) {
  const names = o.names ?? NOTIFY_QUEUES;
  const now = o.now ?? Date.now;
  const gaps = o.chatGapMs ?? { private: 1_000, group: 3_100 };
  const queues = new Map<AlertPlatform, Queue<NotifyJobData>>();
  const pacers = new Map<AlertPlatform, Pacer>();
  const count = (p: AlertPlatform, outcome: NotifyOutcome, n = 1) => {
    if (n > 0) o.onOutcome?.(p, outcome, n);
  };

  async function defer(job: Job<NotifyJobData>, token: string | undefined, ms: number): Promise<never> {
    await job.moveToDelayed(Date.now() + Math.max(1, Math.ceil(ms)), token);
    throw new DelayedError();
  }

  /** Acts on a "not delivered, try again" outcome once the claims are released. */
  async function retryLater(
    platform: AlertPlatform,
    job: Job<NotifyJobData>,
    token: string | undefined,
    r: Extract<AlertDelivery, { kind: 'retry' }>,
    n: number,
  ): Promise<never> {
    count(platform, 'retried', n);
    if (r.afterMs !== undefined && r.global) {
      // The whole bot is limited: pause the queue for every worker, and put this job back without using an attempt.
      await queues.get(platform)!.rateLimit(r.afterMs);
      throw Worker.RateLimitError();
    }
    if (r.afterMs !== undefined) return defer(job, token, r.afterMs);
    throw new Error(`${platform} not delivered (${r.reason}); retrying with backoff`);
  }

  async function processSingle(
    platform: 'telegram' | 'discord',
    sender: AlertSender,
    job: Job<NotifyJobData>,
    token: string | undefined,
  ): Promise<NotifyOutcome> {
    const item = job.data.items[0];
    if (!item) return 'skipped';
    const sub = await o.subscriptions.get(item.subscriptionId);
    if (!sub?.active || (platform === 'discord' && !sub.optIn)) {
      count(platform, 'skipped');
      return 'skipped';
    }
    const quiet = quietDelayMs(sub.quietHours, now());
    if (quiet > 0) {
      count(platform, 'deferred');
      return defer(job, token, quiet);
    }
    // One message per second per chat (Telegram) or DM channel (Discord): a user whose several rules fire on one
    // load gets them a second apart, across every worker process. The chat is held from here until the send has
    // finished and for one gap after it, so the spacing runs from when the platform had the previous message, not
    // from when it was queued: a wait for the platform-wide pacer slot can be longer than the gap itself.
    const gapKey = `${o.keyPrefix}${platform}-chat:${item.target}`;
    const gap = platform === 'telegram' && item.target.startsWith('-') ? gaps.group : gaps.private;
    if ((await o.redis.set(gapKey, '1', 'PX', gap + CHAT_HOLD_MS, 'NX')) !== 'OK') {
      return defer(job, token, Math.max(Math.min(await o.redis.pttl(gapKey), gap), 20));
    }
    const png = job.data.chartToken && o.charts ? await o.charts.get(job.data.chartToken) : undefined;
    const claim = await o.deliveries.claim({
      key: item.deliveryKey,
      eventKey: job.data.eventKey,
      subscriptionId: item.subscriptionId,
      platform,
      owner: String(job.id),
    });
    if (!claim.claimed) {
      await o.redis.del(gapKey);
      const outcome = claim.status === 'sending' ? 'in-doubt' : 'duplicate';
      count(platform, outcome);
      return outcome;
    }
    // The slot wait comes before "sending": a worker killed while waiting leaves a reservation its retry takes over.
    const r = await pacers.get(platform)!.schedule(async () => {
      await o.deliveries.begin([item.deliveryKey]);
      return sender.send(item.target, job.data.text, png);
    });
    await o.redis.set(gapKey, '1', 'PX', gap);
    switch (r.kind) {
      case 'sent':
        await o.deliveries.settle(item.deliveryKey, 'sent');
        count(platform, 'sent');
        return 'sent';
      case 'blocked':
        await o.deliveries.settle(item.deliveryKey, 'blocked');
        await o.subscriptions.deactivateUser(sub.userId, `blocked on ${platform}`);
        o.logger.info({ platform, subscription: sub.id }, 'user blocked the bot: subscriptions deactivated');
        count(platform, 'blocked');
        return 'blocked';
      case 'retry':
        await o.deliveries.release(item.deliveryKey);
        return retryLater(platform, job, token, r, 1);
      case 'in-doubt':
        o.logger.warn(
          { platform, delivery: item.deliveryKey, reason: r.reason },
          'alert delivery in doubt: not resent',
        );
        count(platform, 'in-doubt');
        return 'in-doubt';
      case 'failed':
        await o.deliveries.settle(item.deliveryKey, 'failed');
        o.logger.warn({ platform, delivery: item.deliveryKey, reason: r.reason }, 'alert refused by the platform');
        count(platform, 'failed');
        return 'failed';
    }
  }

  async function processKakao(
    sender: BatchAlertSender,
    job: Job<NotifyJobData>,
    token: string | undefined,
  ): Promise<NotifyOutcome> {
    const subs = await o.subscriptions.getMany(job.data.items.map((i) => i.subscriptionId));
    // A set of delivery keys per user and Seoul day: a retried job counts the same delivery once.
    const capKey = (userId: string) => `${o.keyPrefix}kcap:${seoulDate(now())}:${userId}`;
    // Issued together: ioredis pipelines them on one connection, so a batch of 100 costs a few round trips, not 200.
    const taken = await Promise.all(
      job.data.items.map(async (item): Promise<NotifyItem | undefined> => {
        const sub = subs.get(item.subscriptionId);
        if (!sub?.active || !sub.optIn) {
          count('kakao', 'skipped');
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
          count('kakao', claim.status === 'sending' ? 'in-doubt' : 'duplicate');
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
          count('kakao', 'capped');
          return undefined;
        }
        return item;
      }),
    );
    const claimed = taken.filter((i): i is NotifyItem => i !== undefined);
    if (claimed.length === 0) return 'skipped';
    const r = await pacers.get('kakao')!.schedule(async () => {
      await o.deliveries.begin(claimed.map((i) => i.deliveryKey));
      return sender.sendBatch([...new Set(claimed.map((i) => i.target))], job.data.text, job.data.chartToken);
    });
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
        count('kakao', 'sent', claimed.length - blocked.size);
        count('kakao', 'blocked', blocked.size);
        return 'sent';
      }
      case 'retry':
        for (const item of claimed) {
          await o.deliveries.release(item.deliveryKey);
          await o.redis.srem(capKey(item.userId), item.deliveryKey);
        }
        return retryLater('kakao', job, token, r, claimed.length);
      case 'in-doubt':
        o.logger.warn(
          { platform: 'kakao', users: claimed.length, reason: r.reason },
          'alert batch in doubt: not resent',
        );
        count('kakao', 'in-doubt', claimed.length);
        return 'in-doubt';
      case 'blocked':
      case 'failed':
        for (const item of claimed) await o.deliveries.settle(item.deliveryKey, 'failed');
        o.logger.warn(
          { platform: 'kakao', users: claimed.length, reason: r.kind === 'failed' ? r.reason : 'blocked' },
          'alert batch refused',
        );
        count('kakao', 'failed', claimed.length);
        return 'failed';
    }
  }

  const workers: Worker<NotifyJobData, NotifyOutcome>[] = [];
  for (const platform of ['telegram', 'discord', 'kakao'] as const) {
    const sender = o.senders[platform];
    if (!sender) continue;
    queues.set(
      platform,
      new Queue<NotifyJobData>(names[platform], {
        connection: o.connection,
        ...(o.prefix ? { prefix: o.prefix } : {}),
      }),
    );
    pacers.set(
      platform,
      createRedisPacer({ redis: o.redis, key: `${o.keyPrefix}pace:${platform}`, perSecond: o.perSecond[platform] }),
    );
    const processor = (job: Job<NotifyJobData>, token?: string) =>
      platform === 'kakao'
        ? processKakao(sender as BatchAlertSender, job, token)
        : processSingle(platform, sender as AlertSender, job, token);
    const worker = new Worker<NotifyJobData, NotifyOutcome>(names[platform], processor, {
      connection: o.connection,
      ...(o.prefix ? { prefix: o.prefix } : {}),
      // Enough jobs in hand to keep every slot used while each waits for its slot and its request.
      concurrency: o.concurrency?.[platform] ?? (platform === 'kakao' ? 4 : 16),
      ...(o.lockDuration ? { lockDuration: o.lockDuration } : {}),
      ...(o.stalledInterval ? { stalledInterval: o.stalledInterval } : {}),
    });
    worker.on('failed', (job, err) =>
      o.logger.warn({ platform, job: job?.id, attempt: job?.attemptsMade, err: err.message }, 'notify attempt failed'),
    );
    worker.on('error', (err) => o.logger.error({ platform, err: err.message }, 'notify worker error'));
    workers.push(worker);
  }

  return {
    workers,
    async close(): Promise<void> {
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all([...queues.values()].map((q) => q.close()));
    },
  };
}
