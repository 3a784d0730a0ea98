import type { SeriesRepository } from '../data/series.js';
import { instrumentName } from '../data/stock-instruments.js';
import type { QuestionCondition } from '../engine/question/read-condition.js';
import type { WhatIf, WhatIfAnswer, WhatIfQuery, WhatIfShock } from '../engine/what-if.js';
import type { Locale } from '../locale.js';
import { t } from '../messages/t.js';
import { formatChange, formatMonth, formatPctPoints, roundTo } from '../narrate/format-number.js';
import { indicatorFormat } from '../narrate/indicator-format.js';
import { changeUnitOf, fromModelMove, type ChangeUnit } from './change-units.js';
import { conditionalEffects, type ScenarioEffect } from './conditional-effects.js';
import { DEFAULT_SETTINGS } from './conditional-model.js';
import { fitRows, movesAt } from './joint-rows.js';
import { loadPanel, type MonthlyPanel } from './monthly-panel.js';
import { BOUNDS } from './scenario-schema.js';

/** The conditional model's settings were checked out of sample up to 6 months (docs/scenarios.md). */
export const WHAT_IF_MAX_MONTHS = 6;

function lastLevel(panel: MonthlyPanel, id: string): { value: number; index: number } | undefined {
  const levels = panel.levels[id] ?? [];
  for (let i = levels.length - 1; i >= 0; i--) if (Number.isFinite(levels[i])) return { value: levels[i]!, index: i };
  return undefined;
}

/** The standard deviation of the indicator's past h-month moves in the fit window (user units). */
function typicalMove(panel: MonthlyPanel, id: string, h: number, unit: ChangeUnit, origin: number): number {
  const rows = fitRows(origin, h, DEFAULT_SETTINGS, movesAt(panel, [id], h)).map((r) => r[0]!);
  if (rows.length < 2) return Number.NaN;
  const mean = rows.reduce((a, b) => a + b, 0) / rows.length;
  const sd = Math.sqrt(rows.reduce((a, b) => a + (b - mean) ** 2, 0) / (rows.length - 1));
  return Math.abs(fromModelMove(unit, sd));
}

/** A default move people can read: whole percent for prices, quarter points for the base rate, 0.1%p for yields. */
function roundedDefault(move: number, unit: ChangeUnit, id: string): number {
  if (unit === '%') return Math.max(1, Math.round(move));
  const step = id === 'kr_base_rate' ? 0.25 : 0.1;
  return Math.max(step, Math.round(move / step) * step);
}

interface Resolved {
  shock?: WhatIfShock;
  notes: string[];
  refusal?: string;
}

/** The supposed move in the shocked indicator's own change unit, and what was assumed to get it. */
function resolveShock(
  c: QuestionCondition,
  panel: MonthlyPanel,
  h: number,
  locale: Locale,
  last: { value: number; index: number },
): Resolved {
  const unit = changeUnitOf(c.indicatorId);
  const name = instrumentName(c.indicatorId, locale);
  const notes: string[] = [];
  if (c.assumedFrom === 'rate') notes.push(t(locale, 'whatIf.rateAssumed', { name }));
  const size = c.size;
  const sign = c.direction === -1 ? -1 : 1;
  let move: number;
  if (!size) {
    const typical = typicalMove(panel, c.indicatorId, h, unit, last.index);
    if (!Number.isFinite(typical)) return { notes, refusal: t(locale, 'whatIf.noData', { name }) };
    move = sign * roundedDefault(typical, unit, c.indicatorId);
    notes.push(t(locale, 'whatIf.sizeAssumed', { name, move: formatChange(move, unit, locale), horizon: h }));
  } else if (size.kind === 'level') {
    move = unit === '%' ? 100 * (size.value / last.value - 1) : size.value - last.value;
    const f = indicatorFormat(c.indicatorId, locale);
    notes.push(
      t(locale, 'whatIf.levelAsMove', {
        name,
        level: f.level(size.value),
        last: f.level(last.value),
        asOf: formatMonth(panel.months[last.index]!, locale),
        move: formatChange(move, unit, locale),
      }),
    );
  } else if (size.kind === 'units') {
    move = sign * (unit === '%' ? (100 * size.value) / last.value : size.value);
  } else if (c.wonValue && unit === '%' && size.unit !== 'bp') {
    // The won losing x% of its dollar value is USD/KRW rising 1/(1 − x) − 1, not x.
    const won = -sign * size.value;
    move = 100 * (1 / (1 + won / 100) - 1);
    notes.push(
      t(locale, 'whatIf.wonValue', { won: formatChange(won, '%', locale), move: formatChange(move, '%', locale) }),
    );
  } else {
    const value = size.unit === 'bp' ? size.value / 100 : size.value;
    move = sign * value;
    // People say "금리 0.5% 오르면" for half a point; a relative change of a rate is not how rates are quoted.
    if (unit === '%p' && size.unit === '%') notes.push(t(locale, 'whatIf.ratePercentAsPoints', { value: size.value }));
  }
  const bounds = unit === '%' ? BOUNDS.price : BOUNDS.rate;
  if (!(move >= bounds.min && move <= bounds.max))
    return { notes, refusal: t(locale, 'whatIf.outOfRange', { name, move: formatChange(move, unit, locale) }) };
  return { shock: { indicatorId: c.indicatorId, move: roundTo(move, unit === '%' ? 1 : 2), unit }, notes };
}

