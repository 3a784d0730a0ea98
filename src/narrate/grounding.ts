import { economicsOf } from '../data/indicator-economics.js';
import type { NarrationFacts } from './narrator.js';
import { SYSTEM_PROMPT_CANARY } from './prompts.js';

/** Numbers as written in Korean or English prose: 2,874.6 · -3.2% · 1385 · 0.25%p · 25bp. */
export function extractNumbers(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/(?<![\w.])[-−+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.,])[-−+]?\d+(?:\.\d+)?/gu)) {
    const n = Number(m[0].replace(/,/gu, '').replace('−', '-'));
    if (Number.isFinite(n)) out.push(n);
  }
  return out;
}

function allowedValues(f: NarrationFacts): number[] {
  const dates = [f.lastDate, f.targetDate, f.dataAsOf, ...(f.stale ? [f.stale.lastDate] : [])];
  const e = economicsOf(f.indicator.id);
  // The indicator's economics (given to the LLM too) may be cited: "0.25%p(25bp)씩", "목표(2%)".
  const economics = extractNumbers([e.drivers.up, e.drivers.down, e.riskOffRiskOn].map((b) => b[f.locale]).join(' '));
  const changes = [f.change, f.lowChange, f.highChange, f.bandWidth, f.trailingChange, f.volatility, f.drawdown];
  // The name may carry numbers of its own: a stock's code ("삼성전자(005930)"), "S&P 500".
  const name = extractNumbers(`${f.indicator.nameKo} ${f.indicator.nameEn}`);
  return [
    ...name,
    f.lastValue,
    f.medianAtHorizon,
    f.lowAtHorizon,
    f.highAtHorizon,
    ...changes,
    // Rates: the same %p changes quoted in basis points (−0.25%p = −25bp).
    ...(f.changeUnit === '%p' ? changes.map((c) => c * 100) : []),
    f.highAtHorizon - f.lowAtHorizon,
    f.medianAtHorizon - f.lastValue,
    ...(f.yoy ? [f.yoy.last, f.yoy.median, f.yoy.low, f.yoy.high] : []),
    ...(f.stale ? [f.stale.ageDays] : []),
    ...economics,
    f.horizonMonths,
    ...dates.flatMap((d) => [Number(d.slice(0, 4)), Number(d.slice(5, 7)), Number(d.slice(8, 10))]),
    12,
    36,
    // quantile levels and "80% band", "1 in 10"
    10,
    20,
    50,
    80,
    90,
  ];
}

/**
 * The numbers in `text` that match no fact (within 1% relative or the rounding of a percent), sign ignored:
 * prose says "fell 3.2%" for -3.2. Integers up to 10 pass as list markers and counts.
 */
export function ungroundedNumbers(text: string, facts: NarrationFacts): number[] {
  const allowed = allowedValues(facts).map(Math.abs);
  return extractNumbers(text).filter((raw) => {
    const n = Math.abs(raw);
    if (Number.isInteger(n) && n <= 10) return false;
    return !allowed.some((a) => Math.abs(n - a) <= Math.max(0.01 * a, 0.051));
  });
}

/** True when the model echoed the system prompt (its canary) back. */
export function leaksSystemPrompt(text: string): boolean {
  return text.includes(SYSTEM_PROMPT_CANARY);
}
