import type { ErrorCode } from '../errors.js';
import type { Locale } from '../locale.js';
import type { NarrationFacts, TokenUsage } from '../narrate/narrator.js';
import type { ForecastProvenance } from '../forecast/forecaster.js';
import type { ThresholdChance } from './threshold-chance.js';
import type { WhatIfEffect } from './what-if.js';

export const PLATFORMS = ['kakao', 'telegram', 'discord', 'web', 'cli'] as const;
export type Platform = (typeof PLATFORMS)[number];

export interface AnswerRequest {
  platform: Platform;
  /** Opaque, platform-prefixed user id (e.g. "telegram:12345"). Never shown, never parsed. */
  userId: string;
  /** Free text. Untrusted. */
  question: string;
  /** Explicit choices override what is read from the question. */
  indicatorId?: string;
  horizonMonths?: number;
  locale?: Locale;
  /** Follows the answer through logs (webhook -> engine -> LLM -> store). */
  requestId?: string;
}

export interface AnswerOptions {
  signal?: AbortSignal;
  /** Absolute epoch ms by which `done` must be emitted; narration falls back to the deterministic narrator to meet it. */
  deadline?: number;
}

export interface IndicatorRef {
  id: string;
  nameKo: string;
  nameEn: string;
  unit: string;
}

export interface ForecastEvent {
  type: 'forecast';
  indicator: IndicatorRef;
  horizonMonths: number;
  locale: Locale;
  /** Monthly history tail shown on the chart (month ends). */
  history: { date: string; value: number }[];
  /** Horizon month ends. */
  dates: string[];
  median: number[];
  levels: number[];
  /** quantiles[i][h] for levels[i]. */
  quantiles: number[][];
  method: string;
  modelVersion: string;
  fallbackReason?: string;
  /** What forecasted it and how well (the selection forecaster): chosen methods, track record at this horizon. */
  provenance?: ForecastProvenance;
  /** That provenance in one plain line in the answer's language (src/narrate/track-record-line.ts), for pages that show it apart. */
  trackRecordLine?: string;
  dataSource: string;
  sampleData: boolean;
  /** Date of the last data point the answer is built on (the raw series, not the month end). */
  dataAsOf?: string;
  /** Set when that point is older than the series' frequency allows; `reason` says whether a load failed. */
  staleData?: StaleData;
  /** The grounded numbers every narrator works from. */
  facts: NarrationFacts;
  /**
   * What was assumed to read the question, one sentence each ("기간을 말하지 않아 6개월로 봤어요."): a default or
   * calendar horizon, a name read as one indicator ("유가" as WTI). The summary starts with them.
   */
  assumptions?: string[];
  /** A what-if question's computed effect ("환율이 10% 오르면 코스피는?"): the summary states it first. */
  whatIf?: WhatIfEffect;
  /** "환율 1500 넘을까?": the asked level's chance at the horizon's end, stated in the summary. */
  threshold?: ThresholdChance;
}

export interface StaleData {
  lastDate: string;
  /** Whole days between lastDate and when the answer was made. */
  ageDays: number;
  /**
   * 'load-failed': the ETL's store holds this as its last good load, so newer data could not be loaded.
   * 'data-ends': a CSV folder or the offline sample simply ends there; nothing failed.
   */
  reason: 'load-failed' | 'data-ends';
}

export interface ChartEvent {
  type: 'chart';
  png: Uint8Array;
  /** sha256 hex of the PNG bytes: a stable, unguessable name for serving it. */
  hash: string;
}

export interface SummaryEvent {
  type: 'summary';
  text: string;
  narrator: string;
}

export interface ScenarioDeltaEvent {
  type: 'scenario-delta';
  text: string;
}

export interface DoneEvent {
  type: 'done';
  conversationId: string;
  cached: boolean;
  narrator: string;
  usage?: TokenUsage;
  /** Stage timings in ms: forecast, chart, summary, firstToken, scenario, total. */
  timings: Record<string, number>;
  /** "관련 뉴스": up to three recent stored headlines on the forecast's indicator (set by src/news/related-news.ts). */
  relatedNews?: RelatedNewsItem[];
}

export interface RelatedNewsItem {
  title: string;
  url: string;
  source: string;
  publishedAt: string;
}

export interface ErrorEvent {
  type: 'error';
  code: ErrorCode;
  /** Friendly, localized text safe to show the user. */
  message: string;
  retryable: boolean;
}

/** One way to complete a question the engine could not answer as asked: re-ask with these fields set. */
export interface ClarifyChoice {
  /** Short, localized, fit for a button (Kakao quick replies allow 14 characters). */
  label: string;
  indicatorId?: string;
  horizonMonths?: number;
}

/**
 * The engine asks back instead of guessing (an ambiguous indicator, a horizon it cannot serve, a subject it does not
 * cover, an empty question). Terminal, like `error`: adapters show `message` with `choices` as buttons, and a choice
 * re-runs the original question with the choice's fields as explicit overrides.
 */
export interface ClarifyEvent {
  type: 'clarify';
  reason: 'ambiguous-indicator' | 'no-indicator' | 'unsupported-subject' | 'horizon-out-of-range' | 'empty-question';
  /** Localized question back, safe to show. */
  message: string;
  choices: ClarifyChoice[];
}

export type AnswerEvent =
  ForecastEvent | ChartEvent | SummaryEvent | ScenarioDeltaEvent | DoneEvent | ErrorEvent | ClarifyEvent;

export interface Engine {
  answer(request: AnswerRequest, options?: AnswerOptions): AsyncIterable<AnswerEvent>;
}
