import type { ConnectionOptions } from 'bullmq';
import type { NewsConfig } from '../src/news/news-config.js';
import type { IngestReport } from '../src/news/news-ingest.js';
import type { NewsStore } from '../src/news/news-store.js';
import { raiseNewsThreats } from '../src/news/news-threat.js';
import type { SubscriptionStore } from '../src/store/subscription-store.js';
import type { ThreatEventStore } from '../src/store/threat-event-store.js';
import { enqueueNotifyJobs, planNotifyJobs } from './alerts-fanout.js';
import { closeNotifyQueues, createNotifyQueues, type NotifyQueues } from './notify-queue.js';

/**
 * News as a threat signal: after each fetch, bursts and watched sources become threat events, delivered through
 * the same notify queues (and so the same per-platform limits, quiet hours, opt-in and delivery ledger) as every
 * other alert.
 */
export function createNewsAlerts(deps: {
  connection: ConnectionOptions;
  prefix?: string;
  queues?: NotifyQueues;
  news: NewsStore;
  events: ThreatEventStore;
  subscriptions: Pick<SubscriptionStore, 'listActiveByIndicator'>;
  config: Pick<NewsConfig, 'feeds' | 'burstZ' | 'burstMinCount'>;
  now?: () => Date;
}): { onFetched(report: IngestReport): Promise<{ events: number; jobs: number }>; close(): Promise<void> } {
  const queues = deps.queues ?? createNotifyQueues(deps.connection, deps.prefix);
  const watched = new Set(deps.config.feeds.filter((f) => f.watched).map((f) => f.name));
  return {
    async onFetched(report) {
      const now = (deps.now ?? (() => new Date()))();
      const { events, due } = await raiseNewsThreats(
        {
          news: deps.news,
          events: deps.events,
          subscriptions: deps.subscriptions,
          now,
          watched,
          burstZ: deps.config.burstZ,
          burstMinCount: deps.config.burstMinCount,
        },
        report.added,
      );
      const jobs = planNotifyJobs(due, events, now.getTime());
      await enqueueNotifyJobs(queues, jobs);
      return { events: events.size, jobs: jobs.length };
    },
    async close() {
      if (!deps.queues) await closeNotifyQueues(queues);
    },
  };
}
