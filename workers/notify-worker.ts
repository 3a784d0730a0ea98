import { Queue, Worker, type Job } from 'bullmq';
import type { AlertSender, BatchAlertSender } from '../src/alerts/delivery.js';
import { createRedisPacer } from '../src/data/providers/redis-pacer.js';
import type { AlertPlatform } from '../src/store/subscription-store.js';
import {
  createNotifyContext,
  type NotifyContext,
  type NotifyOutcome,
  type NotifyWorkerOptions,
} from './notify-context.js';
import { processKakao } from './notify-kakao.js';
import { NOTIFY_QUEUES, type NotifyJobData } from './notify-queue.js';
import { processSingle } from './notify-single.js';

export type { NotifyOutcome, NotifyWorkerOptions } from './notify-context.js';

/**
 * The notify workers, one per platform queue. Each delivery is reserved in the ledger (a retry of the same job may
 * take its reservation over), flipped to "sending" in one atomic step right before the request, and settled right
 * after; so a job retried or picked up again after a crash never pushes the same (event × subscription) twice,
 * and only a request cut off mid-flight stays "in doubt" (never resent).
 */
export function createNotifyWorkers(o: NotifyWorkerOptions) {
  const names = o.names ?? NOTIFY_QUEUES;
  const ctx = createNotifyContext(o);
  const workers: Worker<NotifyJobData, NotifyOutcome>[] = [];
  for (const platform of ['telegram', 'discord', 'kakao'] as const) {
    const sender = o.senders[platform];
    if (!sender) continue;
    workers.push(startPlatformWorker(ctx, platform, names[platform], sender));
  }

  return {
    workers,
    async close(): Promise<void> {
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all([...ctx.queues.values()].map((q) => q.close()));
    },
  };
}

/** The platform's queue handle and pacer in the context, then its worker. */
function startPlatformWorker(
  ctx: NotifyContext,
  platform: AlertPlatform,
  name: string,
  sender: AlertSender | BatchAlertSender,
): Worker<NotifyJobData, NotifyOutcome> {
  const { o } = ctx;
  ctx.queues.set(
    platform,
    new Queue<NotifyJobData>(name, {
      connection: o.connection,
      ...(o.prefix ? { prefix: o.prefix } : {}),
    }),
  );
  ctx.pacers.set(
    platform,
    createRedisPacer({ redis: o.redis, key: `${o.keyPrefix}pace:${platform}`, perSecond: o.perSecond[platform] }),
  );
  const processor = (job: Job<NotifyJobData>, token?: string) =>
    platform === 'kakao'
      ? processKakao(ctx, sender as BatchAlertSender, job, token)
      : processSingle(ctx, platform, sender as AlertSender, job, token);
  const worker = new Worker<NotifyJobData, NotifyOutcome>(name, processor, {
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
  return worker;
}
