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
  /** 'M': the data is one value a month, named by its month; 'D'/'W': named by the day of the last observation. */
  frequency: 'D' | 'W' | 'M';
  /** Date of the last observation in the raw series (a partial month is named by this day, not by its month end). */
  dataAsOf: string;
  /** Month end of the last monthly point the forecast starts from. */
  lastDate: string;
  lastValue: number;
  /** Horizon end date (month end): the forecast starts at the month after the last observation. */
  targetDate: string;
  /** Levels, each rounded once to `decimals` digits; every narrator and the table print these digits. */
  medianAtHorizon: number;
  /** 10% and 90% quantiles at the horizon (the 80% band). */
  lowAtHorizon: number;
  highAtHorizon: number;
  decimals: number;
  /**
   * The unit of every change below. '%p' (rates and yields): differences of levels in percentage points.
   * '%': differences relative to the last value, in percent.
   */
  changeUnit: '%' | '%p';
  /** median - last, in changeUnit. */
  change: number;
  /** low - last and high - last, in changeUnit. */
  lowChange: number;
  highChange: number;
  /** high - low, in changeUnit. */
  bandWidth: number;
  /** Change over the last 12 months (or as many as exist), in changeUnit. */
  trailingChange: number;
  /** Annualised standard deviation of monthly changes over the last 36 months, in changeUnit (log returns for %). */
  volatility: number;
  /** Last value minus the maximum of the last 12 months, in changeUnit (<= 0). */
  drawdown: number;
  /** Price indices (CPI): the change from the same month a year earlier, in %, now and at the horizon (median, band). */
  yoy?: { last: number; median: number; low: number; high: number };
  /** Set when the data is older than its frequency allows: every answer says so in its first sentence. */
  stale?: { lastDate: string; ageDays: number; reason: 'load-failed' | 'data-ends' };
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
  /** The request the text is for, so the narrator's log lines (usage, fallbacks) name it. */
  requestId?: string;
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
