import { indicatorName } from '../data/catalog.js';
import { conditionalEffects, type ScenarioEffect } from './conditional-effects.js';
import { DEFAULT_SETTINGS, type ConditionalSettings } from './conditional-model.js';
import type { Replay } from './historical-replays.js';
import type { MonthlyPanel } from './monthly-panel.js';
import type { ScenarioSpec, Shock } from './scenario-schema.js';
import { portfolioBand } from './joint-pnl.js';
import { exposuresOf, stressPnl, withBand, type Holding, type IndicatorMove, type StressPnl } from './stress-pnl.js';

/** One computed run: every number a surface shows or an explanation cites comes from here. */
export interface ScenarioResult {
  kind: 'scenario' | 'replay';
  /** Saved scenarios: the id and the version this result used, so it can be reproduced after later edits. */
  scenarioId?: string;
  version?: number;
  name: string;
  horizonMonths: number;
  shocks: Shock[];
  /** Latest month of data the run used. */
  asOf: string;
  effects: ScenarioEffect[];
  unusedShocks: string[];
  pnl?: StressPnl;
  /** Replays: the episode's months. */
  period?: { from: string; to: string };
  settings?: ConditionalSettings;
}

export function runScenario(
  panel: MonthlyPanel,
  spec: ScenarioSpec,
  options: {
    holdings?: readonly Holding[];
    scenarioId?: string;
    version?: number;
    settings?: ConditionalSettings;
  } = {},
): ScenarioResult {
  const settings = options.settings ?? DEFAULT_SETTINGS;
  const { effects, unusedShocks } = conditionalEffects(panel, spec.horizonMonths, spec.shocks, settings);
  const moves = new Map<string, IndicatorMove>(effects.map((e) => [e.indicatorId, e]));
  const medians = options.holdings ? stressPnl(options.holdings, moves) : undefined;
  const pnl =
    medians &&
    (medians.holdings.length === 0
      ? medians
      : withBand(medians, portfolioBand(panel, spec.horizonMonths, spec.shocks, exposuresOf(medians), settings)));
  return {
    kind: 'scenario',
    ...(options.scenarioId ? { scenarioId: options.scenarioId, version: options.version } : {}),
    name: spec.name,
    horizonMonths: spec.horizonMonths,
    shocks: spec.shocks,
    asOf: effects.reduce((m, e) => (e.asOf > m ? e.asOf : m), ''),
    effects,
    unusedShocks,
    ...(pnl ? { pnl } : {}),
    settings,
  };
}

/** A historical replay as a result: the actual moves are both the shocks and the effects (no model involved). */
export function replayResult(replay: Replay, locale: 'ko' | 'en', holdings?: readonly Holding[]): ScenarioResult {
  const effects: ScenarioEffect[] = replay.moves.map((m) => {
    const band = { low: m.move, median: m.move, high: m.move };
    return { indicatorId: m.indicatorId, unit: m.unit, asOf: replay.to, ...band, uncond: band, shocked: true };
  });
  return {
    kind: 'replay',
    name: indicatorName(replay, locale),
    horizonMonths: replay.horizonMonths,
    shocks: replay.moves.map((m) => ({ indicatorId: m.indicatorId, move: m.move, unit: m.unit })),
    asOf: replay.to,
    effects,
    unusedShocks: [],
    period: { from: replay.from, to: replay.to },
    ...(holdings ? { pnl: stressPnl(holdings, new Map(effects.map((e) => [e.indicatorId, e]))) } : {}),
  };
}
