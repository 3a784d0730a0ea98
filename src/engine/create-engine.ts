import { randomUUID } from 'node:crypto';
import { answerCacheKey } from '../cache/cache-key.js';
import type { Series } from '../data/series.js';
import { toRiskXpertError } from '../errors.js';
import type { Locale } from '../locale.js';
import type { Logger } from '../logger.js';
import type { TokenUsage } from '../narrate/narrator.js';
import type { Cache } from '../cache/cache.js';
import type { ChartRenderer } from '../chart/chart-renderer.js';
import type { SeriesRepository } from '../data/series.js';
import type { Forecaster } from '../forecast/forecaster.js';
import type { Narrator } from '../narrate/narrator.js';
import type { ConversationRecord } from '../store/store.js';
import type { StockDirectory } from '../data/stocks/stock-directory.js';
import { createAnswerCache } from './answer-cache.js';
import { createAnswerPlanner } from './answer-planner.js';
import type { AnswerEvent, AnswerOptions, AnswerRequest, DoneEvent, Engine, StaleData } from './answer-types.js';
import { conversationRecord } from './conversation-record.js';
import { generateAnswer, type GenerateDeps } from './generate-answer.js';
import { loadSeries } from './load-series.js';
import { clarifyFor } from './question/plan-answer.js';
import { finishPlan, resolveRequest, type Resolved } from './resolve-request.js';
import { createSharedStream, type SharedStream } from './shared-stream.js';
import { userMessage } from './user-messages.js';
import type { WhatIf } from './what-if.js';

export interface EngineObserver {
  /** Called once per answer with its outcome; metrics hang off this. */
  onAnswer?(info: {
    platform: string;
    outcome: 'ok' | 'cached' | 'error';
    code?: string;
    timings: Record<string, number>;
    narrator?: string;
    usage?: TokenUsage;
  }): void;
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
  /** Computes the what-if part of "환율이 10% 오르면 코스피는?" (src/scenario/what-if-answerer.ts). */
  whatIf?: WhatIf;
  /** The KRX listing questions are read against (single stocks); without it only the built-in stock names are known. */
  stocks?: { directory(): Promise<StockDirectory> };
}

