import type { Command } from 'commander';
import type { Redis } from 'ioredis';
import { listenForShutdown } from '../src/app/shutdown-signal.js';
import type { CliContext } from '../src/cli.js';
import type { EtlPassResult } from '../src/data/etl-pass.js';
import { RiskXpertError } from '../src/errors.js';
import type { Runtime } from '../src/runtime.js';
import { startWorkerAlerts } from './alerts-runtime.js';
import { sharedKis, type EtlCommandOptions } from './etl-command-deps.js';
import { createEtlQueue, createEtlWorker, scheduleEtl } from './etl-queue.js';
import { buildEtlSources } from './etl-sources.js';
import { startWorkerNews } from './news-runtime.js';
import { startListingRefresh } from './stock-listing-refresh.js';
import { startWorkerMetricsServer, type WorkerMetricsServer } from './worker-metrics-server.js';

/** `riskxpert worker`: the ETL, alerts, notify and news workers until SIGTERM. */
export function registerWorkerCommand(program: Command, ctx: CliContext, options: EtlCommandOptions): void {
  program
    .command('worker')
    .description('Run the BullMQ workers (etl, alerts, notify) until SIGTERM')
    .action(async () => {
      // Listened for from the start: a SIGTERM during start-up (a quick redeploy) still closes cleanly, not mid-way.
      const shutdown = listenForShutdown();
      try {
        await runWorker(ctx, options, shutdown.signal);
      } finally {
        shutdown.stop();
      }
    });
}

async function runWorker(ctx: CliContext, options: EtlCommandOptions, stopped: Promise<string>): Promise<void> {
  const rt = await ctx.runtime();
  // BullMQ workers block on Redis: they need maxRetriesPerRequest null (BullMQ's production rule).
  const connection = rt.queueRedis('worker');
  if (!connection)
    throw new RiskXpertError(
      'CONFIG_INVALID',
      'riskxpert worker needs QUEUE_REDIS_URL (or REDIS_URL): a Redis with maxmemory-policy noeviction.',
    );
  const etl = await startEtlWorker(rt, connection, options);
  const alerts = await startWorkerAlerts(rt, connection);
  const news = await startWorkerNews(rt, connection);
  const listing = startListing(rt);
  const metricsServer = await startMetrics(rt);
  const signal = await stopped;
  rt.logger.info({ signal }, 'worker: finishing the job in flight, then closing');
  // close() waits for the job in flight; a job cut off by a crash is picked up again as stalled.
  await etl.worker.close();
  await listing?.close();
  await alerts.close();
  await news.close();
  await metricsServer?.close();
  await etl.queue.close();
  await rt.close();
}

/** Schedules every bound indicator's repeatable job and starts the worker that loads them. */
async function startEtlWorker(rt: Runtime, connection: Redis, options: EtlCommandOptions) {
  const { bindings, resolve } = await buildEtlSources(rt.config, sharedKis(connection, rt.config));
  const queue = createEtlQueue(connection);
  await scheduleEtl(queue, bindings);
  const onLoaded = options.onLoaded;
  const worker = createEtlWorker({
    connection,
    store: rt.seriesStore,
    bindings,
    resolve,
    logger: rt.logger.child({ worker: 'etl' }),
    ...(onLoaded ? { onLoaded: (r: EtlPassResult) => onLoaded(r, { runtime: rt, connection }) } : {}),
  });
  rt.metrics.watchQueue(queue);
  rt.metrics.observeWorker(worker);
  rt.logger.info({ indicators: Object.keys(bindings) }, 'etl worker running');
  return { queue, worker };
}

/** Stock names for questions: only where KIS is in use (the master files are KIS's, though they need no key). */
function startListing(rt: Runtime) {
  return rt.config.etl.kis && rt.config.etl.providers.includes('kis')
    ? startListingRefresh({
        store: rt.stores.stockListing,
        logger: rt.logger.child({ worker: 'krx-listing' }),
        ...(rt.config.etl.baseUrls.kisMaster ? { baseUrl: rt.config.etl.baseUrls.kisMaster } : {}),
      })
    : undefined;
}

async function startMetrics(rt: Runtime): Promise<WorkerMetricsServer | undefined> {
  const metricsPort = rt.config.http.workerMetricsPort;
  if (!(metricsPort > 0)) return undefined;
  try {
    return await startWorkerMetricsServer({
      registry: rt.metrics.registry,
      port: metricsPort,
      logger: rt.logger,
    });
  } catch (err) {
    // Jobs matter more than their figures: run on, and let Prometheus's `up` show the missing target.
    rt.logger.error({ err, port: metricsPort }, 'worker metrics: cannot listen; running without /metrics');
    return undefined;
  }
}
