import { SingleBar } from 'cli-progress';
import type { Redis } from 'ioredis';
import { listenForShutdown } from '../src/app/shutdown-signal.js';
import type { CommandRegistrar } from '../src/cli.js';
import { getIndicator } from '../src/data/catalog.js';
import type { EtlPassResult } from '../src/data/etl-pass.js';
import { KIS_BASE_URLS, kisRequestsPerSecond } from '../src/data/providers/kis-provider.js';
import { createRedisKisTokenStore } from '../src/data/providers/kis-token-store.js';
import { createRedisPacer } from '../src/data/providers/redis-pacer.js';
import type { Config } from '../src/config.js';
import { isStale } from '../src/data/staleness.js';
import { RiskXpertError, toRiskXpertError } from '../src/errors.js';
import type { Runtime } from '../src/runtime.js';
import type { SeriesStatus } from '../src/store/series-store.js';
import { createEtlQueue, createEtlWorker, loadIndicator, scheduleEtl } from './etl-queue.js';
import { buildEtlBindings, buildEtlSources, type EtlSourceDeps } from './etl-sources.js';
import { enqueueAlertsOnLoad, startWorkerAlerts } from './alerts-runtime.js';
import { startWorkerNews } from './news-runtime.js';
import { startWorkerMetricsServer, type WorkerMetricsServer } from './worker-metrics-server.js';
import { missingSourceHints } from './etl-key-hints.js';
import { csvFolderStatus, formatCsvStatusLine } from './csv-folder-status.js';
import { listingStatusLine, registerListingCommand } from './stock-listing-command.js';
import { startListingRefresh } from './stock-listing-refresh.js';
import { newsFeedStatusText } from '../src/news/feed-status.js';

const ageDays = (d: Date | undefined, now: number) => (d ? Math.floor((now - d.getTime()) / 86_400_000) : undefined);

export interface EtlCommandOptions {
  /**
   * Runs after every load that produced a new data version, in the worker and in `etl run`; `connection` is the
   * queue Redis when one is configured (enqueue follow-up jobs, e.g. the alerts evaluation, with it).
   */
  onLoaded?: (result: EtlPassResult, deps: { runtime: Runtime; connection: Redis | undefined }) => Promise<void> | void;
}

/** One indicator in `riskxpert status`: source of the last load, points, range, staleness, last success and error. */
export function formatStatusLine(s: SeriesStatus, now: number): string {
  const age = ageDays(s.lastSuccessAt, now);
  const frequency = getIndicator(s.indicatorId)?.frequency ?? 'D';
  const stale = s.lastDate ? isStale(frequency, s.lastDate, now) : true;
  return `${s.indicatorId.padEnd(15)} ${(s.source ?? '-').padEnd(28)} ${String(s.points).padStart(6)} pts  ${s.firstDate ?? '-'}..${s.lastDate ?? '-'}${stale ? ' STALE' : ''}  last ok ${s.lastSuccessAt?.toISOString() ?? 'never'}${age !== undefined ? ` (${age} d ago)` : ''}${s.lastError ? `  last error ${s.lastErrorAt?.toISOString()}: ${s.lastError}` : ''}`;
}

/**
 * KIS tokens and KIS's per-second budget live in the queue Redis, so every worker and every `etl run` shares one
 * token (KIS issues one a minute) and one request budget (per app key, not per process).
 */
function sharedKis(connection: Redis | undefined, config: Config): EtlSourceDeps {
  if (!connection || !config.etl.kis) return {};
  const baseUrl = config.etl.baseUrls.kis ?? KIS_BASE_URLS[config.etl.kis.env];
  return {
    kisTokenStore: createRedisKisTokenStore({ redis: connection, prefix: config.cache.keyPrefix }),
    kisPacer: createRedisPacer({
      redis: connection,
      key: `${config.cache.keyPrefix}kis:pace:${config.etl.kis.env}`,
      perSecond: kisRequestsPerSecond(baseUrl),
    }),
  };
}

