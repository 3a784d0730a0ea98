import { instrumentName } from '../data/stock-instruments.js';
import type { Locale } from '../locale.js';
import { t } from '../messages/t.js';
import { formatChange, formatMonth, formatPct } from '../narrate/format-number.js';
import type { ScenarioResult } from './run-scenario.js';

const nameOf = instrumentName;

/** Won amounts rounded to the won once: "−1,234,567원" / "KRW −1,234,567". */
export function formatWon(won: number, locale: Locale, sign = true): string {
  const digits = Math.abs(Math.round(won)).toLocaleString('en-US');
  const s = !sign || Math.round(won) === 0 ? '' : won > 0 ? '+' : '−';
  return t(locale, 'format.won', { sign: s, digits });
}

/** How many non-shocked effects the text names (the biggest median moves first). */
const EFFECTS_SHOWN = 6;

/** The deterministic ko/en explanation: the fallback of the LLM and the grounding of what it may say. */
export function explainScenario(r: ScenarioResult, locale: Locale): string {
  return scenarioLines(r, locale).join('\n');
}

/** The chart's caption: the lead and the portfolio line (the explanation streams after it). */
export function scenarioCaption(r: ScenarioResult, locale: Locale): string {
  const lines = scenarioLines(r, locale);
  const pnl = r.pnl ? lines[lines.length - (r.kind === 'scenario' ? 2 : 1)] : undefined;
  return [lines[0], pnl].filter(Boolean).join('\n');
}

function scenarioLines(r: ScenarioResult, locale: Locale): string[] {
  const fmt = (id: string, v: number, unit: '%' | '%p') => formatChange(v, unit, locale);
  const shocks = r.shocks
    .map((s) => `${nameOf(s.indicatorId, locale)} ${fmt(s.indicatorId, s.move, s.unit)}`)
    .join(', ');
  const lines: string[] = [];
  if (r.kind === 'replay' && r.period) {
    lines.push(
      t(locale, 'scenario.replayLead', {
        name: r.name,
        from: formatMonth(r.period.from, locale),
        to: formatMonth(r.period.to, locale),
        moves: shocks,
      }),
    );
  } else {
    const lead = { name: r.name, horizon: r.horizonMonths, asOf: r.asOf ? formatMonth(r.asOf, locale) : '-', shocks };
    lines.push(
      r.version ? t(locale, 'scenario.lead', { ...lead, version: r.version }) : t(locale, 'scenario.leadPreview', lead),
    );
    const shown = r.effects
      .filter((e) => !e.shocked)
      .sort((a, b) => Math.abs(b.median - b.uncond.median) - Math.abs(a.median - a.uncond.median))
      .slice(0, EFFECTS_SHOWN);
    for (const e of shown) {
      lines.push(
        t(locale, 'scenario.effect', {
          name: nameOf(e.indicatorId, locale),
          median: fmt(e.indicatorId, e.median, e.unit),
          low: fmt(e.indicatorId, e.low, e.unit),
          high: fmt(e.indicatorId, e.high, e.unit),
          uncond: fmt(e.indicatorId, e.uncond.median, e.unit),
        }),
      );
    }
  }
  if (r.pnl) {
    const worst = r.pnl.holdings[0];
    lines.push(
      r.pnl.holdings.length === 0
        ? t(locale, 'scenario.pnlNone')
        : t(locale, r.pnl.band ? 'scenario.pnlBand' : 'scenario.pnlTotal', {
            pnl: formatWon(r.pnl.totalWon, locale),
            pct: formatPct(r.pnl.totalPct),
            low: formatWon(r.pnl.band?.lowWon ?? 0, locale),
            high: formatWon(r.pnl.band?.highWon ?? 0, locale),
            worst: worst ? `${nameOf(worst.symbol, locale)} ${formatWon(worst.pnlWon, locale)}` : '-',
          }),
    );
  }
  if (r.kind === 'scenario') lines.push(t(locale, 'scenario.disclaimer'));
  return lines;
}
