import { createHash } from 'node:crypto';
import type { JobsOptions } from 'bullmq';
import type { DueAlert } from '../src/alerts/evaluate-subscriptions.js';
import { quietDelayMs } from '../src/alerts/quiet-hours.js';
import type { StoredThreatEvent } from '../src/store/threat-event-store.js';
import type { AlertPlatform } from '../src/store/subscription-store.js';
import { NOTIFY_JOB_OPTIONS, type NotifyJobData, type NotifyQueues } from './notify-queue.js';

export interface PlannedJob {
  platform: AlertPlatform;
  name: string;
  data: NotifyJobData;
  opts: JobsOptions;
}

const KAKAO_BATCH = 100;

/**
 * Notify jobs for due alerts. Job ids are the delivery dedup keys (Telegram, Discord) or a hash of the batch's
 * keys (Kakao), so an alerts job retried after a crash adds the same jobs again and BullMQ ignores them.
 * Quiet hours become a job delay: held, not dropped. Discord and Kakao only reach users who opted in.
 */
export function planNotifyJobs(
  due: readonly DueAlert[],
  events: ReadonlyMap<string, StoredThreatEvent>,
  now: number,
): PlannedJob[] {
  const jobs: PlannedJob[] = [];
  const kakaoGroups = new Map<
    string,
    { delay: number; event: StoredThreatEvent; text: string; items: NotifyJobData['items'] }
  >();
  for (const d of due) {
    const s = d.subscription;
    const event = events.get(d.eventKey);
    if (!event) continue;
    if (s.platform !== 'telegram' && !s.optIn) continue;
    const delay = quietDelayMs(s.quietHours, now);
    const text = event.text[s.locale];
    const item = { deliveryKey: d.deliveryKey, subscriptionId: s.id, target: s.target, userId: s.userId };
    if (s.platform === 'kakao') {
      // A batch shares one delay and one text, so it groups by quiet-hours end and language.
      const k = `${d.eventKey}|${s.locale}|${delay}`;
      const g = kakaoGroups.get(k) ?? { delay, event, text, items: [] };
      g.items.push(item);
      kakaoGroups.set(k, g);
      continue;
    }
    jobs.push({
      platform: s.platform,
      name: 'alert',
      data: {
        platform: s.platform,
        eventKey: d.eventKey,
        items: [item],
        text,
        ...(event.chartToken ? { chartToken: event.chartToken } : {}),
      },
      opts: { ...NOTIFY_JOB_OPTIONS, jobId: d.deliveryKey, ...(delay > 0 ? { delay } : {}) },
    });
  }
  for (const g of kakaoGroups.values()) {
    const items = [...g.items].sort((a, b) => (a.subscriptionId < b.subscriptionId ? -1 : 1));
    for (let i = 0; i < items.length; i += KAKAO_BATCH) {
      const batch = items.slice(i, i + KAKAO_BATCH);
      const jobId = `k${createHash('sha256')
        .update(batch.map((x) => x.deliveryKey).join(','))
        .digest('hex')
        .slice(0, 32)}`;
      jobs.push({
        platform: 'kakao',
        name: 'alert-batch',
        data: {
          platform: 'kakao',
          eventKey: g.event.key,
          items: batch,
          text: g.text,
          ...(g.event.chartToken ? { chartToken: g.event.chartToken } : {}),
        },
        opts: { ...NOTIFY_JOB_OPTIONS, jobId, ...(g.delay > 0 ? { delay: g.delay } : {}) },
      });
    }
  }
  return jobs;
}

export async function enqueueNotifyJobs(
  queues: NotifyQueues,
  jobs: readonly PlannedJob[],
  chunk = 1_000,
): Promise<void> {
  for (const platform of ['telegram', 'discord', 'kakao'] as const) {
    const mine = jobs.filter((j) => j.platform === platform);
    for (let i = 0; i < mine.length; i += chunk) {
      await queues[platform].addBulk(
        mine.slice(i, i + chunk).map((j) => ({ name: j.name, data: j.data, opts: j.opts })),
      );
    }
  }
}
