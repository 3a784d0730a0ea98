import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { CliContext, CommandRegistrar } from '../cli.js';
import { getIndicator } from '../data/catalog.js';
import { readCsvSeries } from '../data/read-csv-series.js';
import { stockCodeOf } from '../data/stock-instruments.js';
import { RiskXpertError } from '../errors.js';
import { openStores } from '../store/open-stores.js';
import { backupDatabase, restoreDatabase, type TableCounts } from '../store/sqlite-backup.js';

const rows = (c: TableCounts) =>
  Object.entries(c)
    .map(([t, n]) => `${t} ${n}`)
    .join(', ');

/** `riskxpert backup FILE`, `riskxpert restore FILE` and `riskxpert data import`: the embedded database's tools. */
export const registerStoreCommands: CommandRegistrar = (program, ctx) => {
  const sqlitePath = () => {
    const c = ctx.config().store;
    if (c.kind !== 'sqlite')
      throw new RiskXpertError(
        'BAD_REQUEST',
        `backup and restore are for the embedded database (STORE=sqlite); this configuration uses ${c.kind}${c.kind === 'mongodb' ? ' (use mongodump)' : ''}.`,
      );
    return c.sqlitePath;
  };

  program
    .command('backup')
    .description('Copy the embedded database to FILE, consistently, while serve and worker keep running')
    .argument('<file>', 'where to write the copy')
    .action(async (file: string) => {
      const source = sqlitePath();
      const r = await backupDatabase(source, resolve(file));
      ctx.io.out(`Backed up ${source} to ${resolve(file)} (${r.pages} pages): ${rows(r.counts)}\n`);
    });

  program
    .command('restore')
    .description('Replace the embedded database with a backup FILE (refused while a RiskXpert process has it open)')
    .argument('<file>', 'a file written by `riskxpert backup`')
    .action(async (file: string) => {
      const target = sqlitePath();
      const r = await restoreDatabase(resolve(file), target);
      ctx.io.out(
        `Restored ${resolve(file)} into ${target}: ${rows(r.counts)}\n${r.previous ? `The database it replaced is kept as ${r.previous}\n` : ''}`,
      );
    });

  const data = program.command('data').description('Your own data in the store');
  data
    .command('import')
    .description("Load a CSV file as an indicator's series (then `ask` and `status` use it)")
    .requiredOption('--csv <file>', 'CSV file with a header row')
    .requiredOption('--indicator <id>', 'catalog indicator id (see `riskxpert indicators`) or stock:<6-digit code>')
    .option('--date-col <name>', 'column with the dates (default: the first)')
    .option('--value-col <name>', 'column with the values (default: the second)')
    .action((opts: ImportOptions) => importCsv(ctx, opts));
};

interface ImportOptions {
  csv: string;
  indicator: string;
  dateCol?: string;
  valueCol?: string;
}

/** Checks the indicator and the file before opening the store, so a typo never touches the database. */
async function importCsv(ctx: CliContext, opts: ImportOptions): Promise<void> {
  if (!getIndicator(opts.indicator) && !stockCodeOf(opts.indicator)) {
    throw new RiskXpertError(
      'UNKNOWN_INDICATOR',
      `Unknown indicator "${opts.indicator}"; \`riskxpert indicators\` lists them.`,
    );
  }
  let text: string;
  try {
    text = await readFile(opts.csv, 'utf8');
  } catch (err) {
    throw new RiskXpertError('NOT_FOUND', `Cannot read ${opts.csv}: ${(err as Error).message}`, { cause: err });
  }
  const header = (parse(text, { bom: true, to_line: 1, relax_column_count: true, trim: true }) as string[][])[0] ?? [];
  const valueCol = opts.valueCol ?? header[1];
  if (!valueCol)
    throw new RiskXpertError(
      'SERIES_INVALID',
      `${opts.csv}: needs a date column and a value column; name them with --date-col and --value-col.`,
    );
  const spec = { valueCol, ...(opts.dateCol ? { dateCol: opts.dateCol } : {}) };
  const { points, missing, skipped } = readCsvSeries(text, spec, basename(opts.csv));
  if (points.length === 0)
    throw new RiskXpertError('SERIES_INVALID', `${opts.csv}: no rows with a date and a number in ${valueCol}.`);
  const stores = openStores(ctx.config());
  try {
    const r = await stores.series.upsert(opts.indicator, points, { source: `import:${basename(opts.csv)}` });
    ctx.io.out(
      `✓ ${opts.indicator}: ${points.length} points ${points[0]!.date}..${points.at(-1)!.date} (${r.inserted} new, ${r.updated} changed) from ${basename(opts.csv)}` +
        `${missing ? `, ${missing} blank value(s) skipped` : ''}${skipped ? `, ${skipped} row(s) without a date skipped` : ''}\n`,
    );
    if (stores.kind === 'memory')
      ctx.io.err(
        'riskxpert: STORE=memory keeps nothing after this command; unset STORE to keep it in the embedded database\n',
      );
  } finally {
    await stores.close();
  }
}
