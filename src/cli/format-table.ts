import { indicatorName } from '../data/catalog.js';
import type { ForecastEvent } from '../engine/answer-types.js';
import { levelIndex } from '../forecast/forecaster.js';
import { t } from '../messages/t.js';
import { perInParentheses } from '../narrate/format-number.js';
import { indicatorFormat } from '../narrate/indicator-format.js';

/** A plain-text table of the forecast for terminals: one row a month, median and 80% band. */
export function formatForecastTable(event: ForecastEvent): string {
  const locale = event.locale;
  const name = indicatorName(event.indicator, locale);
  // The indicator's one precision: the same digits as the summary, the scenario and the chart.
  const format = indicatorFormat(event.indicator.id, locale, event.indicator.unit);
  const fmt = (x: number | undefined) => (x === undefined ? '' : format.number(x));
  const last = event.history[event.history.length - 1]!;
  const low = event.quantiles[levelIndex(event.levels, 0.1)]!;
  const high = event.quantiles[levelIndex(event.levels, 0.9)]!;
  const head = [t(locale, 'table.head.month'), '10%', t(locale, 'table.head.median'), '90%'];
  const rows = event.dates.map((d, i) => [d.slice(0, 7), fmt(low[i]), fmt(event.median[i]), fmt(high[i])]);
  const widths = head.map((h, c) => Math.max(displayWidth(h), ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) =>
    cells.map((cell, c) => (c === 0 ? padEnd(cell, widths[c]!) : padStart(cell, widths[c]!))).join('  ');
  const lines = [
    // A monthly value is named by its month; a daily series by the day of its last observation.
    t(locale, 'table.last', {
      name,
      unit: headerUnit(event.indicator.unit),
      last: fmt(last.value),
      asOf: event.facts.frequency === 'M' || !event.dataAsOf ? last.date.slice(0, 7) : event.dataAsOf,
      method: event.method,
    }),
    t(locale, 'table.source', { source: event.dataSource }),
  ];
  if (event.fallbackReason) lines.push(t(locale, 'table.note', { note: event.fallbackReason }));
  lines.push('', line(head), ...rows.map(line));
  return lines.join('\n');
}

/** "원(100엔당)" inside the header's own parentheses reads as "100엔당 원". */
function headerUnit(unit: string): string {
  const p = perInParentheses(unit);
  return p ? `${p.per} ${p.base}` : unit;
}

// Hangul is drawn two columns wide in terminals.
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]/u.test(ch) ? 2 : 1;
  return w;
}
const padEnd = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - displayWidth(s)));
const padStart = (s: string, w: number) => ' '.repeat(Math.max(0, w - displayWidth(s))) + s;
