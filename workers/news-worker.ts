import { Queue, Worker, type ConnectionOptions } from 'bullmq';
import type { Logger } from '../src/logger.js';
import type { IngestReport } from '../src/news/news-ingest.js';
import type { NewsServices } from '../src/news/news-services.js';

export const NEWS_QUEUE = 'riskxpert-news';
const SCHEDULER_ID = 'news:fetch';

export interface NewsWorker {
  queue: Queue;
  worker: Worker;
  close(): Promise<void>;
}

/**
 * Fetches every feed on a BullMQ job scheduler (every NEWS_FETCH_INTERVAL_MIN, 15 by default). One scheduler id for
 * the whole fleet: however many workers run, each tick is one job, so feeds are fetched once per tick. A fetch
 * never fails as a whole because a feed failed (that is in its report); only a store failure fails the job.
 */
export async function startNewsWorker(args: {
  connection: ConnectionOptions;
  prefix?: string;
  services: NewsServices;
  logger: Logger;
  everyMs?: number;
  /** After each fetch: the threat signal (news bursts, watched sources) plugs in here. */
  onFetched?: (report: IngestReport) => Promise<void>;
}): Promise<NewsWorker> {
  const base = { connection: args.connection, ...(args.prefix ? { prefix: args.prefix } : {}) };
  const queue = new Queue(NEWS_QUEUE, base);
  await queue.upsertJobScheduler(
    SCHEDULER_ID,
    { every: args.everyMs ?? args.services.config.intervalMinutes * 60_000 },
    {
      name: 'news-fetch',
      data: {},
      opts: {
        attempts: 2,
        backoff: { type: 'exponential', delay: 30_000 },
        removeOnComplete: { count: 100 },
        removeOnFail: { count: 100 },
      },
    },
  );
  const worker = new Worker(
    NEWS_QUEUE,
    async () => {
      const report = await args.services.fetchAll();
      for (const f of report.feeds)
        if (f.status === 'error') args.logger.warn({ feed: f.name, error: f.error }, 'news feed failed');
      args.logger.info(
        { feeds: report.feeds.length, added: report.added.length, merged: report.merged, purged: report.purged },
        'news fetched',
      );
      await args.onFetched?.(report);
      return {
        added: report.added.length,
        merged: report.merged,
        failed: report.feeds.filter((f) => f.status === 'error').map((f) => f.name),
      };
    },
    { ...base, concurrency: 1 },
  );
  worker.on('failed', (job, err) =>
    args.logger.warn({ attempt: job?.attemptsMade, err: err.message }, 'news fetch failed'),
  );
  return {
    queue,
    worker,
    async close() {
      await worker.close();
      await queue.close();
    },
  };
}
