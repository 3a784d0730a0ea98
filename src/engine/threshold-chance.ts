import { economicsOf } from '../data/indicator-economics.js';
import type { Locale } from '../locale.js';
import { t } from '../messages/t.js';
import { formatDay, formatMonth } from '../narrate/format-number.js';
import { indicatorFormat } from '../narrate/indicator-format.js';
import type { QuestionThreshold } from './question/read-threshold.js';

/** The chance stated for "환율 1500 넘을까?": at the horizon's end, from the forecast's own quantiles. */
export interface ThresholdChance {
  level: number;
  side: 'above' | 'below';
  /** Rounded to 5%; `bound` says it lies beyond the quantiles the forecast has (under 5% or over 95%). */
  probability: number;
  bound?: 'under' | 'over';
}

/** P(value at the horizon ≤ x), linear between the forecast's quantile levels; undefined outside them. */
function cdf(levels: readonly number[], values: readonly number[], x: number): number | 'below' | 'above' {
  if (x < values[0]!) return 'below';
  if (x > values[values.length - 1]!) return 'above';
  for (let k = 0; k < values.length - 1; k++) {
    const lo = values[k]!;
    const hi = values[k + 1]!;
    if (x <= hi)
      return hi === lo ? levels[k + 1]! : levels[k]! + ((x - lo) / (hi - lo)) * (levels[k + 1]! - levels[k]!);
  }
  return levels[levels.length - 1]!;
}

/**
 * The level the asker means: as said, or for a price said in % ("코스피 20% 갈까"), that move from the last value.
 * A rate's "5%" is its level.
 */
export function thresholdLevel(indicatorId: string, th: QuestionThreshold, last: number): number {
  if (th.move !== undefined) return last * (1 + th.move);
  if (th.fromNow) return last + (th.side === 'above' ? 1 : -1) * rateStep(indicatorId);
  if (!th.percent || economicsOf(indicatorId).changeUnit === '%p') return th.level;
  return last * (1 + ((th.side === 'above' ? 1 : -1) * th.level) / 100);
}

/** A threshold once the series is loaded: the side and level the answer states, and the record it names, if any. */
export interface ResolvedThreshold {
  threshold: QuestionThreshold;
  level: number;
  record?: SeriesRecord;
}

/**
 * The level and side the answer states, once the series is loaded: a side-less "갈까" takes the level's side of the
 * last value ("코스피 2000 갈까" from 2,500 asks about a fall), a range reached from above counts from its top ("엔화
 * 800원대 갈까" from 951 is "below 900"), and "역대 최고치" is the highest value in `points`.
 */
export function resolveThreshold(
  indicatorId: string,
  th: QuestionThreshold,
  last: number,
  points: readonly { date: string; value: number }[] = [],
): ResolvedThreshold {
  const record = th.record ? recordOf(points, th.record) : undefined;
  if (record) return { threshold: th, level: record.value, record };
  const level = thresholdLevel(indicatorId, th, last);
  const side = th.either && level < last ? 'below' : th.side;
  const top = th.bucket && side === 'below' && !th.percent ? level + th.bucket : level;
  return { threshold: side === th.side ? th : { ...th, side }, level: top };
}

export function thresholdChance(
  levels: readonly number[],
  atHorizon: readonly number[],
  th: QuestionThreshold,
  level: number,
): ThresholdChance {
  const f = cdf(levels, atHorizon, level);
  const lowest = levels[0]!;
  const highest = levels[levels.length - 1]!;
  const side = th.side;
  if (f === 'below' || f === 'above') {
    // Below every quantile: almost surely above it; above every quantile: almost surely below.
    const beyondLow = f === 'below';
    const likely = (side === 'above') === beyondLow;
    const edge = likely ? (beyondLow ? 1 - lowest : highest) : beyondLow ? lowest : 1 - highest;
    return { level, side, probability: Math.round(edge * 100) / 100, bound: likely ? 'over' : 'under' };
  }
  const p = side === 'above' ? 1 - f : f;
  return { level, side, probability: Math.round(p * 20) / 20 };
}

/** The record a "역대 최고치" question means: the highest (lowest) value in the data, its date, and the data's first year. */
export interface SeriesRecord {
  kind: 'high' | 'low';
  value: number;
  date: string;
  since: string;
}

export function recordOf(
  points: readonly { date: string; value: number }[],
  kind: 'high' | 'low',
): SeriesRecord | undefined {
  let best: { date: string; value: number } | undefined;
  for (const p of points) if (!best || (kind === 'high' ? p.value > best.value : p.value < best.value)) best = p;
  const first = points[0];
  return best && first ? { kind, value: best.value, date: best.date, since: first.date.slice(0, 4) } : undefined;
}

/**
 * How the answer names a level that was not said as a number: "1833년 이후 최고치(온스당 5,020.0달러, 2026년 2월)"
 * (the data's record, as far back as the data goes) or "마지막 값의 절반(1,260.5포인트)"; undefined for a level said.
 */
