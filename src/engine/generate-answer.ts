import { createHash } from 'node:crypto';
import type { ChartRenderer } from '../chart/chart-renderer.js';
import { forecastChartSpec } from '../chart/forecast-chart-spec.js';
import { indicatorName } from '../data/catalog.js';
import { addMonthsToMonthEnd, resampleMonthEnd } from '../data/resample.js';
import type { Series } from '../data/series.js';
import { RiskXpertError } from '../errors.js';
import { levelIndex, type Forecaster, type ForecastOutput } from '../forecast/forecaster.js';
import type { Logger } from '../logger.js';
import { t } from '../messages/t.js';
import type { Narrator, TokenUsage } from '../narrate/narrator.js';
import { targetPhrase } from '../narrate/time-framing.js';
import { trackRecordField } from '../narrate/track-record-line.js';
import type { AnswerEvent, ForecastEvent, StaleData } from './answer-types.js';
import { computeFacts } from './compute-facts.js';
import type { Resolved } from './resolve-request.js';
import { staleNotice } from './stale-notice.js';
import {
  directionSentence,
  levelPhrase,
  resolveThreshold,
  thresholdChance,
  thresholdSentence,
  whenMonths,
  whenSentence,
} from './threshold-chance.js';
import type { WhatIf, WhatIfAnswer } from './what-if.js';

export interface GenerateDeps {
  forecaster: Forecaster;
  /** Answers the what-if part of "환율이 10% 오르면 코스피는?"; without it such questions say it is not computed. */
  whatIf?: WhatIf;
  narrator: Narrator;
  chart: ChartRenderer;
  now: () => number;
  chartMonths: number;
  forecastMonths: number;
}

/** What one generation works from: the resolved question, the loaded series and its staleness. */
export interface GenerationInput {
  r: Resolved;
  loaded: Series;
  stale: StaleData | undefined;
  deadline: number | undefined;
  /** The asker's request: its id goes on the narrator's log lines, and `log` names it on this generation's. */
  requestId: string;
  log: Logger;
}

/** The forecast step: monthly history -> forecaster -> the computed facts and the forecast event. */
async function forecastStep(
  deps: GenerateDeps,
  input: GenerationInput,
  signal: AbortSignal,
): Promise<{ event: ForecastEvent; output: ForecastOutput }> {
  const { r, loaded, stale } = input;
  const monthly = resampleMonthEnd(loaded.points).slice(-deps.forecastMonths);
  if (monthly.length < 2) {
    throw new RiskXpertError('SERIES_TOO_SHORT', `Only ${monthly.length} monthly point(s) for ${r.indicator.id}.`);
  }
  const [output] = await deps.forecaster.forecast(
    [{ values: monthly.map((p) => p.value), horizon: r.horizonMonths, seasonPeriod: 12, family: r.indicator.category }],
    { signal },
  );
  if (!output) throw new RiskXpertError('FORECAST_FAILED', 'The forecaster returned no output.');
  const last = monthly[monthly.length - 1]!;
  const dates = Array.from({ length: r.horizonMonths }, (_, i) => addMonthsToMonthEnd(last.date, i + 1));
  const dataAsOf = loaded.points.length ? { dataAsOf: loaded.points[loaded.points.length - 1]!.date } : {};
  const facts = computeFacts({
    indicator: r.indicator,
    locale: r.locale,
    question: r.request.question,
    history: monthly,
    horizonMonths: r.horizonMonths,
    targetDate: dates[dates.length - 1]!,
    forecast: output,
    dataSource: loaded.source,
    sampleData: loaded.sample,
    ...dataAsOf,
    ...(stale ? { stale } : {}),
    frequency: loaded.frequency,
  });
  const event: ForecastEvent = {
    type: 'forecast',
    indicator: {
      id: r.indicator.id,
      nameKo: r.indicator.nameKo,
      nameEn: r.indicator.nameEn,
      unit: facts.indicator.unit,
    },
    horizonMonths: r.horizonMonths,
    locale: r.locale,
    history: monthly.slice(-deps.chartMonths),
    dates,
    median: output.quantiles[levelIndex(output.levels, 0.5)]!.slice(0, r.horizonMonths),
    levels: output.levels,
    quantiles: output.quantiles.map((q) => q.slice(0, r.horizonMonths)),
    method: output.method,
    modelVersion: output.version,
    ...(output.fallbackReason ? { fallbackReason: output.fallbackReason } : {}),
    ...(output.provenance ? { provenance: output.provenance } : {}),
    ...trackRecordField(facts.trackRecord, r.locale),
    dataSource: loaded.source,
    sampleData: loaded.sample,
    ...dataAsOf,
    ...(stale ? { staleData: stale } : {}),
    ...(r.assumptions.length ? { assumptions: r.assumptions } : {}),
    facts,
  };
  return { event, output };
}

/** The chart step: the same spec the web history redraws a stored answer from, so both give the same bytes. */
async function chartStep(
  deps: GenerateDeps,
  input: GenerationInput,
  event: ForecastEvent,
  output: ForecastOutput,
): Promise<AnswerEvent> {
  const { r, loaded } = input;
  const png = await deps.chart.render(
    forecastChartSpec({
      indicator: r.indicator,
      locale: r.locale,
      horizonMonths: r.horizonMonths,
      history: event.history,
      dates: event.dates,
      median: event.median,
      low: output.quantiles[levelIndex(output.levels, 0.1)]!,
      high: output.quantiles[levelIndex(output.levels, 0.9)]!,
      dataSource: loaded.source,
      method: output.method,
    }),
  );
  return { type: 'chart', png, hash: createHash('sha256').update(png).digest('hex') };
}

