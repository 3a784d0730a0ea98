import type { Locale } from '../locale.js';

/** Digits a value gets when no indicator says otherwise: 2,874.6 · 1,385.2 · 3.52 · 0.0123. */
export function defaultDecimals(value: number): number {
  const abs = Math.abs(value);
  return abs >= 100 ? 1 : abs >= 1 ? 2 : 4;
}

/**
 * The one rounding of a number before it is shown: every later formatting of the result prints the same digits,
 * because `toFixed` of a value already rounded to `decimals` gives back that value.
 */
export function roundTo(value: number, decimals: number): number {
  return Number(value.toFixed(decimals));
}

/** Grouped, fixed decimals: 2,470.8 · 3.25 · -0.50. */
export function formatNumber(value: number, decimals: number): string {
  return roundTo(value, decimals).toLocaleString('en-US', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
}

/** Kept for callers without an indicator: digits chosen by magnitude. */
export function formatValue(value: number, _locale: Locale): string {
  return formatNumber(value, defaultDecimals(value));
}

/** A signed change with a true minus sign; zero after rounding is written without a sign. */
function signed(magnitude: string, value: number, isZero: boolean): string {
  if (isZero) return magnitude;
  return `${value > 0 ? '+' : '−'}${magnitude}`;
}

export function formatPct(pct: number, sign = true): string {
  const s = Math.abs(pct) < 0.05 ? '0.0' : Math.abs(pct).toFixed(1);
  return sign ? signed(`${s}%`, pct, s === '0.0') : `${s}%`;
}

/**
 * A change in percentage points (rates and yields): "−0.25%p" in Korean, "−0.25 pp" in English. `withBp` adds the
 * basis points, the unit bond markets quote: "−0.25%p(−25bp)".
 */
export function formatPctPoints(
  points: number,
  locale: Locale,
  options: { sign?: boolean; withBp?: boolean; decimals?: number } = {},
): string {
  const sign = options.sign ?? true;
  const magnitude = Math.abs(points).toFixed(options.decimals ?? 2);
  const zero = Number(magnitude) === 0;
  const unit = locale === 'ko' ? '%p' : ' pp';
  const main = sign ? signed(`${magnitude}${unit}`, points, zero) : `${magnitude}${unit}`;
  if (!options.withBp) return main;
  const bp = Math.round(Math.abs(points) * 100);
  const bpText = sign ? signed(`${bp}bp`, points, bp === 0) : `${bp}bp`;
  return locale === 'ko' ? `${main}(${bpText})` : `${main} (${bpText.replace('bp', ' bp')})`;
}

/** A change in the unit its indicator is spoken of in: percent of the level, or percentage points. */
export function formatChange(
  change: number,
  changeUnit: '%' | '%p',
  locale: Locale,
  options: { sign?: boolean; withBp?: boolean } = {},
): string {
  return changeUnit === '%p' ? formatPctPoints(change, locale, options) : formatPct(change, options.sign ?? true);
}

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function formatMonth(isoDate: string, locale: Locale): string {
  const y = isoDate.slice(0, 4);
  const m = Number(isoDate.slice(5, 7));
  if (locale === 'ko') return `${y}년 ${m}월`;
  return `${EN_MONTHS[m - 1]} ${y}`;
}

/** A calendar day: "2025년 1월 8일" / "8 Jan 2025". */
export function formatDay(isoDate: string, locale: Locale): string {
  const d = Number(isoDate.slice(8, 10));
  if (locale === 'ko') return `${formatMonth(isoDate, 'ko')} ${d}일`;
  return `${d} ${formatMonth(isoDate, 'en')}`;
}

/** A Korean unit with its "per" part in parentheses: "원(100엔당)" is { base: '원', per: '100엔당' }. */
export function perInParentheses(unit: string): { base: string; per: string } | undefined {
  const m = /^(.+)\((.+당)\)$/u.exec(unit);
  return m ? { base: m[1]!, per: m[2]! } : undefined;
}

/**
 * A value with its unit, Korean style ("1,385.2원", "3.52%", "2,470.8포인트", "배럴당 86.48달러") or English
 * ("1,385.2 KRW", "3.52%"). The number is printed with `decimals` digits, the indicator's own precision.
 */
export function withUnit(value: number, unit: string, locale: Locale, decimals = defaultDecimals(value)): string {
  const v = formatNumber(value, decimals);
  if (unit === '%') return `${v}%`;
  if (locale === 'ko') {
    // "달러/배럴" reads as "배럴당 … 달러", "원(100엔당)" as "100엔당 … 원": the particle then follows a plain word.
    const per = /^(.+)\/(.+)$/u.exec(unit);
    if (per) return `${per[2]}당 ${v}${per[1]}`;
    const perParen = perInParentheses(unit);
    if (perParen) return `${perParen.per} ${v}${perParen.base}`;
    if (unit === '지수' || unit === '') return v;
    return `${v}${unit}`;
  }
  if (unit === 'index' || unit === '') return v;
  return `${v} ${unit}`;
}

/**
 * A range with its unit written once: "2,121.9~2,903.2포인트", "배럴당 68.39~105.10달러", "1.68~4.83%";
 * English "3.60% to 5.55%", "2,121.9 to 2,903.2 pt".
 */
export function rangeWithUnit(
  low: number,
  high: number,
  unit: string,
  locale: Locale,
  decimals = defaultDecimals(high),
): string {
  const lo = formatNumber(low, decimals);
  const hi = formatNumber(high, decimals);
  if (unit === '%') return locale === 'ko' ? `${lo}~${hi}%` : `${lo}% to ${hi}%`;
  if (locale === 'ko') {
    const per = /^(.+)\/(.+)$/u.exec(unit);
    if (per) return `${per[2]}당 ${lo}~${hi}${per[1]}`;
    const perParen = /^(.+)\((.+당)\)$/u.exec(unit);
    if (perParen) return `${perParen[2]} ${lo}~${hi}${perParen[1]}`;
    if (unit === '지수' || unit === '') return `${lo}~${hi}`;
    return `${lo}~${hi}${unit}`;
  }
  if (unit === 'index' || unit === '') return `${lo} to ${hi}`;
  return `${lo} to ${hi} ${unit}`;
}