/** A difference of two changes: percentage points either way ("4.0%p" of a % change, "0.25%p" of a rate). */
function differenceText(diff: number, unit: ChangeUnit, locale: Locale): string {
  return formatPctPoints(diff, locale, { sign: false, decimals: unit === '%p' ? 2 : 1 });
}

/**
 * With 60 months there may be too few joint moves to tell a relation from noise; the whole history (overlapping
 * h-month moves up to the same origin) says which way they have tended to go, so "no relation lately" is not read
 * as "never related".
 */
function longRunSentence(panel: MonthlyPanel, shockId: string, targetId: string, h: number, locale: Locale): string[] {
  const at = movesAt(panel, [shockId, targetId], h);
  const pairs: number[][] = [];
  let first = '';
  for (let end = h; end < panel.months.length; end++) {
    const row = at(end);
    if (!row) continue;
    if (!first) first = panel.months[end - h]!;
    pairs.push(row);
  }
  if (pairs.length < 36) return [];
  const mean = (j: number) => pairs.reduce((a, r) => a + r[j]!, 0) / pairs.length;
  const [mx, my] = [mean(0), mean(1)];
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const [x, y] of pairs) {
    sxy += (x! - mx) * (y! - my);
    sxx += (x! - mx) ** 2;
    syy += (y! - my) ** 2;
  }
  const corr = sxy / Math.sqrt(sxx * syy);
  if (!Number.isFinite(corr) || Math.abs(corr) < 0.2) return [];
  return [
    t(locale, corr > 0 ? 'whatIf.longRunSame' : 'whatIf.longRunOpposite', {
      from: first.slice(0, 4),
      horizon: h,
      corr: corr.toFixed(2).replace('-', '−'),
      shockName: instrumentName(shockId, locale),
      target: instrumentName(targetId, locale),
    }),
  ];
}

/** The effect, how it differs from no condition (or that it does not), and whether the move is rare. */
function effectSentences(
  effect: ScenarioEffect,
  shock: WhatIfShock,
  panel: MonthlyPanel,
  h: number,
  locale: Locale,
): string[] {
  const fmt = (v: number) => formatChange(v, effect.unit, locale);
  const out = [
    t(locale, 'whatIf.effect', {
      shockName: instrumentName(shock.indicatorId, locale),
      shock: formatChange(shock.move, shock.unit, locale),
      horizon: h,
      asOf: formatMonth(effect.asOf, locale),
      target: instrumentName(effect.indicatorId, locale),
      median: fmt(effect.median),
      low: fmt(effect.low),
      high: fmt(effect.high),
    }),
  ];
  const diff = effect.median - effect.uncond.median;
  const shown = differenceText(diff, effect.unit, locale);
  const uncond = fmt(effect.uncond.median);
  if (/^0\.0+/u.test(shown) && !/[1-9]/u.test(shown)) {
    out.push(t(locale, 'whatIf.noRelation', { horizon: h, uncond }));
    out.push(...longRunSentence(panel, shock.indicatorId, effect.indicatorId, h, locale));
  } else out.push(t(locale, diff > 0 ? 'whatIf.shiftUp' : 'whatIf.shiftDown', { diff: shown, uncond }));
  const origin = panel.months.indexOf(effect.asOf);
  const typical = typicalMove(panel, shock.indicatorId, h, shock.unit, origin);
  const times = Math.abs(shock.move) / typical;
  if (Number.isFinite(times) && times >= 2) out.push(t(locale, 'whatIf.rare', { times: times.toFixed(1) }));
  return out;
}

/**
 * Answers "환율이 10% 오르면 코스피는?" from the joint monthly model the scenario editor uses (fitted on the last
 * 60 months up to the data's end): the target's move given the shock, beside its unconditional move, with the
 * caveat that this is co-movement, not cause. Loads only the two series it needs.
 */
export function createWhatIfAnswerer(deps: { series: SeriesRepository }): WhatIf {
  return {
    async answer(q: WhatIfQuery): Promise<WhatIfAnswer> {
      const { condition: c, targetId, locale } = q;
      const h = Math.min(q.horizonMonths, WHAT_IF_MAX_MONTHS);
      const panel = await loadPanel(deps.series, [c.indicatorId, targetId], q.signal);
      const last = lastLevel(panel, c.indicatorId);
      if (!last || !panel.levels[targetId])
        return { text: t(locale, 'whatIf.noData', { name: instrumentName(last ? targetId : c.indicatorId, locale) }) };
      const { shock, notes, refusal } = resolveShock(c, panel, h, locale, last);
      if (!shock) return { text: [...notes, refusal ?? ''].join(' ').trim() };
      const effect = conditionalEffects(panel, h, [shock]).effects.find((e) => e.indicatorId === targetId);
      if (!effect)
        return { text: [...notes, t(locale, 'whatIf.noData', { name: instrumentName(targetId, locale) })].join(' ') };
      const lines = [
        ...notes,
        ...(q.horizonMonths > h ? [t(locale, 'whatIf.horizonCapped', { max: WHAT_IF_MAX_MONTHS })] : []),
        ...effectSentences(effect, shock, panel, h, locale),
        t(locale, 'whatIf.caveat'),
      ];
      return {
        text: lines.join(' '),
        effect: {
          shock,
          targetId,
          unit: effect.unit,
          low: effect.low,
          median: effect.median,
          high: effect.high,
          uncond: effect.uncond,
          asOf: effect.asOf,
          horizonMonths: h,
        },
      };
    },
  };
}