/** `riskxpert etl run`, `riskxpert status` and `riskxpert worker`, with the hook the alerts wiring plugs into. */
export const createEtlCommands =
  (options: EtlCommandOptions = {}): CommandRegistrar =>
  (program, ctx) => {
    const etl = program.command('etl').description('Data loading (ETL)');
    registerListingCommand(etl, ctx);
    etl
      .command('run')
      .description('Run one ETL pass in the foreground, with a progress bar')
      .option('-i, --indicator <id>', 'only this indicator')
      .action(async (opts: { indicator?: string }) => {
        const rt = await ctx.runtime();
        const connection = rt.queueRedis('one-shot');
        try {
          const bindings = await buildEtlBindings(rt.config, sharedKis(connection, rt.config));
          const ids = Object.keys(bindings).filter((id) => !opts.indicator || id === opts.indicator);
          const hints = missingSourceHints(rt.config, new Set(Object.keys(bindings)), opts.indicator);
          if (ids.length === 0) {
            for (const h of hints) ctx.io.err(`${h}\n`);
            throw new RiskXpertError(
              'BAD_REQUEST',
              opts.indicator
                ? `No source is configured for ${opts.indicator}.`
                : 'No data source is configured: ETL_PROVIDERS names none that can run (fred needs no key; ecos needs ECOS_API_KEY, kis KIS_APP_KEY and KIS_APP_SECRET, csv RISKXPERT_DATA_DIR).',
            );
          }
          if (rt.config.store.kind === 'memory')
            ctx.io.err(
              'riskxpert: series store is in-memory (STORE=memory): this pass checks the sources but keeps nothing (unset STORE to keep it in the embedded database)\n',
            );
          const bar = new SingleBar({
            format: 'etl [{bar}] {value}/{total} {indicator}',
            stream: process.stderr,
            hideCursor: true,
          });
          bar.start(ids.length, 0, { indicator: '' });
          const results: (EtlPassResult | { indicatorId: string; error: string })[] = [];
          for (const id of ids) {
            bar.update({ indicator: id });
            const b = bindings[id]!;
            try {
              const r = await loadIndicator({ indicatorId: id, binding: b, store: rt.seriesStore });
              if (r.changed) await options.onLoaded?.(r, { runtime: rt, connection });
              results.push(r);
            } catch (err) {
              results.push({ indicatorId: id, error: toRiskXpertError(err).message });
              ctx.exitCode = 1;
            }
            bar.increment();
          }
          bar.stop();
          for (const r of results) {
            ctx.io.out(
              'error' in r
                ? `✗ ${r.indicatorId.padEnd(15)} ${r.error}\n`
                : `✓ ${r.indicatorId.padEnd(15)} ${r.fetched} points (${r.inserted} new, ${r.updated} changed)${r.changed ? '' : ', unchanged'} from ${r.source}${r.fellBackFrom ? ` (fallback; ${r.fellBackFrom.join('; ')})` : ''}\n`,
            );
          }
          for (const h of hints) ctx.io.out(`${h}\n`);
          if (rt.config.store.kind === 'sqlite' && results.some((r) => !('error' in r)))
            ctx.io.out(`Kept in ${rt.config.store.sqlitePath}; \`riskxpert status\` lists it.\n`);
        } finally {
          await rt.close();
        }
      });

    program
      .command('status')
      .description('Data freshness per indicator: last success, last error, points, staleness')
      .option('--json', 'print JSON')
      .action(async (opts: { json?: boolean }) => {
        const rt = await ctx.runtime();
        try {
          const status = await rt.seriesStore.status();
          const csv = rt.config.data.dir ? await csvFolderStatus(rt.config.data.dir) : [];
          if (opts.json) {
            ctx.io.out(`${JSON.stringify([...status, ...csv], null, 2)}\n`);
            return;
          }
          const where =
            rt.config.store.kind === 'sqlite'
              ? `the embedded database ${rt.config.store.sqlitePath}`
              : rt.config.store.kind === 'mongodb'
                ? 'MongoDB'
                : 'memory (STORE=memory)';
          if (status.length === 0)
            ctx.io.out(`No ETL data yet in ${where}. Run \`riskxpert etl run\` (FRED needs no key) or the worker.\n`);
          else ctx.io.out(`Loaded data (${where}):\n`);
          const now = Date.now();
          for (const s of status) ctx.io.out(`${formatStatusLine(s, now)}\n`);
          const listing = await listingStatusLine(rt.stores.stockListing).catch(() => undefined);
          if (listing) ctx.io.out(`${listing}\n`);
          if (csv.length > 0) {
            ctx.io.out(`CSV folder (RISKXPERT_DATA_DIR=${rt.config.data.dir}), read when asked:\n`);
            for (const s of csv) ctx.io.out(`${formatCsvStatusLine(s, now)}\n`);
          }
          ctx.io.out(await newsFeedStatusText(rt.news.store));
        } finally {
          await rt.close();
        }
      });

    program
      .command('worker')
      .description('Run the BullMQ workers (etl, alerts, notify) until SIGTERM')
      .action(async () => {
        // Listened for from the start: a SIGTERM during start-up (a quick redeploy) still closes cleanly, not mid-way.
        const shutdown = listenForShutdown();
        try {
          await runWorker(shutdown.signal);
        } finally {
          shutdown.stop();
        }
      });

    async function runWorker(stopped: Promise<string>): Promise<void> {
      const rt = await ctx.runtime();
      // BullMQ workers block on Redis: they need maxRetriesPerRequest null (BullMQ's production rule).
      const connection = rt.queueRedis('worker');
      if (!connection)
        throw new RiskXpertError(
          'CONFIG_INVALID',
          'riskxpert worker needs QUEUE_REDIS_URL (or REDIS_URL): a Redis with maxmemory-policy noeviction.',
        );
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
      const alerts = await startWorkerAlerts(rt, connection);
      const news = await startWorkerNews(rt, connection);
      // Stock names for questions: only where KIS is in use (the master files are KIS's, though they need no key).
      const listing =
        rt.config.etl.kis && rt.config.etl.providers.includes('kis')
          ? startListingRefresh({
              store: rt.stores.stockListing,
              logger: rt.logger.child({ worker: 'krx-listing' }),
              ...(rt.config.etl.baseUrls.kisMaster ? { baseUrl: rt.config.etl.baseUrls.kisMaster } : {}),
            })
          : undefined;
      let metricsServer: WorkerMetricsServer | undefined;
      const metricsPort = rt.config.http.workerMetricsPort;
      if (metricsPort > 0) {
        try {
          metricsServer = await startWorkerMetricsServer({
            registry: rt.metrics.registry,
            port: metricsPort,
            logger: rt.logger,
          });
        } catch (err) {
          // Jobs matter more than their figures: run on, and let Prometheus's `up` show the missing target.
          rt.logger.error({ err, port: metricsPort }, 'worker metrics: cannot listen; running without /metrics');
        }
      }
      const signal = await stopped;
      rt.logger.info({ signal }, 'worker: finishing the job in flight, then closing');
      // close() waits for the job in flight; a job cut off by a crash is picked up again as stalled.
      await worker.close();
      await listing?.close();
      await alerts.close();
      await news.close();
      await metricsServer?.close();
      await queue.close();
      await rt.close();
    }
  };

export const registerEtlCommands: CommandRegistrar = createEtlCommands({ onLoaded: enqueueAlertsOnLoad });
