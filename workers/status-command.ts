import type { Command } from 'commander';
import type { CliContext } from '../src/cli.js';
import { getIndicator } from '../src/data/catalog.js';
import { isStale } from '../src/data/staleness.js';
import { newsFeedStatusText } from '../src/news/feed-status.js';
import type { SeriesStatus } from '../src/store/series-store.js';
import { csvFolderStatus, formatCsvStatusLine } from './csv-folder-status.js';
import { listingStatusLine } from './stock-listing-command.js';

const ageDays = (d: Date | undefined, now: number) => (d ? Math.floor((now - d.getTime()) / 86_400_000) : undefined);

/** One indicator in `riskxpert status`: source of the last load, points, range, staleness, last success and error. */
export function formatStatusLine(s: SeriesStatus, now: number): string {
  const age = ageDays(s.lastSuccessAt, now);
  const frequency = getIndicator(s.indicatorId)?.frequency ?? 'D';
  const stale = s.lastDate ? isStale(frequency, s.lastDate, now) : true;
  return `${s.indicatorId.padEnd(15)} ${(s.source ?? '-').padEnd(28)} ${String(s.points).padStart(6)} pts  ${s.firstDate ?? '-'}..${s.lastDate ?? '-'}${stale ? ' STALE' : ''}  last ok ${s.lastSuccessAt?.toISOString() ?? 'never'}${age !== undefined ? ` (${age} d ago)` : ''}${s.lastError ? `  last error ${s.lastErrorAt?.toISOString()}: ${s.lastError}` : ''}`;
}

/** `riskxpert status`: what is loaded where, the stock listing, the CSV folder and the news feeds. */
export function registerStatusCommand(program: Command, ctx: CliContext): void {
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
}
