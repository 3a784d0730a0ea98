import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq';
import type { AlertPlatform } from '../src/store/subscription-store.js';

/** One queue per platform, so each has its own BullMQ rate limiter shared by every worker process. */
export const NOTIFY_QUEUES: Record<AlertPlatform, string> = {
  telegram: 'notify-telegram',
  discord: 'notify-discord',
  kakao: 'notify-kakao',
};

export interface NotifyItem {
  /** Dedup key of (event × subscription): the delivery ledger key. */
  deliveryKey: string;
  subscriptionId: string;
  /** Chat id, Discord user id or Kakao botUserKey (no secrets in job data). */
  target: string;
  userId: string;
}

export interface NotifyJobData {
  platform: AlertPlatform;
  eventKey: string;
  /** One item for Telegram and Discord, up to 100 for Kakao. */
  items: NotifyItem[];
  text: string;
  chartToken?: string;
}

/**
 * Retries with exponential backoff; completed jobs are kept a day so that re-adding the same job id (a retried
 * alerts job) is a no-op in that time, and the delivery ledger covers the rest.
 */
export const NOTIFY_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 86_400, count: 200_000 },
  removeOnFail: { age: 7 * 86_400 },
};

export type NotifyQueues = Record<AlertPlatform, Queue<NotifyJobData>>;

export function createNotifyQueues(
  connection: ConnectionOptions,
  prefix?: string,
  names: Record<AlertPlatform, string> = NOTIFY_QUEUES,
): NotifyQueues {
  const make = (p: AlertPlatform) => new Queue<NotifyJobData>(names[p], { connection, ...(prefix ? { prefix } : {}) });
  return { telegram: make('telegram'), discord: make('discord'), kakao: make('kakao') };
}

export async function closeNotifyQueues(queues: NotifyQueues): Promise<void> {
  await Promise.all(Object.values(queues).map((q) => q.close()));
}
