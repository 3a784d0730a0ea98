import type { Locale } from '../locale.js';

/** Enough digits to be useful at every magnitude: 2,874.6 · 1,385.2 · 3.52 · 0.0123. */
export function formatValue(value: number, _locale: Locale): string {
  const abs = Math.abs(value);
  const digits = abs >= 1000 ? 1 : abs >= 100 ? 1 : abs >= 1 ? 2 : 4;
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function formatPct(pct: number, signed = true): string {
  const s = Math.abs(pct) < 0.05 ? '0.0' : Math.abs(pct).toFixed(1);
  if (!signed || s === '0.0') return `${s}%`;
  return `${pct > 0 ? '+' : '−'}${s}%`;
}

export function formatMonth(isoDate: string, locale: Locale): string {
  const y = isoDate.slice(0, 4);
  const m = Number(isoDate.slice(5, 7));
  if (locale === 'ko') return `${y}년 ${m}월`;
  const names = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${names[m - 1]} ${y}`;
}

/** A value with its unit, Korean style ("1,385.2원", "3.52%") or English ("1,385.2 KRW"). */
export function withUnit(value: number, unit: string, locale: Locale): string {
  const v = formatValue(value, locale);
  if (unit === '%' || unit === '원') return `${v}${unit}`;
  return locale === 'ko' ? `${v}${unit.startsWith('지수') ? '' : ` ${unit}`}` : `${v} ${unit}`;
}
