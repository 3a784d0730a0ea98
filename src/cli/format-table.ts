import type { ForecastEvent } from '../engine/answer-types.js';
import { levelIndex } from '../forecast/forecaster.js';

const fmt = (x: number | undefined) => {
  if (x === undefined) return '';
  const digits = Math.abs(x) >= 100 ? 1 : 3;
  return x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
};

/** A plain-text table of the forecast for terminals: one row a month, median and 80% band. */
export function formatForecastTable(event: ForecastEvent): string {
  const ko = event.locale === 'ko';
  const name = ko ? event.indicator.nameKo : event.indicator.nameEn;
  const last = event.history[event.history.length - 1]!;
  const low = event.quantiles[levelIndex(event.levels, 0.1)]!;
  const high = event.quantiles[levelIndex(event.levels, 0.9)]!;
  const head = ko ? ['월', '10%', '중앙값', '90%'] : ['Month', '10%', 'Median', '90%'];
  const rows = event.dates.map((d, i) => [d.slice(0, 7), fmt(low[i]), fmt(event.median[i]), fmt(high[i])]);
  const widths = head.map((h, c) => Math.max(displayWidth(h), ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c === 0 ? padEnd(cell, widths[c]!) : padStart(cell, widths[c]!))).join('  ');
  const lines = [
    ko
      ? `${name} (${event.indicator.unit}) · 마지막 값 ${fmt(last.value)} (${last.date.slice(0, 7)}) · ${event.method}`
      : `${name} (${event.indicator.unit}) · last ${fmt(last.value)} (${last.date.slice(0, 7)}) · ${event.method}`,
    ko ? `자료: ${event.dataSource}` : `Data: ${event.dataSource}`,
  ];
  if (event.fallbackReason) lines.push(ko ? `참고: ${event.fallbackReason}` : `Note: ${event.fallbackReason}`);
  lines.push('', line(head), ...rows.map(line));
  return lines.join('\n');
}

// Hangul is drawn two columns wide in terminals.
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]/u.test(ch) ? 2 : 1;
  return w;
}
const padEnd = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - displayWidth(s)));
const padStart = (s: string, w: number) => ' '.repeat(Math.max(0, w - displayWidth(s))) + s;
