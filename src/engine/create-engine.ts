import { createHash, randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import type { Cache } from '../cache/cache.js';
import { answerCacheKey } from '../cache/cache-key.js';
import { decodeAnswer, encodeAnswer } from '../cache/answer-codec.js';
import type { ChartRenderer } from '../chart/chart-renderer.js';
import { forecastChartSpec } from '../chart/forecast-chart-spec.js';
import type { Indicator } from '../data/catalog.js';
import { addMonthsToMonthEnd, resampleMonthEnd } from '../data/resample.js';
import type { Series, SeriesRepository } from '../data/series.js';
import { RiskXpertError, toRiskXpertError } from '../errors.js';
import { levelIndex, type Forecaster } from '../forecast/forecaster.js';
import { detectLocale, LOCALES, type Locale } from '../locale.js';
import type { Logger } from '../logger.js';
import { t } from '../messages/t.js';
import { currentRequestId } from '../request-context.js';
import type { Narrator, TokenUsage } from '../narrate/narrator.js';
import type { ConversationRecord } from '../store/store.js';
import type { AnswerEvent, AnswerOptions, AnswerRequest, DoneEvent, Engine, ForecastEvent, StaleData } from './answer-types.js';
import { PLATFORMS } from './answer-types.js';
import { computeFacts } from './compute-facts.js';
import { checkHorizon } from './parse-question.js';
import { clarifyFor, horizonAndAssumptions, planAnswer, todayOf, type AnswerPlan } from './question/plan-answer.js';
import { createSharedStream, type SharedStream } from './shared-stream.js';
import { staleDataOf, staleNotice } from './stale-notice.js';
import { indicatorList, unknownIndicatorMessage, userMessage } from './user-messages.js';
import { questionOverLimit } from './question-length.js';
import type { Understanding } from './question/understand-question.js';
import type { StockDirectory } from '../data/stocks/stock-directory.js';
import { stockPriceMessage } from './stock-messages.js';

export interface EngineObserver {
  /** Called once per answer with its outcome; metrics hang off this. */
  onAnswer?(info: { platform: string; outcome: 'ok' | 'cached' | 'error'; code?: string; timings: Record<string, number>; narrator?: string; usage?: TokenUsage }): void;
  onCache?(hit: boolean): void;
}

export interface EngineDeps {
  series: SeriesRepository;
  forecaster: Forecaster;
  narrator: Narrator;
  chart: ChartRenderer;
  cache: Cache;
  cacheTtlSeconds: number;
  /** Fire-and-forget conversation writer (retries on its own; never blocks the answer). */
  conversations: { write(record: ConversationRecord): void };
  logger: Logger;
  maxQuestionChars: number;
  defaultLocale?: Locale;
  /** Monthly history points drawn on the chart. */
  chartHistoryMonths?: number;
  /** Monthly points fed to the forecaster (it uses the tail it needs). */
  forecastHistoryMonths?: number;
  observer?: EngineObserver;
  now?: () => number;
  /** Decoded answers kept in this process for cache hits (default 200). */
  decodedCacheEntries?: number;
  /**
   * Called (fire and forget) when a question finds live data older than its frequency allows, so the ETL can
   * refresh it; the answer itself is served from the data there is.
   */
  onStaleSeries?: (indicatorId: string, lastDate: string) => void;
  /** The KRX listing questions are read against (single stocks); without it only the built-in stock names are known. */
  stocks?: { directory(): Promise<StockDirectory> };
}

const requestSchema = z.object({
  platform: z.enum(PLATFORMS),
  userId: z.string().min(1).max(200),
  question: z.string(),
  indicatorId: z.string().min(1).max(64).optional(),
  horizonMonths: z.number().int().optional(),
  locale: z.enum(LOCALES).optional(),
  requestId: z.string().max(200).optional(),
});

interface Resolved {
  request: AnswerRequest;
  locale: Locale;
  indicator: Indicator;
  horizonMonths: number;
  /** What was assumed to read the question (a default horizon, a calendar month counted from the data): said first. */
  assumptions: string[];
}

/** Resolved up to the horizon, which may need the data's last date. */
type Planned = Omit<Resolved, 'horizonMonths' | 'assumptions'> & { plan: Extract<AnswerPlan, { kind: 'answer' }> };

/**
 * The forecast-and-narrate engine: cache -> forecast -> chart -> summary -> scenario -> store.
 * `answer` never throws: every failure becomes one `error` event with a message fit for the user.
 */
export function createEngine(deps: EngineDeps): Engine {
  const now = deps.now ?? Date.now;
  const inFlight = new Map<string, SharedStream<AnswerEvent>>();
  const decoded = new LRUCache<string, AnswerEvent[]>({ max: Math.max(1, deps.decodedCacheEntries ?? 200), ttl: deps.cacheTtlSeconds * 1000 });
  const chartMonths = deps.chartHistoryMonths ?? 60;
  const forecastMonths = deps.forecastHistoryMonths ?? 240;

  function resolve(raw: AnswerRequest, stocks?: StockDirectory): Planned | { clarify: Understanding; locale: Locale; months?: number } {
    const parsed = requestSchema.safeParse(raw);
    if (!parsed.success) {
      throw new RiskXpertError('BAD_REQUEST', `Invalid answer request: ${z.prettifyError(parsed.error)}`);
    }
    const request = parsed.data as AnswerRequest;
    const question = request.question.trim();
    const locale = detectLocale(question, request.locale, deps.defaultLocale ?? 'ko');
    const over = questionOverLimit(question, deps.maxQuestionChars);
    if (over) throw new RiskXpertError('QUESTION_TOO_LONG', t(locale, 'engine.questionTooLong', over));
    const plan = planAnswer(question, request.indicatorId, todayOf(now()), stocks);
    if (plan.kind === 'unknown-id') {
      throw new RiskXpertError('UNKNOWN_INDICATOR', unknownIndicatorMessage(locale), {
        details: { indicatorId: request.indicatorId },
      });
    }
    if (plan.kind === 'clarify') return { clarify: plan.understanding, locale, ...(request.horizonMonths !== undefined ? { months: checkHorizon(request.horizonMonths, locale) } : {}) };
    if (request.horizonMonths !== undefined) checkHorizon(request.horizonMonths, locale);
    return { request: { ...request, question }, locale, indicator: plan.indicator, plan };
  }

  function finish(p: Planned, loaded: Series): Resolved {
    const { months, assumptions } = horizonAndAssumptions(p.plan, p.request.horizonMonths, loaded, p.locale);
    return { request: p.request, locale: p.locale, indicator: p.indicator, horizonMonths: months, assumptions };
  }

  async function* generate(r: Resolved, signal: AbortSignal, deadline: number | undefined, loaded: Series, stale: StaleData | undefined): AsyncGenerator<AnswerEvent> {
    const timings: Record<string, number> = {};
    const t0 = now();
    const monthly = resampleMonthEnd(loaded.points).slice(-forecastMonths);
    if (monthly.length < 2) {
      throw new RiskXpertError('SERIES_TOO_SHORT', `Only ${monthly.length} monthly point(s) for ${r.indicator.id}.`);
    }
    const [output] = await deps.forecaster.forecast([{ values: monthly.map((p) => p.value), horizon: r.horizonMonths, seasonPeriod: 12, family: r.indicator.category }], { signal });
    if (!output) throw new RiskXpertError('FORECAST_FAILED', 'The forecaster returned no output.');
    const last = monthly[monthly.length - 1]!;
    const dates = Array.from({ length: r.horizonMonths }, (_, i) => addMonthsToMonthEnd(last.date, i + 1));
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
      ...(loaded.points.length ? { dataAsOf: loaded.points[loaded.points.length - 1]!.date } : {}),
      ...(stale ? { stale } : {}),
      frequency: loaded.frequency,
    });
    const median = output.quantiles[levelIndex(output.levels, 0.5)]!.slice(0, r.horizonMonths);
    const forecastEvent: ForecastEvent = {
      type: 'forecast',
      indicator: { id: r.indicator.id, nameKo: r.indicator.nameKo, nameEn: r.indicator.nameEn, unit: facts.indicator.unit },
      horizonMonths: r.horizonMonths,
      locale: r.locale,
      history: monthly.slice(-chartMonths),
      dates,
      median,
      levels: output.levels,
      quantiles: output.quantiles.map((q) => q.slice(0, r.horizonMonths)),
      method: output.method,
      modelVersion: output.version,
      ...(output.fallbackReason ? { fallbackReason: output.fallbackReason } : {}),
      ...(output.provenance ? { provenance: output.provenance } : {}),
      dataSource: loaded.source,
      sampleData: loaded.sample,
      ...(loaded.points.length ? { dataAsOf: loaded.points[loaded.points.length - 1]!.date } : {}),
      ...(stale ? { staleData: stale } : {}),
      ...(r.assumptions.length ? { assumptions: r.assumptions } : {}),
      facts,
    };
    timings.forecast = now() - t0;
    yield forecastEvent;

    const t1 = now();
    const low = output.quantiles[levelIndex(output.levels, 0.1)]!;
    const high = output.quantiles[levelIndex(output.levels, 0.9)]!;
    // The same spec the web history redraws a stored answer from, so both give the same bytes.
    const png = await deps.chart.render(
      forecastChartSpec({
        indicator: r.indicator,
        locale: r.locale,
        horizonMonths: r.horizonMonths,
        history: forecastEvent.history,
        dates,
        median,
        low,
        high,
        dataSource: loaded.source,
        method: output.method,
      }),
    );
    timings.chart = now() - t1;
    yield { type: 'chart', png, hash: createHash('sha256').update(png).digest('hex') };

    const t2 = now();
    const narrationOptions = { signal, ...(deadline === undefined ? {} : { deadline }) };
    const summary = await deps.narrator.summary(facts, narrationOptions);
    timings.summary = now() - t2;
    // Old data is named in the first sentence, before what was assumed and before any narrator's words (the LLM's too).
    const opening = stale ? [staleNotice(r.locale, stale, loaded.frequency)] : [];
    yield { type: 'summary', text: [...opening, ...r.assumptions, summary.text].join(' '), narrator: summary.narrator };

    const t3 = now();
    const stream = deps.narrator.scenario(facts, summary.text, narrationOptions);
    for await (const chunk of stream) {
      if (timings.firstToken === undefined) timings.firstToken = now() - t3;
      if (chunk.delta) yield { type: 'scenario-delta', text: chunk.delta };
    }
    timings.scenario = now() - t3;
    timings.total = now() - t0;

    const usage = sumUsage(summary.usage, stream.usage());
    const narrator = summary.narrator === stream.narrator() ? summary.narrator : `${summary.narrator}/${stream.narrator()}`;
    yield {
      type: 'done',
      conversationId: '', // filled per subscriber: each asker gets their own conversation
      cached: false,
      narrator,
      ...(usage ? { usage } : {}),
      timings,
    };
  }

  /** The one generation shared by identical concurrent questions; it alone fills the cache. */
  function produce(r: Resolved, key: string, deadline: number | undefined, loaded: Series, stale: StaleData | undefined) {
    return async function* (signal: AbortSignal): AsyncGenerator<AnswerEvent> {
      const events: AnswerEvent[] = [];
      for await (const event of generate(r, signal, deadline, loaded, stale)) {
        events.push(event);
        yield event;
      }
      writeCache(key, events);
    };
  }

  async function loadSeries(r: Planned, signal: AbortSignal | undefined): Promise<{ series: Series; stale: StaleData | undefined }> {
    try {
      const series = await deps.series.get(r.indicator.id, signal ? { signal } : {});
      const stale = staleDataOf(series, now());
      // The offline sample is old by design: no refresh can make it newer.
      if (deps.onStaleSeries && stale && !series.sample) {
        try {
          deps.onStaleSeries(r.indicator.id, stale.lastDate);
        } catch {
          // a refresh request must never cost the answer
        }
      }
      return { series, stale };
    } catch (err) {
      const e = toRiskXpertError(err);
      if (e.code !== 'SERIES_NOT_FOUND') throw e;
      if (e.details?.['stockPrice']) throw new RiskXpertError('SERIES_NOT_FOUND', stockPriceMessage(r.locale, r.indicator, e.details), { cause: e });
      const available = await deps.series.available().catch(() => []);
      const name = r.locale === 'ko' ? r.indicator.nameKo : r.indicator.nameEn;
      const list = indicatorList(r.locale, available);
      throw new RiskXpertError(
        'SERIES_NOT_FOUND',
        `${t(r.locale, 'engine.seriesNotReady', { name })}${list ? t(r.locale, 'engine.availableNow', { list }) : ''}`,
        { cause: e },
      );
    }
  }

  async function readCache(key: string): Promise<AnswerEvent[] | undefined> {
    // Keys name immutable content (data, model and prompt versions are in them), so a decoded copy may be reused
    // for as long as the shared cache would have kept the bytes.
    const hot = decoded.get(key);
    if (hot) return hot;
    try {
      const bytes = await deps.cache.get(key);
      const events = bytes ? decodeAnswer(bytes) : undefined;
      if (events) decoded.set(key, events);
      return events;
    } catch (err) {
      deps.logger.warn({ err: toRiskXpertError(err).toJSON() }, 'cache read failed; answering without cache');
      return undefined;
    }
  }

  function writeCache(key: string, events: AnswerEvent[]): void {
    deps.cache.set(key, encodeAnswer(events), deps.cacheTtlSeconds).catch((err: unknown) => {
      deps.logger.warn({ err: toRiskXpertError(err).toJSON() }, 'cache write failed');
    });
  }

  function record(r: Resolved, events: AnswerEvent[], done: DoneEvent): void {
    const forecast = events.find((e): e is ForecastEvent => e.type === 'forecast');
    if (!forecast) return;
    const summary = events.find((e) => e.type === 'summary');
    const chart = events.find((e) => e.type === 'chart');
    const scenario = events.map((e) => (e.type === 'scenario-delta' ? e.text : '')).join('');
    const li = levelIndex(forecast.levels, 0.1);
    const hi = levelIndex(forecast.levels, 0.9);
    const lastPoint = forecast.history[forecast.history.length - 1]!;
    deps.conversations.write({
      id: done.conversationId,
      platform: r.request.platform,
      userId: r.request.userId,
      request: { question: r.request.question, indicatorId: r.indicator.id, horizonMonths: r.horizonMonths, locale: r.locale },
      forecast: {
        method: forecast.method,
        modelVersion: forecast.modelVersion,
        lastDate: lastPoint.date,
        lastValue: lastPoint.value,
        dates: forecast.dates,
        median: forecast.median,
        low: forecast.quantiles[li]!,
        high: forecast.quantiles[hi]!,
        dataSource: forecast.dataSource,
        history: forecast.history,
      },
      summary: summary?.type === 'summary' ? summary.text : '',
      scenario,
      narrator: done.narrator,
      cached: done.cached,
      ...(done.usage ? { usage: done.usage } : {}),
      timings: done.timings,
      ...(chart?.type === 'chart' ? { chartHash: chart.hash } : {}),
      createdAt: new Date(now()),
    });
  }

  async function* answer(raw: AnswerRequest, options: AnswerOptions = {}): AsyncGenerator<AnswerEvent> {
    const started = now();
    const platform = typeof raw?.platform === 'string' ? raw.platform : 'unknown';
    let locale: Locale = raw?.locale ?? deps.defaultLocale ?? 'ko';
    // An adapter that does not pass the id (the Telegram webhook's background handler) still runs inside its request.
    const log = deps.logger.child({ requestId: raw?.requestId ?? currentRequestId() ?? randomUUID(), platform });
    try {
      const planned = resolve(raw, await deps.stocks?.directory());
      locale = planned.locale;
      if ('clarify' in planned) {
        const event = await clarifyFor(planned.clarify, planned.locale, deps.series, planned.months);
        log.info({ reason: event.reason }, 'asked back');
        deps.observer?.onAnswer?.({ platform, outcome: 'error', code: `CLARIFY_${event.reason}`, timings: { total: now() - started } });
        yield event;
        return;
      }
      const { series: loaded, stale } = await loadSeries(planned, options.signal);
      const r = finish(planned, loaded);
      const key = answerCacheKey({
        indicatorId: r.indicator.id,
        horizonMonths: r.horizonMonths,
        locale: r.locale,
        question: r.request.question,
        // Staleness depends on the clock, not only on the data: an answer cached while the data was current must
        // not be replayed as current once it has aged, and a stale answer's "N days ago" holds for its day only.
        dataVersion: stale ? `${loaded.version}|stale-${stale.ageDays}d` : loaded.version,
        modelVersion: deps.forecaster.version,
        promptVersion: deps.narrator.version,
      });
      const conversationId = randomUUID();

      const cached = await readCache(key);
      deps.observer?.onCache?.(cached !== undefined);
      if (cached) {
        log.debug({ key }, 'cache hit');
        const timings = { total: now() - started };
        for (const event of cached) {
          if (event.type === 'done') {
            const done: DoneEvent = { ...event, conversationId, cached: true, timings };
            record(r, cached, done);
            deps.observer?.onAnswer?.({ platform, outcome: 'cached', timings, narrator: done.narrator });
            yield done;
          } else {
            yield event;
          }
        }
        return;
      }

      let shared = inFlight.get(key);
      if (!shared) {
        const created = createSharedStream<AnswerEvent>(produce(r, key, options.deadline, loaded, stale));
        inFlight.set(key, created);
        shared = created;
        void created.finished.then(() => inFlight.delete(key));
      }
      const seen: AnswerEvent[] = [];
      for await (const event of shared.subscribe(options.signal)) {
        seen.push(event);
        if (event.type === 'done') {
          const done: DoneEvent = { ...event, conversationId };
          record(r, seen, done);
          deps.observer?.onAnswer?.({ platform, outcome: 'ok', timings: done.timings, narrator: done.narrator, ...(done.usage ? { usage: done.usage } : {}) });
          log.info({ indicator: r.indicator.id, horizon: r.horizonMonths, narrator: done.narrator, timings: done.timings }, 'answered');
          yield done;
        } else {
          yield event;
        }
      }
    } catch (err) {
      const e = toRiskXpertError(err);
      if (e.code === 'INTERNAL' || e.code === 'FORECAST_FAILED' || e.code === 'CHART_FAILED') {
        log.error({ err: e, cause: e.cause }, 'answer failed');
      } else {
        log.info({ code: e.code }, 'answer refused');
      }
      deps.observer?.onAnswer?.({ platform, outcome: 'error', code: e.code, timings: { total: now() - started } });
      yield { type: 'error', code: e.code, message: userMessage(e.code, locale, e.message), retryable: e.retryable };
    }
  }

  return { answer };
}

function sumUsage(a: TokenUsage | undefined, b: TokenUsage | undefined): TokenUsage | undefined {
  if (!a && !b) return undefined;
  return {
    promptTokens: (a?.promptTokens ?? 0) + (b?.promptTokens ?? 0),
    completionTokens: (a?.completionTokens ?? 0) + (b?.completionTokens ?? 0),
  };
}
