import { InvalidArgumentError, type Command } from 'commander';
import type { CliContext, CommandRegistrar } from '../cli.js';
import { DEFAULT_SETTINGS, type ConditionalSettings } from '../scenario/conditional-model.js';
import { loadPanel } from '../scenario/monthly-panel.js';
import { runScenarioBacktest } from '../scenario/scenario-backtest.js';
import { registerScenarioCrudCommands } from './scenario-crud-commands.js';

const months = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 60)
    throw new InvalidArgumentError('--horizon must be a whole number of months, 1..60');
  return n;
};
const month = (name: string) => (v: string) => {
  if (!/^\d{4}-\d{2}(-\d{2})?$/.test(v)) throw new InvalidArgumentError(`${name} must be YYYY-MM or YYYY-MM-DD`);
  return v.slice(0, 7);
};
const collect = (v: string, prev: string[] = []) => [...prev, v];
const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

/** `riskxpert scenario ...`: backtest of the conditional model, and the scenario editor's commands. */
export const registerScenarioCommands: CommandRegistrar = (program, ctx) => {
  const scenario = program
    .command('scenario')
    .description('What-if scenarios: conditional effects, historical replays, stress P&L');
  registerBacktest(scenario, ctx);
  registerScenarioCrudCommands(scenario, ctx);
};

function registerBacktest(scenario: Command, ctx: CliContext): void {
  scenario
    .command('backtest')
    .description('Out-of-sample check of the conditional 80% band: the target move given the realized shock moves')
    .requiredOption('--shock <id>', 'shocked indicator (repeat for several)', collect)
    .requiredOption('--target <id>', 'indicator whose move is predicted')
    .requiredOption('--horizon <months>', 'months', months)
    .option('--since <date>', 'first origin month', month('--since'), '2005-01')
    .option(
      '--until <date>',
      'last month a realized move may reach (for choosing settings on earlier data)',
      month('--until'),
    )
    .option('--band <method>', 'empirical | gaussian', DEFAULT_SETTINGS.band)
    .option('--window <months>', 'fit window in months (0 = all history)', String(DEFAULT_SETTINGS.window))
    .option('--scale <x>', 'gaussian band widening', String(DEFAULT_SETTINGS.scale))
    .option(
      '--overlapping <yes|no>',
      'fit on overlapping h-month changes (one per month) or non-overlapping ones',
      DEFAULT_SETTINGS.overlapping ? 'yes' : 'no',
    )
    .option('--json', 'print one JSON object')
    .action(
      async (opts: {
        shock: string[];
        target: string;
        horizon: number;
        since: string;
        until?: string;
        band: string;
        window: string;
        scale: string;
        overlapping: string;
        json?: boolean;
      }) => {
        const settings: ConditionalSettings = {
          band: opts.band === 'gaussian' ? 'gaussian' : 'empirical',
          window: Number(opts.window),
          scale: Number(opts.scale),
          overlapping: opts.overlapping !== 'no',
        };
        const rt = await ctx.runtime();
        try {
          const panel = await loadPanel(rt.series, [...opts.shock, opts.target]);
          const r = runScenarioBacktest(panel, {
            shocks: opts.shock,
            target: opts.target,
            horizon: opts.horizon,
            since: opts.since,
            ...(opts.until ? { until: opts.until } : {}),
            settings,
          });
          const windows = r.windows.map((w) => ({
            date: w.date,
            shocks: Object.fromEntries(Object.entries(w.shocks).map(([k, v]) => [k, r4(v)])),
            low: r4(w.low),
            median: r4(w.median),
            high: r4(w.high),
            realized: r4(w.realized),
          }));
          if (opts.json) {
            ctx.io.out(`${JSON.stringify({ windows, coverage80: r4(r.coverage80) })}\n`);
            return;
          }
          ctx.io.out(
            `${opts.shock.join('+')} -> ${opts.target}, ${opts.horizon} months, origins ${windows[0]?.date ?? '-'}..${windows.at(-1)?.date ?? '-'}\n` +
              `windows ${windows.length}  coverage80 ${r.coverage80.toFixed(3)}  MAE conditional ${r.maeConditional.toFixed(3)}  MAE unconditional ${r.maeUnconditional.toFixed(3)}\n`,
          );
        } finally {
          await rt.close();
        }
      },
    );
}