export function levelPhrase(
  resolved: ResolvedThreshold,
  o: { indicatorId: string; locale: Locale; unit?: string; frequency: 'D' | 'W' | 'M' },
): string | undefined {
  const f = indicatorFormat(o.indicatorId, o.locale, o.unit);
  const { record, threshold } = resolved;
  if (record) {
    const date = o.frequency === 'M' ? formatMonth(record.date, o.locale) : formatDay(record.date, o.locale);
    return t(o.locale, record.kind === 'high' ? 'threshold.recordHigh' : 'threshold.recordLow', {
      since: record.since,
      level: f.level(record.value),
      date,
    });
  }
  if (threshold.move === undefined) return undefined;
  return t(o.locale, threshold.move < 0 ? 'threshold.half' : 'threshold.double', { level: f.level(resolved.level) });
}

const SENTENCE = {
  above: { about: 'threshold.above', over: 'threshold.aboveOver', under: 'threshold.aboveUnder' },
  below: { about: 'threshold.below', over: 'threshold.belowOver', under: 'threshold.belowUnder' },
} as const;

/** One sentence: "2025년 7월 말 코스피가 3,000.0포인트보다 높을 확률은 약 10%예요(그 시점 값 기준…)." */
export function thresholdSentence(
  c: ThresholdChance,
  o: { indicatorId: string; name: string; when: string; locale: Locale; unit?: string; levelText?: string },
): string {
  const f = indicatorFormat(o.indicatorId, o.locale, o.unit);
  const params = {
    when: o.when,
    name: o.name,
    level: o.levelText ?? f.level(c.level),
    p: Math.round(c.probability * 100),
  };
  const key = SENTENCE[c.side][c.bound ?? 'about'];
  return `${t(o.locale, key, params)} ${t(o.locale, 'threshold.atTheEnd')}`;
}

/**
 * For a rate, "언제 내려?" means a move of at least one 0.25%p step: the chance is read at half a step (a rate that
 * moves in steps, read from a continuous forecast). For a price, any move below (above) today's value.
 */
function rateStep(indicatorId: string): number {
  return economicsOf(indicatorId).changeUnit === '%p' ? 0.125 : 0;
}

/** The points ahead "언제 내려?" is answered at: 3, 6 and 12 months, and the horizon if it is another. */
export function whenMonths(horizon: number): number[] {
  return [...new Set([3, 6, 12, horizon])].filter((m) => m <= horizon).sort((a, b) => a - b);
}

/**
 * "기준금리가 지금(3.50%)보다 0.25%p 이상 낮아져 있을 확률은 3개월 뒤 약 10%, 6개월 뒤 약 20%, 12개월 뒤 약 30%예요."
 * `chances[i]` is the chance `months[i]` ahead.
 */
export function whenSentence(
  chances: readonly ThresholdChance[],
  months: readonly number[],
  o: { indicatorId: string; name: string; now: number; locale: Locale; unit?: string; level?: number },
): string {
  const f = indicatorFormat(o.indicatorId, o.locale, o.unit);
  const list = chances
    .map((c, i) => t(o.locale, boundKey('when.item', c), { months: months[i]!, p: Math.round(c.probability * 100) }))
    .join(', ');
  const side = chances[0]!.side;
  // A level said ("3000 회복 언제?") is named; otherwise the last value, a rate's by one step.
  const sentence =
    o.level === undefined
      ? t(o.locale, sideKey('when', o.indicatorId, side), { name: o.name, now: f.level(o.now), list })
      : t(o.locale, side === 'above' ? 'when.levelAbove' : 'when.levelBelow', {
          name: o.name,
          level: f.level(o.level),
          list,
        });
  return `${sentence} ${t(o.locale, 'when.noDate')} ${t(o.locale, 'threshold.atTheEnd')}`;
}

/** "코스피 6개월 뒤 오를까?": "2025년 7월 말 코스피가 마지막 값(2,521.1포인트)보다 높을 확률은 약 50%예요." */
export function directionSentence(
  c: ThresholdChance,
  o: { indicatorId: string; name: string; now: number; when: string; locale: Locale; unit?: string },
): string {
  const f = indicatorFormat(o.indicatorId, o.locale, o.unit);
  const pText = t(o.locale, boundKey('direction.p', c), { p: Math.round(c.probability * 100) });
  const params = { when: o.when, name: o.name, now: f.level(o.now), pText };
  const key = sideKey('direction', o.indicatorId, c.side);
  return `${t(o.locale, key, params)} ${t(o.locale, 'threshold.atTheEnd')}`;
}

/** A chance's message key: `base`, or its "Under"/"Over" form when it lies beyond the forecast's quantiles. */
function boundKey<K extends 'when.item' | 'direction.p'>(base: K, c: ThresholdChance) {
  return `${base}${c.bound === 'under' ? 'Under' : c.bound === 'over' ? 'Over' : ''}` as const;
}

/** A side's message key; a rate's says "0.25%p 이상" (one step, see rateStep). */
function sideKey<P extends 'when' | 'direction'>(prefix: P, indicatorId: string, side: 'above' | 'below') {
  if (rateStep(indicatorId) === 0) return `${prefix}.${side}` as const;
  return `${prefix}.step${side === 'above' ? 'Above' : 'Below'}` as const;
}
