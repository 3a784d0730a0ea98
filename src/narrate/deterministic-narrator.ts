import { indicatorName } from '../data/catalog.js';
import { economicsOf } from '../data/indicator-economics.js';
import { trackRecordLine } from './track-record-line.js';
import type { Locale } from '../locale.js';
import { t } from '../messages/t.js';
import { formatPct } from './format-number.js';
import { indicatorFormat } from './indicator-format.js';
import type { NarrationFacts, Narrator, ScenarioStream } from './narrator.js';
import { asOfText, targetText } from './time-framing.js';

export const DETERMINISTIC_VERSION = 'det-2';

type Trend = 'strong-up' | 'up' | 'flat' | 'down' | 'strong-down';
type Spread = 'narrow' | 'moderate' | 'wide';

/**
 * Thresholds in the indicator's change unit. A rate that moves 5bp is flat; a price that moves 0.5% is flat.
 * Rates are judged in %p: their monthly changes are a few tenths of a point, not percent of themselves.
 */
const SCALE = {
  '%': {
    flat: 0.5,
    minHalfBand: 0.1,
    narrow: 2.5,
    moderate: 7,
    highVol: 25,
    lowVol: 8,
    deepDrawdown: -10,
    nearHigh: -2,
  },
  '%p': {
    flat: 0.05,
    minHalfBand: 0.01,
    narrow: 0.15,
    moderate: 0.4,
    highVol: 1.2,
    lowVol: 0.3,
    deepDrawdown: -1,
    nearHigh: -0.1,
  },
} as const;

/**
 * Direction judged against the uncertainty: a +2% median inside a ±15% band is "roughly flat", not "up".
 * The band is the 80% interval, so a median move beyond a fifth of its half-width is worth a word.
 */
function trendOf(f: NarrationFacts): Trend {
  const s = SCALE[f.changeUnit];
  const halfBand = Math.max(f.bandWidth / 2, s.minHalfBand);
  const ratio = f.change / halfBand;
  // A quarter point is a whole policy step: a rate that moves that far is not "flat", however wide its band.
  const wholeStep = f.changeUnit === '%p' && Math.abs(f.change) >= 0.25;
  if (!wholeStep && (Math.abs(f.change) < s.flat || Math.abs(ratio) < 0.2)) return 'flat';
  if (ratio >= 0.6) return 'strong-up';
  if (ratio > 0) return 'up';
  if (ratio <= -0.6) return 'strong-down';
  return 'down';
}

/** Band width per sqrt(month): comparable across horizons (uncertainty grows roughly with sqrt(h)). */
function spreadOf(f: NarrationFacts): Spread {
  const s = SCALE[f.changeUnit];
  const perRootMonth = f.bandWidth / Math.sqrt(f.horizonMonths);
  if (perRootMonth < s.narrow) return 'narrow';
  if (perRootMonth < s.moderate) return 'moderate';
  return 'wide';
}

function name(f: NarrationFacts): string {
  return indicatorName(f.indicator, f.locale);
}

/** The words every sentence shares, each number printed once with the indicator's own precision and unit. */
function wordsOf(f: NarrationFacts) {
  const fmt = indicatorFormat(f.indicator.id, f.locale, f.indicator.unit);
  const words = {
    name: name(f),
    horizon: f.horizonMonths,
    asOf: asOfText(f.frequency, f.stale?.lastDate ?? f.dataAsOf, f.locale),
    target: targetText(f.frequency, f.targetDate, f.locale),
    last: fmt.level(f.lastValue),
    median: fmt.level(f.medianAtHorizon),
    low: fmt.level(f.lowAtHorizon),
    high: fmt.level(f.highAtHorizon),
    trend: t(f.locale, `narrator.trend.${trendOf(f)}`),
  };
  return { fmt, words };
}

