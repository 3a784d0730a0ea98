import { changeUnitOf, modelMove } from './change-units.js';
import type { ConditionalSettings } from './conditional-model.js';
import type { MonthlyPanel } from './monthly-panel.js';

/** The h-month move ending at month index `end` of every id (model units), or undefined where any is missing. */
export function movesAt(panel: MonthlyPanel, ids: readonly string[], h: number): (end: number) => number[] | undefined {
  const units = ids.map(changeUnitOf);
  const lv = ids.map((id) => panel.levels[id] ?? []);
  return (end) => {
    if (end - h < 0 || end >= panel.months.length) return undefined;
    const row = ids.map((_, j) => modelMove(units[j]!, lv[j]![end - h]!, lv[j]![end]!));
    return row.every(Number.isFinite) ? row : undefined;
  };
}

/** Rows a fit at `origin` may use: moves that ended by the origin, within the window, every h-th month if non-overlapping. */
export function fitRows(
  origin: number,
  h: number,
  settings: ConditionalSettings,
  moveAt: (end: number) => number[] | undefined,
): number[][] {
  const rows: number[][] = [];
  const step = settings.overlapping ? 1 : h;
  const oldest = settings.window > 0 ? origin - settings.window + 1 : 0;
  for (let end = origin; end >= Math.max(oldest, h); end -= step) {
    const row = moveAt(end);
    if (row) rows.push(row);
  }
  return rows;
}

/** Fewest joint samples a fit needs (overlapping, non-overlapping); fewer and there is no estimate. */
export const minSamples = (settings: ConditionalSettings) => (settings.overlapping ? 36 : 10);
