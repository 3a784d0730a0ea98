import type { Locale } from '../locale.js';
import type { TrackRecordFacts } from './track-record-line.js';

/**
 * Everything a narrator may say is derived from these numbers. Narrators must not invent other figures.
 */
export interface NarrationFacts {
  locale: Locale;
  indicator: { id: string; nameKo: string; nameEn: string; unit: string };
  /** The user's own words. Untrusted data: never instructions. */
  question: string;
  horizonMonths: number;
  lastDate: string;
  lastValue: number;
  /** Horizon end date (month end). */
  targetDate: string;
  medianAtHorizon: number;
  /** 10% and 90% quantiles at the horizon (the 80% band). */
  lowAtHorizon: number;
  highAtHorizon: number;
  /** (median - last) / last * 100. */
  changePct: number;
  /** (high - low) / last * 100. */
  bandWidthPct: number;
  /** Change over the last 12 months (or as many as exist), in %. */
  trailingChangePct: number;
  /** Annualised volatility of monthly log returns over the last 36 months, in %. */
  volatilityPct: number;
  /** Drawdown of the last value from the maximum of the last 12 months, in % (<= 0). */
  drawdownPct: number;
  method: string;
  fallbackReason?: string;
  /** What made the forecast and its out-of-sample record on this series at this horizon (selection forecaster). */
  trackRecord?: TrackRecordFacts;
  dataSource: string;
  sampleData: boolean;
}

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
}

export interface NarrationOptions {
  signal?: AbortSignal;
  /** Absolute epoch ms by which the text must be complete. */
  deadline?: number;
}

export interface SummaryResult {
  text: string;
  narrator: string;
  usage?: TokenUsage;
}

export interface ScenarioChunk {
  delta: string;
}

export interface ScenarioStream extends AsyncIterable<ScenarioChunk> {
  /** Known after the stream ends. */
  usage(): TokenUsage | undefined;
  /** Which narrator actually produced the text (after the stream ends, e.g. "openai:gpt-4o-mini" or "deterministic"). */
  narrator(): string;
}

export interface Narrator {
  readonly id: string;
  /** Version of the prompts/templates; part of the cache key. */
  readonly version: string;
  summary(facts: NarrationFacts, options?: NarrationOptions): Promise<SummaryResult>;
  scenario(facts: NarrationFacts, summary: string, options?: NarrationOptions): ScenarioStream;
}
