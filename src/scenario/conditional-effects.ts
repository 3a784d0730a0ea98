import { changeUnitOf, fromModelMove, toModelMove, type ChangeUnit } from './change-units.js';
import { conditionalBand, DEFAULT_SETTINGS, type Band, type ConditionalSettings } from './conditional-model.js';
import { fitRows, minSamples, movesAt } from './joint-rows.js';
import type { MonthlyPanel } from './monthly-panel.js';
import type { Shock } from './scenario-schema.js';

export interface ScenarioEffect extends Band {
  indicatorId: string;
  unit: ChangeUnit;
  /** Last month of data the fit used (the moves are from there, over the scenario's horizon). */
  asOf: string;
  /** The unconditional forecast of the same move, from the same fit without the shocks. */
  uncond: Band;
  /** True for an indicator the scenario shocks: its move is the shock itself. */
  shocked: boolean;
}

export interface ConditionalEffects {
  effects: ScenarioEffect[];
  /** Shocked indicators without data here: they could not condition anything. */
  unusedShocks: string[];
}

const lastCommon = (panel: MonthlyPanel, ids: readonly string[]): number => {
  for (let i = panel.months.length - 1; i >= 0; i--)
    if (ids.every((id) => Number.isFinite(panel.levels[id]?.[i]))) return i;
  return -1;
};

/** The distribution of every other indicator's move given the shocks (one joint fit per target, shocks + target). */
export function conditionalEffects(
  panel: MonthlyPanel,
  horizonMonths: number,
  shocks: readonly Shock[],
  settings: ConditionalSettings = DEFAULT_SETTINGS,
): ConditionalEffects {
  const usable = shocks.filter((s) => panel.levels[s.indicatorId]);
  const unusedShocks = shocks.filter((s) => !panel.levels[s.indicatorId]).map((s) => s.indicatorId);
  const shockIds = usable.map((s) => s.indicatorId);
  const shockModel = usable.map((s) => toModelMove(s.unit, s.move));
  const effects: ScenarioEffect[] = [];
  const shockOrigin = lastCommon(panel, shockIds);
  for (const s of usable) {
    const band = { low: s.move, median: s.move, high: s.move };
    effects.push({
      indicatorId: s.indicatorId,
      unit: s.unit,
      asOf: panel.months[shockOrigin] ?? '',
      ...band,
      uncond: band,
      shocked: true,
    });
  }
  for (const target of panel.ids) {
    if (shockIds.includes(target)) continue;
    const ids = [...shockIds, target];
    const origin = lastCommon(panel, ids);
    if (origin < 0) continue;
    const rows = fitRows(origin, horizonMonths, settings, movesAt(panel, ids, horizonMonths));
    if (rows.length < minSamples(settings)) continue;
    const unit = changeUnitOf(target);
    const toUser = (b: Band): Band => ({
      low: fromModelMove(unit, b.low),
      median: fromModelMove(unit, b.median),
      high: fromModelMove(unit, b.high),
    });
    const cond = toUser(conditionalBand(rows, shockModel, settings));
    const uncond = toUser(
      conditionalBand(
        rows.map((r) => [r[r.length - 1]!]),
        [],
        settings,
      ),
    );
    effects.push({ indicatorId: target, unit, asOf: panel.months[origin]!, ...cond, uncond, shocked: false });
  }
  return { effects, unusedShocks };
}
