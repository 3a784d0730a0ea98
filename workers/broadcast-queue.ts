import { createHash } from 'node:crypto';
import type { BroadcastMessage, BroadcastQueue } from '../src/ops/broadcast.js';
import { enqueueNotifyJobs, type PlannedJob } from './alerts-fanout.js';
import { NOTIFY_JOB_OPTIONS, type NotifyQueues } from './notify-queue.js';

const KAKAO_BATCH = 100;

/**
 * Broadcasts as notify jobs: the same queues as alerts, so the same per-platform rate limits, per-chat gaps, Kakao
 * daily cap, quiet hours and delivery ledger apply. Job ids are the delivery keys (Kakao: a hash of the batch's),
 * so sending the same confirmed broadcast twice adds nothing.
 */
export function planBroadcastJobs(messages: readonly BroadcastMessage[]): PlannedJob[] {
  const jobs: PlannedJob[] = [];
  const kakao = new Map<string, BroadcastMessage[]>();
  for (const m of messages) {
    const r = m.recipient;
    const item = { deliveryKey: m.deliveryKey, subscriptionId: r.subscriptionId, target: r.target, userId: r.userId };
    if (r.platform === 'kakao') {
      const k = `${m.eventKey}|${m.text}`;
      kakao.set(k, [...(kakao.get(k) ?? []), m]);
      continue;
    }
    jobs.push({
      platform: r.platform,
      name: 'broadcast',
      data: { platform: r.platform, eventKey: m.eventKey, items: [item], text: m.text },
      opts: { ...NOTIFY_JOB_OPTIONS, jobId: m.deliveryKey },
    });
  }
  for (const group of kakao.values()) {
    for (let i = 0; i < group.length; i += KAKAO_BATCH) {
      const batch = group.slice(i, i + KAKAO_BATCH);
      const first = batch[0]!;
      const keys = batch.map((m) => m.deliveryKey);
      jobs.push({
        platform: 'kakao',
        name: 'broadcast-batch',
        data: {
          platform: 'kakao',
          eventKey: first.eventKey,
          items: batch.map((m) => ({
            deliveryKey: m.deliveryKey,
            subscriptionId: m.recipient.subscriptionId,
            target: m.recipient.target,
            userId: m.recipient.userId,
          })),
          text: first.text,
        },
        opts: {
          ...NOTIFY_JOB_OPTIONS,
          jobId: `kb${createHash('sha256').update(keys.join(',')).digest('hex').slice(0, 32)}`,
        },
      });
    }
  }
  return jobs;
}

export const notifyBroadcastQueue = (queues: NotifyQueues): BroadcastQueue => ({
  enqueue: (messages) => enqueueNotifyJobs(queues, planBroadcastJobs(messages)),
});