/** The cache key: what determines the answer, including the data's staleness on this day. */
function cacheKeyOf(r: Resolved, loaded: Series, stale: StaleData | undefined, deps: EngineDeps): string {
  return answerCacheKey({
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
}

/** What handing an answer to one asker needs: the clock, the conversation recorder and the observer. */
interface Delivery {
  now: () => number;
  record: (r: Resolved, events: AnswerEvent[], done: DoneEvent, log: Logger) => void;
  observer?: EngineObserver | undefined;
}

/** A cache hit: the stored events again, with this asker's conversation id and timings. */
function* replay(
  ctx: Delivery,
  r: Resolved,
  cached: AnswerEvent[],
  at: { platform: string; started: number; log: Logger },
): Generator<AnswerEvent> {
  const { platform, started, log } = at;
  const { now, record } = ctx;
  const conversationId = randomUUID();
  const timings = { total: now() - started };
  for (const event of cached) {
    if (event.type !== 'done') {
      yield event;
      continue;
    }
    const done: DoneEvent = { ...event, conversationId, cached: true, timings };
    record(r, cached, done, log);
    ctx.observer?.onAnswer?.({ platform, outcome: 'cached', timings, narrator: done.narrator });
    yield done;
  }
}

/** A fresh answer: this asker's view of the shared generation, recorded under its own conversation id. */
async function* follow(
  ctx: Delivery,
  r: Resolved,
  shared: SharedStream<AnswerEvent>,
  platform: string,
  log: Logger,
  signal: AbortSignal | undefined,
): AsyncGenerator<AnswerEvent> {
  const { record } = ctx;
  const conversationId = randomUUID();
  const seen: AnswerEvent[] = [];
  for await (const event of shared.subscribe(signal)) {
    seen.push(event);
    if (event.type !== 'done') {
      yield event;
      continue;
    }
    const done: DoneEvent = { ...event, conversationId };
    record(r, seen, done, log);
    ctx.observer?.onAnswer?.({
      platform,
      outcome: 'ok',
      timings: done.timings,
      narrator: done.narrator,
      ...(done.usage ? { usage: done.usage } : {}),
    });
    log.info(
      { indicator: r.indicator.id, horizon: r.horizonMonths, narrator: done.narrator, timings: done.timings },
      'answered',
    );
    yield done;
  }
}

/** What generating one answer needs from the engine's dependencies (history windows default to 60 and 240 months). */
function generationDeps(deps: EngineDeps, now: () => number): GenerateDeps {
  return {
    forecaster: deps.forecaster,
    ...(deps.whatIf ? { whatIf: deps.whatIf } : {}),
    narrator: deps.narrator,
    chart: deps.chart,
    now,
    chartMonths: deps.chartHistoryMonths ?? 60,
    forecastMonths: deps.forecastHistoryMonths ?? 240,
  };
}

/** Any failure as the one `error` event the asker sees: logged as a fault or a refusal, and observed. */
function failed(
  ctx: Delivery,
  log: Logger,
  err: unknown,
  at: { platform: string; started: number; locale: Locale },
): AnswerEvent {
  const e = toRiskXpertError(err);
  if (e.code === 'INTERNAL' || e.code === 'FORECAST_FAILED' || e.code === 'CHART_FAILED') {
    log.error({ err: e, cause: e.cause }, 'answer failed');
  } else {
    log.info({ code: e.code }, 'answer refused');
  }
  ctx.observer?.onAnswer?.({
    platform: at.platform,
    outcome: 'error',
    code: e.code,
    timings: { total: ctx.now() - at.started },
  });
  return { type: 'error', code: e.code, message: userMessage(e.code, at.locale, e.message), retryable: e.retryable };
}

/** The one generation shared by identical concurrent questions; it alone fills the cache. */
function createGenerations(
  generation: GenerateDeps,
  cache: { write(key: string, events: AnswerEvent[], log: Logger): void },
) {
  const inFlight = new Map<string, SharedStream<AnswerEvent>>();
  return function sharedGeneration(
    r: Resolved,
    key: string,
    deadline: number | undefined,
    loaded: Series,
    stale: StaleData | undefined,
    asker: { requestId: string; log: Logger },
  ): SharedStream<AnswerEvent> {
    const running = inFlight.get(key);
    if (running) return running;
    const created = createSharedStream<AnswerEvent>(async function* (signal) {
      const events: AnswerEvent[] = [];
      // The generation is shared, so its log lines carry the id of the asker who started it.
      for await (const event of generateAnswer(generation, { r, loaded, stale, deadline, ...asker }, signal)) {
        events.push(event);
        yield event;
      }
      cache.write(key, events, asker.log);
    });
    inFlight.set(key, created);
    void created.finished.then(() => inFlight.delete(key));
    return created;
  };
}

/**
 * The forecast-and-narrate engine, in named steps: resolve the request -> load the series -> finish the plan ->
 * replay a cached answer, or join (or start) the one generation of this answer -> record the conversation.
 * `answer` never throws: every failure becomes one `error` event with a message fit for the user.
 */
export function createEngine(deps: EngineDeps): Engine {
  const now = deps.now ?? Date.now;
  const cache = createAnswerCache({
    cache: deps.cache,
    ttlSeconds: deps.cacheTtlSeconds,
    decodedEntries: deps.decodedCacheEntries,
  });
  const generation = generationDeps(deps, now);
  const plan = createAnswerPlanner();
  const record = (r: Resolved, events: AnswerEvent[], done: DoneEvent, log: Logger) => {
    const conversation = conversationRecord(r, events, done, new Date(now()));
    if (!conversation) return;
    log.info({ conversationId: conversation.id, cached: conversation.cached }, 'conversation queued for the store');
    deps.conversations.write(conversation);
  };
  const delivery: Delivery = { now, record, observer: deps.observer };

  const sharedGeneration = createGenerations(generation, cache);

  async function* answer(raw: AnswerRequest, options: AnswerOptions = {}): AsyncGenerator<AnswerEvent> {
    const started = now();
    const platform = typeof raw?.platform === 'string' ? raw.platform : 'unknown';
    let locale: Locale = raw?.locale ?? deps.defaultLocale ?? 'ko';
    // Every adapter passes its request's id; one made up here still ties this answer's lines together.
    const requestId = typeof raw?.requestId === 'string' ? raw.requestId : randomUUID();
    const log = deps.logger.child({ requestId, platform });
    try {
      const stocks = await deps.stocks?.directory();
      const planned = resolveRequest(raw, {
        maxQuestionChars: deps.maxQuestionChars,
        defaultLocale: deps.defaultLocale,
        now,
        plan,
        ...(stocks ? { stocks } : {}),
      });
      locale = planned.locale;
      if ('clarify' in planned) {
        const event = await clarifyFor(planned.clarify, planned.locale, deps.series, planned.months);
        log.info({ reason: event.reason }, 'asked back');
        deps.observer?.onAnswer?.({
          platform,
          outcome: 'error',
          code: `CLARIFY_${event.reason}`,
          timings: { total: now() - started },
        });
        yield event;
        return;
      }
      const { series: loaded, stale } = await loadSeries(
        { series: deps.series, now, onStaleSeries: deps.onStaleSeries },
        planned,
        options.signal,
      );
      const r = finishPlan(planned, loaded);
      const key = cacheKeyOf(r, loaded, stale, deps);
      const cached = await cache.read(key, log);
      deps.observer?.onCache?.(cached !== undefined);
      if (cached) {
        log.debug({ key }, 'cache hit');
        yield* replay(delivery, r, cached, { platform, started, log });
        return;
      }
      yield* follow(
        delivery,
        r,
        sharedGeneration(r, key, options.deadline, loaded, stale, { requestId, log }),
        platform,
        log,
        options.signal,
      );
    } catch (err) {
      yield failed(delivery, log, err, { platform, started, locale });
    }
  }

  return { answer };
}
