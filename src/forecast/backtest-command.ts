import { z } from 'zod';
import { RiskXpertError } from '../errors.js';
import { isBaselineName } from './baselines/index.js';
import { backtest, DEFAULT_ORIGINS, type BacktestResult } from './backtest.js';
import { readSeriesCsv } from './csv-series-reader.js';
import type { Forecaster } from './forecaster.js';

/** What `riskxpert backtest` accepts (the forecasters come from the caller, not the command line). */
export const backtestCommandOptionsSchema = z.object({
  csv: z.string().min(1),
  valueCol: z.string().min(1),
  dateCol: z.string().min(1).optional(),
  resample: z.enum(['M', 'W']).optional(),
  horizon: z.coerce.number().int().min(1).max(520),
  origins: z.coerce.number().int().min(1).optional(),
  since: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/u, 'since must be YYYY-MM-DD')
    .optional(),
  json: z.boolean().optional(),
});

export type BacktestCommandArgs = z.infer<typeof backtestCommandOptionsSchema>;

export interface BacktestCommandOptions extends BacktestCommandArgs {
  /**
   * A list (keys: baselines by their id, the first other forecaster as "model") or a record keyed as the
   * report should name them.
   */
  forecasters?: Forecaster[] | Record<string, Forecaster>;
}

export interface BacktestReport extends BacktestResult {
  csv: string;
  valueCol: string;
  dateCol: string;
  resample?: 'M' | 'W';
  points: number;
}

/** Report keys for a list of forecasters: baselines by name, the first non-baseline as "model", others by id. */
export function keyForecasters(list: readonly Forecaster[]): Record<string, Forecaster> {
  const out: Record<string, Forecaster> = {};
  for (const f of list) {
    const key = isBaselineName(f.id) || 'model' in out ? f.id : 'model';
    if (key in out) throw new RiskXpertError('BAD_REQUEST', `Two forecasters would both be reported as "${key}".`);
    out[key] = f;
  }
  return out;
}

const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');

/**
 * `riskxpert backtest`: rolling-origin scores of the model and every baseline on any CSV. With json, prints
 * exactly {"horizon","origins","methods":{name:{mase,smape,wql,coverage80}}}; otherwise a table with each
 * score and its ratio to naive (coverage: the difference from naive's, since 0.8 is the target, not 0).
 */
export async function runBacktestCommand(
  options: BacktestCommandOptions,
  out: (line: string) => void,
): Promise<BacktestReport> {
  const parsed = backtestCommandOptionsSchema.safeParse(options);
  if (!parsed.success)
    throw new RiskXpertError(
      'BAD_REQUEST',
      `backtest: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  const args = parsed.data;
  const source = options.forecasters;
  if (!source) throw new RiskXpertError('BAD_REQUEST', 'backtest: no forecasters given.');
  const methods = Array.isArray(source) ? keyForecasters(source) : source;

  const read = await readSeriesCsv(args.csv, {
    valueCol: args.valueCol,
    ...(args.dateCol ? { dateCol: args.dateCol } : {}),
    ...(args.resample ? { resample: args.resample } : {}),
  });
  const result = await backtest(read.points, methods, {
    horizon: args.horizon,
    origins: args.origins ?? DEFAULT_ORIGINS,
    seasonPeriod: args.resample === 'W' ? 52 : 12,
    ...(args.since ? { since: args.since } : {}),
  });
  const report: BacktestReport = {
    ...result,
    csv: args.csv,
    valueCol: read.valueCol,
    dateCol: read.dateCol,
    ...(args.resample ? { resample: args.resample } : {}),
    points: read.points.length,
  };

  if (args.json) {
    const scores = Object.fromEntries(
      Object.entries(result.methods).map(([name, s]) => [
        name,
        { mase: s.mase, smape: s.smape, wql: s.wql, coverage80: s.coverage80 },
      ]),
    );
    out(`${JSON.stringify({ horizon: result.horizon, origins: result.origins, methods: scores })}\n`);
    return report;
  }
  const naive = result.methods.naive;
  out(
    `${args.csv} · ${read.valueCol} (dates: ${read.dateCol})${args.resample ? ` · resampled ${args.resample}` : ''} · ${read.points.length} points\n`,
  );
  out(
    `horizon ${result.horizon}, ${result.origins} rolling origins (first forecast dates ${result.firstOrigin} .. ${result.lastOrigin})\n\n`,
  );
  const head = ['method', 'MASE', 'sMAPE%', 'WQL', 'cov80', 'MASE/naive', 'sMAPE/naive', 'WQL/naive', 'cov80-naive'];
  const rows = Object.entries(result.methods).map(([name, s]) => {
    const rel = result.relativeToNaive?.[name];
    const fb = result.fallbacks[name] ? ` (${result.fallbacks[name]} fallback)` : '';
    return [
      `${name}${fb}`,
      f3(s.mase),
      s.smape.toFixed(2),
      f3(s.wql),
      s.coverage80.toFixed(3),
      rel ? f3(rel.mase) : '',
      rel ? f3(rel.smape) : '',
      rel ? f3(rel.wql) : '',
      naive ? `${s.coverage80 >= naive.coverage80 ? '+' : ''}${(s.coverage80 - naive.coverage80).toFixed(3)}` : '',
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  out(`${[line(head), ...rows.map(line)].join('\n')}\n`);
  return report;
}
