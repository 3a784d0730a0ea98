import { Queue, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { runEtlPass, type EtlPassResult, type PointSource } from '../src/data/etl-pass.js';
import type { Logger } from '../src/logger.js';
import type { SeriesStore } from '../src/store/series-store.js';
import { ETL_JOB_OPTIONS, ETL_QUEUE, requestRefresh, type EtlJobData } from '../src/data/etl-jobs.js';

export interface EtlSourceBinding {
  source: PointSource;
  symbol: string;
  /** Cron in Asia/Seoul time. */
  cron: string;
}

const JOB_OPTIONS = ETL_JOB_OPTIONS;
export { requestRefresh, ETL_QUEUE, type EtlJobData };

export function createEtlQueue(connection: ConnectionOptions, prefix?: string): Queue<EtlJobData> {
  return new Queue<EtlJobData>(ETL_QUEUE, { connection, ...(prefix ? { prefix } : {}) });
}

/** One job scheduler per indicator (idempotent: re-running updates the schedule instead of adding one). */
export async function scheduleEtl(
  queue: Queue<EtlJobData>,
  bindings: Record<string, Pick<EtlSourceBinding, 'cron'>>,
  options: { every?: number; jobOptions?: Partial<typeof JOB_OPTIONS> } = {},
): Promise<string[]> {
  const ids: string[] = [];
  for (const [indicatorId, binding] of Object.entries(bindings)) {
    const id = `etl:${indicatorId}`;
    await queue.upsertJobScheduler(id, options.every ? { every: options.every } : { pattern: binding.cron, tz: 'Asia/Seoul' }, {
      name: 'etl',
      data: { indicatorId },
      opts: { ...JOB_OPTIONS, ...options.jobOptions },
    });
    ids.push(id);
  }
  return ids;
}

export function createEtlWorker(args: {
  connection: ConnectionOptions;
  prefix?: string;
  store: SeriesStore;
  bindings: Record<string, EtlSourceBinding>;
  logger: Logger;
  onLoaded?: (result: EtlPassResult) => Promise<void> | void;
  lockDuration?: number;
  stalledInterval?: number;
}): Worker<EtlJobData, EtlPassResult> {
  const worker = new Worker<EtlJobData, EtlPassResult>(
    ETL_QUEUE,
    async (job: Job<EtlJobData>, _token, signal) => {
      const binding = args.bindings[job.data.indicatorId];
      if (!binding) throw new Error(`No source configured for ${job.data.indicatorId}`);
      const result = await runEtlPass({ indicatorId: job.data.indicatorId, symbol: binding.symbol, source: binding.source, store: args.store, ...(signal ? { signal } : {}) });
      args.logger.info({ indicatorId: result.indicatorId, fetched: result.fetched, inserted: result.inserted, changed: result.changed, attempt: job.attemptsMade + 1 }, 'etl loaded');
      if (result.changed) await args.onLoaded?.(result);
      return result;
    },
    {
      connection: args.connection,
      ...(args.prefix ? { prefix: args.prefix } : {}),
      concurrency: 2,
      ...(args.lockDuration ? { lockDuration: args.lockDuration } : {}),
      ...(args.stalledInterval ? { stalledInterval: args.stalledInterval } : {}),
    },
  );
  worker.on('failed', (job, err) => args.logger.warn({ indicatorId: job?.data.indicatorId, attempt: job?.attemptsMade, err: err.message }, 'etl attempt failed'));
  return worker;
}
