import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import type { CliContext } from '../src/cli.js';
import type { EtlPassResult } from '../src/data/etl-pass.js';
import { RiskXpertError, toRiskXpertError } from '../src/errors.js';
import type { Runtime } from '../src/runtime.js';
import { sharedKis, type EtlCommandOptions } from './etl-command-deps.js';
import { missingSourceHints } from './etl-key-hints.js';
import { loadIndicator } from './etl-queue.js';
import { buildEtlBindings } from './etl-sources.js';

type Bindings = Awaited<ReturnType<typeof buildEtlBindings>>;
type PassOutcome = EtlPassResult | { indicatorId: string; error: string };

/** `riskxpert etl run`: one pass in the foreground, a line per indicator, and the hints for sources left out. */
export function registerEtlRunCommand(etl: Command, ctx: CliContext, options: EtlCommandOptions): void {
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
        const results = await loadWithProgress(ctx, rt, bindings, ids, async (r) => {
          if (r.changed) await options.onLoaded?.(r, { runtime: rt, connection });
        });
        for (const r of results) ctx.io.out(resultLine(r));
        for (const h of hints) ctx.io.out(`${h}\n`);
        if (rt.config.store.kind === 'sqlite' && results.some((r) => !('error' in r)))
          ctx.io.out(`Kept in ${rt.config.store.sqlitePath}; \`riskxpert status\` lists it.\n`);
      } finally {
        await rt.close();
      }
    });
}

/** Loads the indicators one by one; a failure is noted (and sets the exit code) without stopping the others. */
async function loadWithProgress(
  ctx: CliContext,
  rt: Runtime,
  bindings: Bindings,
  ids: string[],
  onLoaded: (r: EtlPassResult) => Promise<void>,
): Promise<PassOutcome[]> {
  const bar = new SingleBar({
    format: 'etl [{bar}] {value}/{total} {indicator}',
    stream: process.stderr,
    hideCursor: true,
  });
  bar.start(ids.length, 0, { indicator: '' });
  const results: PassOutcome[] = [];
  for (const id of ids) {
    bar.update({ indicator: id });
    const b = bindings[id]!;
    try {
      const r = await loadIndicator({ indicatorId: id, binding: b, store: rt.seriesStore });
      await onLoaded(r);
      results.push(r);
    } catch (err) {
      results.push({ indicatorId: id, error: toRiskXpertError(err).message });
      ctx.exitCode = 1;
    }
    bar.increment();
  }
  bar.stop();
  return results;
}

function resultLine(r: PassOutcome): string {
  return 'error' in r
    ? `✗ ${r.indicatorId.padEnd(15)} ${r.error}\n`
    : `✓ ${r.indicatorId.padEnd(15)} ${r.fetched} points (${r.inserted} new, ${r.updated} changed)${r.changed ? '' : ', unchanged'} from ${r.source}${r.fellBackFrom ? ` (fallback; ${r.fellBackFrom.join('; ')})` : ''}\n`;
}
