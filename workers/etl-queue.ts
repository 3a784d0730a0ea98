import { Queue, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { runEtlPass, type EtlPassResult, type PointSource, type SourceRef } from '../src/data/etl-pass.js';
import { lastClosedKrxSession } from '../src/data/providers/market-hours.js';
import type { Logger } from '../src/logger.js';
import type { SeriesStore } from '../src/store/series-store.js';
import { ETL_JOB_OPTIONS, ETL_QUEUE, type EtlJobData } from '../src/data/etl-jobs.js';
import { requestRefresh } from './queue-driver.js';

export interface EtlSourceBinding {
  source: PointSource;
  symbol: string;
  /** Tried in order when the primary fails. */
  fallbacks?: SourceRef[];
  /** A KRX series keeps no bar of a session still open. */
  market?: 'KRX';
  /** Reload only this many days back once the primary has loaded the series (see runEtlPass). */
  incrementalDays?: number;
  /** Cron in Asia/Seoul time. */
  cron: string;
}

/** One load of one bound indicator (the worker and `riskxpert etl run` both go through here). */
export function loadIndicator(args: {
  indicatorId: string;
  binding: EtlSourceBinding;
  store: SeriesStore;
  now?: Date;
  signal?: AbortSignal;
}): Promise<EtlPassResult> {
  const now = args.now ?? new Date();
  const { binding } = args;
  return runEtlPass({
    indicatorId: args.indicatorId,
    symbol: binding.symbol,
    source: binding.source,
    ...(binding.fallbacks ? { fallbacks: binding.fallbacks } : {}),
    ...(binding.market === 'KRX' ? { to: lastClosedKrxSession(now.getTime()) } : {}),
    ...(binding.incrementalDays ? { incrementalDays: binding.incrementalDays } : {}),
    store: args.store,
    now,
    ...(args.signal ? { signal: args.signal } : {}),
  });
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
    await queue.upsertJobScheduler(
      id,
      options.every ? { every: options.every } : { pattern: binding.cron, tz: 'Asia/Seoul' },
      {
        name: 'etl',
        data: { indicatorId },
        opts: { ...JOB_OPTIONS, ...options.jobOptions },
      },
    );
    ids.push(id);
  }
  return ids;
}

export function createEtlWorker(args: {
  connection: ConnectionOptions;
  prefix?: string;
  store: SeriesStore;
  bindings: Record<string, EtlSourceBinding>;
  /** Bindings for ids outside `bindings` that load on demand (stocks, see buildEtlSources). */
  resolve?: (indicatorId: string) => EtlSourceBinding | undefined;
  logger: Logger;
  /**
   * Called after a load that produced a new data version (result.indicatorId, result.version): the hook for the
   * alerts evaluation. Answers need no purge: their cache key holds the data version. A throw fails the job, so
   * the hook runs again on retry (the load itself is idempotent), so it must tolerate a repeated version.
   */
  onLoaded?: (result: EtlPassResult) => Promise<void> | void;
  lockDuration?: number;
  stalledInterval?: number;
}): Worker<EtlJobData, EtlPassResult> {
  const worker = new Worker<EtlJobData, EtlPassResult>(
    ETL_QUEUE,
    async (job: Job<EtlJobData>, _token, signal) => {
      const id = job.data.indicatorId;
      const binding = Object.hasOwn(args.bindings, id) ? args.bindings[id] : args.resolve?.(id);
      if (!binding) throw new Error(`No source configured for ${job.data.indicatorId}`);
      const result = await loadIndicator({
        indicatorId: job.data.indicatorId,
        binding,
        store: args.store,
        ...(signal ? { signal } : {}),
      });
      args.logger.info(
        {
          indicatorId: result.indicatorId,
          source: result.source,
          fetched: result.fetched,
          inserted: result.inserted,
          changed: result.changed,
          attempt: job.attemptsMade + 1,
          ...(result.fellBackFrom ? { fellBackFrom: result.fellBackFrom } : {}),
        },
        'etl loaded',
      );
      // On a retry the data may have landed in an attempt whose hook then failed, so the hook runs again; its
      // consumer (alerts) dedups by indicator and version.
      if (result.changed || job.attemptsMade > 0) await args.onLoaded?.(result);
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
  worker.on('failed', (job, err) =>
    args.logger.warn(
      { indicatorId: job?.data.indicatorId, attempt: job?.attemptsMade, err: err.message },
      'etl attempt failed',
    ),
  );
  return worker;
}
