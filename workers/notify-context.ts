import { DelayedError, Worker, type ConnectionOptions, type Job, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { AlertDelivery, AlertSender, BatchAlertSender } from '../src/alerts/delivery.js';
import type { ChartStore } from '../src/chart/chart-store.js';
import type { Pacer } from '../src/data/providers/redis-pacer.js';
import type { Logger } from '../src/logger.js';
import type { DeliveryStore } from '../src/store/delivery-store.js';
import type { AlertPlatform, SubscriptionStore } from '../src/store/subscription-store.js';
import type { NotifyJobData } from './notify-queue.js';

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

/** What every platform's job processor shares: the options, the clock, and the queues and pacers per platform. */
export interface NotifyContext {
  o: NotifyWorkerOptions;
  now: () => number;
  gaps: { private: number; group: number };
  queues: Map<AlertPlatform, Queue<NotifyJobData>>;
  pacers: Map<AlertPlatform, Pacer>;
  count(p: AlertPlatform, outcome: NotifyOutcome, n?: number): void;
}

export function createNotifyContext(o: NotifyWorkerOptions): NotifyContext {
  return {
    o,
    now: o.now ?? Date.now,
    gaps: o.chatGapMs ?? { private: 1_000, group: 3_100 },
    queues: new Map(),
    pacers: new Map(),
    count: (p, outcome, n = 1) => {
      if (n > 0) o.onOutcome?.(p, outcome, n);
    },
  };
}

/** Puts the job back for later without using an attempt. */
export async function defer(job: Job<NotifyJobData>, token: string | undefined, ms: number): Promise<never> {
  await job.moveToDelayed(Date.now() + Math.max(1, Math.ceil(ms)), token);
  throw new DelayedError();
}

/** Acts on a "not delivered, try again" outcome once the claims are released. */
export async function retryLater(
  ctx: NotifyContext,
  platform: AlertPlatform,
  job: Job<NotifyJobData>,
  token: string | undefined,
  r: Extract<AlertDelivery, { kind: 'retry' }>,
  n: number,
): Promise<never> {
  ctx.count(platform, 'retried', n);
  if (r.afterMs !== undefined && r.global) {
    // The whole bot is limited: pause the queue for every worker, and put this job back without using an attempt.
    await ctx.queues.get(platform)!.rateLimit(r.afterMs);
    throw Worker.RateLimitError();
  }
  if (r.afterMs !== undefined) return defer(job, token, r.afterMs);
  throw new Error(`${platform} not delivered (${r.reason}); retrying with backoff`);
}