function summaryText(f: NarrationFacts): string {
  const { fmt, words: w } = wordsOf(f);
  const lead = f.stale ? 'narrator.summary.leadStale' : 'narrator.summary.lead';
  const parts = [t(f.locale, lead, { ...w, change: fmt.change(f.change, { withBp: true }) })];
  // A price index is read as inflation: its year-over-year change comes right after the level.
  if (f.yoy) {
    parts.push(
      t(f.locale, 'narrator.summary.yoy', {
        asOf: w.asOf,
        target: w.target,
        yoyLast: formatPct(f.yoy.last, false),
        yoyMedian: formatPct(f.yoy.median, false),
        yoyLow: formatPct(f.yoy.low, false),
        yoyHigh: formatPct(f.yoy.high, false),
      }),
    );
  }
  parts.push(
    t(f.locale, 'narrator.summary.band', {
      range: fmt.range(f.lowAtHorizon, f.highAtHorizon),
      width: fmt.change(f.bandWidth, { sign: false }),
      spread: t(f.locale, `narrator.spread.${spreadOf(f)}`),
    }),
  );
  if (f.sampleData) parts.push(t(f.locale, 'narrator.summary.sample', { source: f.dataSource }));
  if (f.fallbackReason)
    parts.push(t(f.locale, 'narrator.summary.fallback', { method: f.method, reason: f.fallbackReason }));
  const record = trackRecordLine(f.trackRecord, f.locale);
  if (record) parts.push(record);
  return parts.join(' ');
}

function riskSentences(f: NarrationFacts): string[] {
  const s = SCALE[f.changeUnit];
  const fmt = indicatorFormat(f.indicator.id, f.locale, f.indicator.unit);
  const out = [
    t(f.locale, 'narrator.risk.trailing', {
      trailing: fmt.change(f.trailingChange),
      volatility: fmt.change(f.volatility, { sign: false }),
    }),
  ];
  if (f.volatility >= s.highVol) out.push(t(f.locale, 'narrator.risk.highVol'));
  else if (f.volatility < s.lowVol) out.push(t(f.locale, 'narrator.risk.lowVol'));
  if (f.drawdown <= s.deepDrawdown)
    out.push(t(f.locale, 'narrator.risk.deepDrawdown', { drawdown: fmt.change(-f.drawdown, { sign: false }) }));
  else if (f.drawdown > s.nearHigh) out.push(t(f.locale, 'narrator.risk.nearHigh'));
  const riskOffRiskOn = economicsOf(f.indicator.id).riskOffRiskOn[f.locale];
  if (riskOffRiskOn) out.push(riskOffRiskOn);
  return out;
}

function scenarioText(f: NarrationFacts): string {
  const { fmt, words: w } = wordsOf(f);
  const drivers = economicsOf(f.indicator.id).drivers;
  return [
    t(f.locale, 'narrator.scenario.base', { ...w, change: fmt.change(f.change) }),
    t(f.locale, 'narrator.scenario.up', {
      high: w.high,
      highChange: fmt.change(f.highChange),
      drivers: drivers.up[f.locale],
    }),
    t(f.locale, 'narrator.scenario.down', {
      low: w.low,
      lowChange: fmt.change(f.lowChange),
      drivers: drivers.down[f.locale],
    }),
    t(f.locale, 'narrator.scenario.watch', { sentences: riskSentences(f).join(' ') }),
    t(f.locale, 'narrator.scenario.disclaimer'),
  ].join('\n\n');
}

/** Splits after sentence ends and paragraph breaks, so the stream arrives in readable pieces. */
export function sentenceChunks(text: string): string[] {
  // A point between digits (2,470.8) or inside a unit is not a sentence end: only a point followed by space or the end.
  return text.match(/(?:[^.!?。\n]|[.!?](?=\S))*(?:[.!?。]+(?:\s+|$)|\n+|$)/gu)?.filter((s) => s.length > 0) ?? [text];
}

/** Writes the summary and the scenario from the numbers alone: same facts, same words, every time. */
export function createDeterministicNarrator(): Narrator {
  return {
    id: 'deterministic',
    version: DETERMINISTIC_VERSION,
    async summary(facts) {
      return { text: summaryText(facts), narrator: 'deterministic' };
    },
    scenario(facts): ScenarioStream {
      const text = scenarioText(facts);
      return {
        async *[Symbol.asyncIterator]() {
          for (const chunk of sentenceChunks(text)) yield { delta: chunk };
        },
        usage: () => undefined,
        narrator: () => 'deterministic',
      };
    },
  };
}

export function deterministicScenarioText(facts: NarrationFacts): string {
  return scenarioText(facts);
}

export function cutNotice(locale: Locale): string {
  return `\n\n${t(locale, 'narrator.cut')}\n\n`;
}
