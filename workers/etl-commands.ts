import { SingleBar } from 'cli-progress';
import { Redis } from 'ioredis';
import type { CommandRegistrar } from '../src/cli.js';
import { runEtlPass, type EtlPassResult } from '../src/data/etl-pass.js';
import { RiskXpertError, toRiskXpertError } from '../src/errors.js';
import { createEtlQueue, createEtlWorker, scheduleEtl } from './etl-queue.js';
import { buildEtlBindings } from './etl-sources.js';

const ageDays = (d: Date | undefined, now: number) => (d ? Math.floor((now - d.getTime()) / 86_400_000) : undefined);

/** `riskxpert etl run`, `riskxpert status` and `riskxpert worker`. */
export const registerEtlCommands: CommandRegistrar = (program, ctx) => {
  const etl = program.command('etl').description('Data loading (ETL)');
  etl
    .command('run')
    .description('Run one ETL pass in the foreground, with a progress bar')
    .option('-i, --indicator <id>', 'only this indicator')
    .action(async (opts: { indicator?: string }) => {
      const rt = await ctx.runtime();
      try {
        const bindings = await buildEtlBindings(rt.config);
        const ids = Object.keys(bindings).filter((id) => !opts.indicator || id === opts.indicator);
        if (ids.length === 0) {
          throw new RiskXpertError('BAD_REQUEST', opts.indicator ? `No source is configured for ${opts.indicator}.` : 'No data source is configured: set RISKXPERT_DATA_DIR (or provider keys).');
        }
        if (rt.seriesStore && !rt.config.store.mongoUrl) ctx.io.err('riskxpert: series store is in-memory: this pass checks the sources but keeps nothing (set MONGODB_URL)\n');
        const bar = new SingleBar({ format: 'etl [{bar}] {value}/{total} {indicator}', stream: process.stderr, hideCursor: true });
        bar.start(ids.length, 0, { indicator: '' });
        const results: (EtlPassResult | { indicatorId: string; error: string })[] = [];
        for (const id of ids) {
          bar.update({ indicator: id });
          const b = bindings[id]!;
          try {
            results.push(await runEtlPass({ indicatorId: id, symbol: b.symbol, source: b.source, store: rt.seriesStore }));
          } catch (err) {
            results.push({ indicatorId: id, error: toRiskXpertError(err).message });
            ctx.exitCode = 1;
          }
          bar.increment();
        }
        bar.stop();
        for (const r of results) {
          ctx.io.out('error' in r ? `✗ ${r.indicatorId.padEnd(15)} ${r.error}\n` : `✓ ${r.indicatorId.padEnd(15)} ${r.fetched} points (${r.inserted} new, ${r.updated} changed)${r.changed ? '' : ', unchanged'}\n`);
        }
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
        if (opts.json) {
          ctx.io.out(`${JSON.stringify(status, null, 2)}\n`);
          return;
        }
        if (status.length === 0) ctx.io.out('No ETL data yet. Run `riskxpert etl run` or the worker.\n');
        const now = Date.now();
        for (const s of status) {
          const stale = ageDays(s.lastSuccessAt, now);
          ctx.io.out(
            `${s.indicatorId.padEnd(15)} ${String(s.points).padStart(6)} pts  ${s.firstDate ?? '-'}..${s.lastDate ?? '-'}  last ok ${s.lastSuccessAt?.toISOString() ?? 'never'}${stale !== undefined ? ` (${stale} d ago)` : ''}${s.lastError ? `  last error ${s.lastErrorAt?.toISOString()}: ${s.lastError}` : ''}\n`,
          );
        }
      } finally {
        await rt.close();
      }
    });

  program
    .command('worker')
    .description('Run the BullMQ workers (etl) until SIGTERM')
    .action(async () => {
      const rt = await ctx.runtime();
      const url = rt.config.queue.redisUrl;
      if (!url) throw new RiskXpertError('CONFIG_INVALID', 'riskxpert worker needs QUEUE_REDIS_URL (or REDIS_URL): a Redis with maxmemory-policy noeviction.');
      // BullMQ workers block on Redis: they need maxRetriesPerRequest null (BullMQ's production rule).
      const connection = new Redis(url, { maxRetriesPerRequest: null });
      const bindings = await buildEtlBindings(rt.config);
      const queue = createEtlQueue(connection);
      await scheduleEtl(queue, bindings);
      const worker = createEtlWorker({ connection, store: rt.seriesStore, bindings, logger: rt.logger.child({ worker: 'etl' }) });
      rt.logger.info({ indicators: Object.keys(bindings) }, 'etl worker running');
      await new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          rt.logger.info({ signal }, 'worker: finishing the job in flight, then closing');
          resolve();
        };
        process.once('SIGTERM', () => stop('SIGTERM'));
        process.once('SIGINT', () => stop('SIGINT'));
      });
      // close() waits for the job in flight; a job cut off by a crash is picked up again as stalled.
      await worker.close();
      await queue.close();
      connection.disconnect();
      await rt.close();
    });
};
