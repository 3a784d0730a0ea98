import { writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import type { CliContext } from '../cli.js';
import { RiskXpertError } from '../errors.js';
import { LOCALES, type Locale } from '../locale.js';
import { explainScenario } from '../scenario/explain-scenario.js';
import { REPLAY_EPISODES } from '../scenario/historical-replays.js';
import type { ScenarioResult } from '../scenario/run-scenario.js';
import type { ScenarioSurface } from '../scenario/scenario-runtime.js';
import { renderStressChart, stressBars } from '../scenario/stress-chart.js';
import type { Holding } from '../scenario/stress-pnl.js';

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** "usdkrw=+10%" or "us10y=+0.5%p": the unit as written (validation checks it against the indicator). */
function shockArg(v: string): { indicatorId: string; move: number; unit: string } {
  const m = /^([a-z0-9_]+)=([+-]?\d+(?:\.\d+)?)(%p|%)$/u.exec(v.trim());
  if (!m)
    throw new RiskXpertError(
      'BAD_REQUEST',
      `--shock ${v}: write it as ID=MOVE% or ID=MOVE%p, e.g. usdkrw=+10% or us10y=+0.5%p`,
    );
  return { indicatorId: m[1]!, move: Number(m[2]), unit: m[3]! };
}

function holdingArg(v: string): Holding {
  const m = /^([a-z0-9_:]+)=(\d+)$/u.exec(v.trim());
  if (!m)
    throw new RiskXpertError(
      'BAD_REQUEST',
      `--holding ${v}: write it as SYMBOL=WON, e.g. kospi=5000000 or stock:005930=3000000`,
    );
  return { symbol: m[1]!, valueWon: Number(m[2]) };
}

interface Common {
  user: string;
  lang: Locale;
}
const common = (c: Command) =>
  c
    .option('--user <id>', 'whose scenarios', 'cli:local')
    .addOption(new Option('-l, --lang <lang>', 'language').choices([...LOCALES]).default('ko'));

/** create / edit / list / versions / run / replay / delete: each a thin mapping onto the scenario service. */
export function registerScenarioCrudCommands(scenario: Command, ctx: CliContext): void {
  registerAuthoring(scenario, ctx);
  registerBrowsing(scenario, ctx);
  registerRuns(scenario, ctx);
  common(
    scenario
      .command('delete')
      .description('Delete a scenario (its versions stay for the results that used them)')
      .argument('<name-or-id>'),
  ).action(async (key: string, o: Common) => {
    const ok = await withService(ctx, (s) => s.service.remove(o.user, key, o.lang));
    ctx.io.out(ok ? 'deleted\n' : 'not found\n');
  });
}

async function withService<T>(ctx: CliContext, fn: (s: ScenarioSurface) => Promise<T>): Promise<T> {
  const rt = await ctx.runtime();
  try {
    return await fn(await rt.scenarios.surface());
  } finally {
    await rt.close();
  }
}

async function printResult(
  ctx: CliContext,
  r: ScenarioResult,
  opts: Common & { json?: boolean; chart?: string },
  s?: ScenarioSurface,
): Promise<void> {
  if (opts.json) ctx.io.out(`${JSON.stringify(r)}\n`);
  else if (!s) ctx.io.out(`${explainScenario(r, opts.lang)}\n`);
  else {
    // The explanation as it arrives (the LLM's when configured and grounded, else ours whole).
    for await (const piece of s.explain(r, opts.lang)) ctx.io.out(piece);
    ctx.io.out('\n');
  }
  if (opts.chart && r.pnl) {
    await writeFile(
      opts.chart,
      await renderStressChart(stressBars(r.pnl, opts.lang), { title: r.name, locale: opts.lang }),
    );
  }
}

async function holdings(s: ScenarioSurface, opts: { holding?: string[]; paper?: string }) {
  return opts.holding?.length ? opts.holding.map(holdingArg) : opts.paper ? s.paperHoldings(opts.paper) : undefined;
}

function registerAuthoring(scenario: Command, ctx: CliContext): void {
  common(scenario.command('create').description('Save a scenario (version 1)').argument('<name>'))
    .requiredOption('--shock <ID=MOVE>', 'e.g. usdkrw=+10% or us10y=+0.5%p (repeat)', collect)
    .requiredOption('--horizon <months>', 'months, 1..60')
    .option('--shared', 'every user sees it')
    .action(async (name: string, o: Common & { shock: string[]; horizon: string; shared?: boolean }) => {
      const rec = await withService(ctx, (s) =>
        s.service.create(
          o.user,
          { name, horizonMonths: Number(o.horizon), shocks: o.shock.map(shockArg) },
          { locale: o.lang, shared: !!o.shared },
        ),
      );
      ctx.io.out(`${rec.id} ${rec.spec.name} v${rec.version}\n`);
    });
  common(scenario.command('edit').description('Save a new version of a scenario').argument('<name-or-id>'))
    .requiredOption('--shock <ID=MOVE>', 'the new shocks (repeat)', collect)
    .requiredOption('--horizon <months>', 'months, 1..60')
    .option('--name <name>', 'rename')
    .action(async (key: string, o: Common & { shock: string[]; horizon: string; name?: string }) => {
      const rec = await withService(ctx, async (s) => {
        const current = await s.service.get(o.user, key, o.lang);
        return s.service.update(
          o.user,
          current.id,
          { name: o.name ?? current.spec.name, horizonMonths: Number(o.horizon), shocks: o.shock.map(shockArg) },
          o.lang,
        );
      });
      ctx.io.out(`${rec.id} ${rec.spec.name} v${rec.version}\n`);
    });
}

function registerBrowsing(scenario: Command, ctx: CliContext): void {
  common(scenario.command('list').description('Your scenarios and the shared ones')).action(async (o: Common) => {
    const list = await withService(ctx, (s) => s.service.list(o.user));
    for (const r of list)
      ctx.io.out(
        `${r.id} v${r.version}${r.shared ? ' shared' : ''} ${r.spec.name}: ${r.spec.shocks.map((x) => `${x.indicatorId} ${x.move}${x.unit}`).join(', ')}, ${r.spec.horizonMonths}m\n`,
      );
  });
  common(
    scenario
      .command('versions')
      .description('Every version of a scenario, and the results that used each')
      .argument('<name-or-id>'),
  ).action(async (key: string, o: Common) => {
    await withService(ctx, async (s) => {
      const results = await s.service.results(o.user, key, o.lang);
      for (const v of await s.service.versions(o.user, key, o.lang)) {
        const runs = results.filter((r) => r.version === v.version).length;
        ctx.io.out(
          `v${v.version} ${v.createdAt.toISOString()} ${v.spec.shocks.map((x) => `${x.indicatorId} ${x.move}${x.unit}`).join(', ')}, ${v.spec.horizonMonths}m (${runs} run(s))\n`,
        );
      }
    });
  });
}

function registerRuns(scenario: Command, ctx: CliContext): void {
  common(
    scenario
      .command('run')
      .description('Run a saved scenario, a replay or a text such as "환율 +10%, 코스피 -15%, 3개월"')
      .argument('<scenario...>'),
  )
    .option('--version <n>', 'an older version of a saved scenario')
    .option('--holding <SYMBOL=WON>', 'a stated holding (repeat)', collect)
    .option('--paper <userId>', "that user's paper portfolio")
    .option('--chart <file>', 'write the P&L bar chart PNG here')
    .option('--json', 'print the result as JSON')
    .action(
      async (
        words: string[],
        o: Common & { version?: string; holding?: string[]; paper?: string; chart?: string; json?: boolean },
      ) => {
        await withService(ctx, async (s) => {
          const h = await holdings(s, o);
          const text = words.join(' ');
          const opts = { locale: o.lang, ...(h ? { holdings: h } : {}) };
          const r = o.version
            ? await s.service.runSaved(o.user, text, { ...opts, version: Number(o.version) })
            : await s.service.runText(o.user, text, opts);
          await printResult(ctx, r, o, s);
        });
      },
    );
  common(
    scenario
      .command('replay')
      .description(`A historical episode: ${REPLAY_EPISODES.map((e) => e.id).join(', ')}`)
      .argument('<episode>'),
  )
    .option('--holding <SYMBOL=WON>', 'a stated holding (repeat)', collect)
    .option('--paper <userId>', "that user's paper portfolio")
    .option('--chart <file>', 'write the P&L bar chart PNG here')
    .option('--json', 'print the result as JSON')
    .action(
      async (episode: string, o: Common & { holding?: string[]; paper?: string; chart?: string; json?: boolean }) => {
        await withService(ctx, async (s) => {
          const h = await holdings(s, o);
          await printResult(ctx, await s.service.replay(episode, { locale: o.lang, ...(h ? { holdings: h } : {}) }), o);
        });
      },
    );
}