/** The what-if part, computed by our code beside the forecast; a failure costs only this part, never the answer. */
async function whatIfStep(
  deps: GenerateDeps,
  input: GenerationInput,
  signal: AbortSignal,
): Promise<WhatIfAnswer | undefined> {
  const { r } = input;
  if (!r.condition) return undefined;
  if (!deps.whatIf) return { text: t(r.locale, 'whatIf.failed') };
  try {
    return await deps.whatIf.answer({
      condition: r.condition,
      targetId: r.indicator.id,
      horizonMonths: r.horizonMonths,
      locale: r.locale,
      signal,
    });
  } catch (err) {
    input.log.warn({ err, indicator: r.indicator.id, condition: r.condition }, 'what-if effect failed');
    return { text: t(r.locale, 'whatIf.failed') };
  }
}

/**
 * "환율 1500 넘을까?", "코스피 오를까?": the chance of the asked level at the horizon's end; "기준금리 언제 내려?": at
 * 3, 6 and 12 months. All from the forecast's quantiles.
 */
function thresholdStep(input: GenerationInput, event: ForecastEvent): string | undefined {
  const { r, loaded } = input;
  if (!r.threshold) return undefined;
  const h = event.dates.length - 1;
  const last = event.history[event.history.length - 1]?.value;
  if (last === undefined || h < 0) return undefined;
  const resolved = resolveThreshold(r.indicator.id, r.threshold, last, loaded.points);
  const { threshold: th, level } = resolved;
  const chanceAt = (month: number) =>
    thresholdChance(
      event.levels,
      event.quantiles.map((q) => q[month - 1]!),
      th,
      level,
    );
  const about = {
    indicatorId: r.indicator.id,
    name: indicatorName(r.indicator, r.locale),
    locale: r.locale,
    unit: event.indicator.unit,
  };
  if (th.fromNow === 'when' || th.when) {
    const months = whenMonths(event.dates.length);
    const chances = months.map(chanceAt);
    event.threshold = chances.at(-1)!;
    return whenSentence(chances, months, { ...about, now: last, ...(th.when ? { level } : {}) });
  }
  const chance = chanceAt(h + 1);
  event.threshold = chance;
  const when = targetPhrase(loaded.frequency, event.dates[h]!, r.locale);
  if (th.fromNow === 'direction') return directionSentence(chance, { ...about, now: last, when });
  const levelText = levelPhrase(resolved, { ...about, frequency: loaded.frequency });
  return thresholdSentence(chance, { ...about, when, ...(levelText ? { levelText } : {}) });
}

/** One fresh answer: forecast, chart, summary, scenario deltas, done (with timings and token usage). */
export async function* generateAnswer(
  deps: GenerateDeps,
  input: GenerationInput,
  signal: AbortSignal,
): AsyncGenerator<AnswerEvent> {
  const { r, loaded, stale, deadline } = input;
  const { now } = deps;
  const timings: Record<string, number> = {};
  const t0 = now();
  const [{ event, output }, whatIf] = await Promise.all([
    forecastStep(deps, input, signal),
    whatIfStep(deps, input, signal),
  ]);
  if (whatIf?.effect) event.whatIf = whatIf.effect;
  const threshold = thresholdStep(input, event);
  timings.forecast = now() - t0;
  yield event;

  const t1 = now();
  const chart = await chartStep(deps, input, event, output);
  timings.chart = now() - t1;
  yield chart;

  const t2 = now();
  const narrationOptions = { signal, requestId: input.requestId, ...(deadline === undefined ? {} : { deadline }) };
  const facts = event.facts;
  const summary = await deps.narrator.summary(facts, narrationOptions);
  timings.summary = now() - t2;
  // Old data is named in the first sentence, before what was assumed and before any narrator's words (the LLM's too).
  const opening = stale ? [staleNotice(r.locale, stale, loaded.frequency)] : [];
  const conditional = [...(whatIf ? [whatIf.text] : []), ...(threshold ? [threshold] : [])];
  yield {
    type: 'summary',
    text: [...opening, ...r.assumptions, ...conditional, summary.text].join(' '),
    narrator: summary.narrator,
  };

  const t3 = now();
  const stream = deps.narrator.scenario(facts, summary.text, narrationOptions);
  for await (const chunk of stream) {
    if (timings.firstToken === undefined) timings.firstToken = now() - t3;
    if (chunk.delta) yield { type: 'scenario-delta', text: chunk.delta };
  }
  timings.scenario = now() - t3;
  timings.total = now() - t0;

  const usage = sumUsage(summary.usage, stream.usage());
  const narrator =
    summary.narrator === stream.narrator() ? summary.narrator : `${summary.narrator}/${stream.narrator()}`;
  // conversationId is filled per subscriber: each asker gets their own conversation.
  yield { type: 'done', conversationId: '', cached: false, narrator, ...(usage ? { usage } : {}), timings };
}

function sumUsage(a: TokenUsage | undefined, b: TokenUsage | undefined): TokenUsage | undefined {
  if (!a && !b) return undefined;
  return {
    promptTokens: (a?.promptTokens ?? 0) + (b?.promptTokens ?? 0),
    completionTokens: (a?.completionTokens ?? 0) + (b?.completionTokens ?? 0),
  };
}
