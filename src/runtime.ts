import type { MongoClient } from 'mongodb';
import { dirname, join } from 'node:path';
import OpenAI from 'openai';
import { Redis as IORedis, type Redis } from 'ioredis';
import { Queue } from 'bullmq';
import { ETL_QUEUE, requestRefresh, type EtlJobData } from './data/etl-jobs.js';
import type { Cache } from './cache/cache.js';
import { createMemoryCache } from './cache/memory-cache.js';
import { createRedisCache } from './cache/redis-cache.js';
import { createCacheRedisClient } from './cache/redis-client.js';
import { createChartRenderer } from './chart/chartjs-renderer.js';
import { createChartStore, type ChartStore } from './chart/chart-store.js';
import { createSimServices, type SimServices } from './sim/sim-services.js';
import { createStockPrices, requestStockLoad } from './data/stock-prices.js';
import { stockCodeOf } from './data/stock-instruments.js';
import { createStockDirectorySource } from './data/stocks/stock-directory-source.js';
import { createStockRepository } from './data/stocks/stock-repository.js';
import type { Config } from './config.js';
import { createCompositeRepository } from './data/composite-repository.js';
import { createCsvDirectoryRepository } from './data/csv-directory-repository.js';
import { createSampleRepository } from './data/sample-repository.js';
import type { SeriesRepository } from './data/series.js';
import { createStoreRepository } from './data/store-repository.js';
import type { SeriesStore } from './store/series-store.js';
import { openStores, type StoreSet } from './store/open-stores.js';
import type { Engine, EngineObserver } from './engine/index.js';
import { createEngine } from './engine/index.js';
import { createBaselineForecaster } from './forecast/baselines/index.js';
import type { Forecaster } from './forecast/forecaster.js';
import { defaultModelPath } from './forecast/evaluation-methods.js';
import { createModelForecaster } from './forecast/model-forecaster.js';
import { createSelectionForecaster, SELECTION_HISTORY_MONTHS } from './forecast/selection/selection-forecaster.js';
import type { Logger } from './logger.js';
import { createMetrics, type Metrics } from './metrics.js';
import { createDeterministicNarrator } from './narrate/deterministic-narrator.js';
import type { Narrator } from './narrate/narrator.js';
import { createOpenAiNarrator } from './narrate/openai-narrator.js';
import { createResilientNarrator } from './narrate/resilient-narrator.js';
import { createLlmProbe, type LlmProbe } from './narrate/llm-probe.js';
import { createRetryingConversationWriter, type RetryingConversationWriter } from './store/retrying-writer.js';
import { createDurableConversationWriter, type DurableConversationWriter } from './store/durable-conversation-writer.js';
import type { Store } from './store/store.js';
import type { RefreshTokenStore } from './store/refresh-token-store.js';
import type { OAuthStateStore } from './auth/oauth-state-store.js';
import { createMemoryOAuthStateStore } from './auth/memory-oauth-state-store.js';
import { createRedisOAuthStateStore } from './auth/redis-oauth-state-store.js';

export interface ReadinessCheck {
  name: string;
  ok: boolean;
  detail: string;
}

export interface Runtime {
  config: Config;
  logger: Logger;
  engine: Engine;
  series: SeriesRepository;
  seriesStore: SeriesStore;
  forecaster: Forecaster;
  narrator: Narrator;
  cache: Cache;
  store: Store;
  writer: RetryingConversationWriter;
  charts: ChartStore;
  /** Paper trading and alert subscriptions for the chat adapters (commands /buy, /subscribe...). */
  sim: SimServices;
  metrics: Metrics;
  /** Web sessions: hashed refresh tokens (MongoDB with MONGODB_URL) and one-use OAuth states (Redis with REDIS_URL). */
  refreshTokens: RefreshTokenStore;
  oauthStates: OAuthStateStore;
  /** The cache Redis client (REDIS_URL), for limiters that must be shared by every server; closed with the runtime. */
  cacheRedis?: Redis;
  /** Every store port on the configured backend (the alert workers take their threat events from it); closed with it. */
  stores: StoreSet;
  /** The process's one MongoDB client (MONGODB_URL), for stores built outside the runtime; closed with it. */
  mongoClient?: MongoClient;
  /** One line each for what runs embedded instead of a real server, shown once at start. */
  notices: string[];
  readiness(): Promise<ReadinessCheck[]>;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  logger: Logger;
  /** Defaults to a fresh Prometheus registry for this runtime. */
  metrics?: Metrics;
  observer?: EngineObserver;
  /** Tests inject their own OpenAI client (e.g. pointed at a local stand-in). */
  openai?: OpenAI;
}


/**
 * Builds every service of a process from the config, once, in one place. Nothing here runs at import;
 * clients connect lazily so that `riskxpert ask` with no servers starts instantly.
 */
export async function createRuntime(config: Config, options: RuntimeOptions): Promise<Runtime> {
  const { logger } = options;
  const metrics = options.metrics ?? createMetrics();
  const notices: string[] = [];
  const closers: (() => Promise<void>)[] = [];

  // Every store on one backend (STORE: the embedded SQLite file by default); its database or client closes last,
  // after the stores have flushed. A database that cannot be opened stops the start here, with its reason.
  const stores = openStores(config);
  closers.push(() => stores.close());
  if (stores.notice) notices.push(stores.notice);
  const mongoClient = stores.mongoClient;
  const seriesStore: SeriesStore = stores.series;
  closers.push(() => seriesStore.close());
  // ETL-loaded data first, then a CSV folder, then the offline sample.
  // Single KRX stocks (`stock:<code>`) first: the same prices paper trading uses (store, then stock-<code>.csv).
  const stockPrices = createStockPrices({
    store: seriesStore,
    ...(config.data.dir ? { csvDir: config.data.dir } : {}),
    kisConfigured: config.etl.kis !== undefined && config.etl.providers.includes('kis'),
    ...(config.queue.redisUrl ? { requestLoad: async (id: string) => { if (refreshQueue) await requestStockLoad(refreshQueue, id); } } : {}),
  });
  const repos: SeriesRepository[] = [createStockRepository(stockPrices), createStoreRepository(seriesStore)];
  if (config.data.dir) repos.push(createCsvDirectoryRepository({ dir: config.data.dir }));
  else notices.push('data: offline S&P 500 sample from vega-datasets (set RISKXPERT_DATA_DIR for real indicator data)');
  repos.push(createSampleRepository());
  // A store lookup gets 1.5 s: an unreachable MongoDB then costs the first answers that, not the driver's timeout.
  const series = createCompositeRepository(repos, { findTimeoutMs: 1_500 });

  const drift = createBaselineForecaster('drift');
  let forecaster: Forecaster;
  if (config.forecast.forecaster === 'selection') {
    // The served method for every indicator (models/MODEL_CARD.md): menu selection with out-of-sample bands.
    forecaster = createSelectionForecaster();
  } else if (config.forecast.forecaster === 'model') {
    const modelPath = config.forecast.modelPath ?? defaultModelPath();
    // The calibrated model (model-calibration.ts): the same numbers the backtest and MODEL_CARD.md report.
    forecaster = createModelForecaster({ modelPath, metadataPath: join(dirname(modelPath), 'metadata.json'), fallback: drift });
  } else {
    forecaster = createBaselineForecaster(config.forecast.forecaster as Exclude<typeof config.forecast.forecaster, 'selection' | 'model'>);
  }
  closers.push(async () => forecaster.close?.());

  let cacheRedis: Redis | undefined;
  let cache: Cache;
  if (config.cache.redisUrl) {
    cacheRedis = createCacheRedisClient(config.cache.redisUrl, { logger });
    cache = createRedisCache({ redis: cacheRedis, keyPrefix: config.cache.keyPrefix, commandTimeoutMs: 300 });
  } else {
    cache = createMemoryCache({ maxEntries: config.cache.maxEntries });
    notices.push('cache: in-memory (set REDIS_URL to share it across processes)');
  }
  closers.push(() => cache.close());

  const charts = createChartStore(
    cacheRedis
      ? { ttlSeconds: config.cache.chartTtlSeconds, maxEntries: config.cache.maxEntries, backend: { kind: 'redis', redis: cacheRedis, keyPrefix: `${config.cache.keyPrefix}chart:` } }
      : { ttlSeconds: config.cache.chartTtlSeconds, maxEntries: config.cache.maxEntries, backend: { kind: 'memory' } },
  );

  const sim = createSimServices(config, {
    series,
    chart: createChartRenderer({}),
    seriesStore,
    stores: { subscriptions: stores.subscriptions, accounts: stores.accounts },
    // The queue is set up further down; an order only asks for a stock load after the runtime is built.
    ...(config.queue.redisUrl ? { requestLoad: async (id: string) => { if (refreshQueue) await requestStockLoad(refreshQueue, id); } } : {}),
  });
  if (config.store.mongoUrl) await sim.init().catch((err: unknown) => logger.error({ err }, 'MongoDB init of subscriptions/accounts failed'));
  closers.push(() => sim.close());

  const store: Store = stores.store;
  // Indexes are created at start, but a Mongo that is down must not stop answers: the writer retries.
  if (config.store.mongoUrl) await store.init().catch((err: unknown) => logger.error({ err }, 'MongoDB init failed; conversation writes will retry'));
  const refreshTokens: RefreshTokenStore = stores.refreshTokens;
  if (config.store.mongoUrl) await refreshTokens.init().catch((err: unknown) => logger.error({ err }, 'MongoDB refresh-token indexes failed; web logins will fail until it is up'));
  closers.push(() => refreshTokens.close());
  const oauthStates: OAuthStateStore = cacheRedis
    ? createRedisOAuthStateStore({ redis: cacheRedis, keyPrefix: `${config.cache.keyPrefix}oauth-state:` })
    : createMemoryOAuthStateStore();

  // With MongoDB and a queue Redis, conversations pass through a Redis list that outlives a Mongo outage and a
  // restart (and hold records in memory while that Redis is down too); without them, the in-memory retrying writer.
  let durableWriter: DurableConversationWriter | undefined;
  let bufferRedis: Redis | undefined;
  if (config.store.mongoUrl && config.queue.redisUrl) {
    bufferRedis = createCacheRedisClient(config.queue.redisUrl, { commandTimeoutMs: 1_000 });
    durableWriter = createDurableConversationWriter({
      redis: bufferRedis,
      key: `${config.cache.keyPrefix}conversation-buffer`,
      store,
      maxMemoryQueue: 10_000,
      baseDelayMs: 500,
      maxDelayMs: 30_000,
      logger,
    });
  }
  const writer: RetryingConversationWriter = durableWriter ?? createRetryingConversationWriter({ store, maxQueue: 10_000, baseDelayMs: 500, maxDelayMs: 30_000, logger });
  closers.push(async () => {
    await writer.flush(5_000);
    await durableWriter?.close();
    bufferRedis?.disconnect();
    await store.close();
  });

  const fallback = createDeterministicNarrator();
  let primary: Narrator | undefined;
  let llmProbe: LlmProbe | undefined;
  if (config.llm.enabled) {
    const client =
      options.openai ??
      new OpenAI({ apiKey: config.llm.apiKey, ...(config.llm.baseUrl ? { baseURL: config.llm.baseUrl } : {}), maxRetries: 0, timeout: config.llm.summaryTimeoutMs });
    primary = createOpenAiNarrator({ client, model: config.llm.model, timeoutMs: config.llm.summaryTimeoutMs, maxRetries: config.llm.maxRetries });
    llmProbe = createLlmProbe({ client, timeoutMs: 2_000, intervalMs: 30_000 });
  } else {
    notices.push(`narrator: deterministic Korean/English narrator (${config.llm.reason})`);
  }
  const narrator = createResilientNarrator({
    ...(primary ? { primary } : {}),
    fallback,
    summaryTimeoutMs: config.llm.enabled ? config.llm.summaryTimeoutMs : 0,
    firstTokenTimeoutMs: config.llm.enabled ? config.llm.firstTokenTimeoutMs : 0,
    idleTimeoutMs: config.llm.enabled ? config.llm.idleTimeoutMs : 0,
    onEvent: (event) => {
      metrics.onNarration(event);
      // Token counts and fallbacks only: never prompt or completion text at info level.
      if (event.type === 'usage') logger.info({ promptTokens: event.usage.promptTokens, completionTokens: event.usage.completionTokens }, 'llm usage');
      else logger.warn({ stage: event.type === 'cut' ? 'scenario-cut' : event.stage, code: event.code }, 'llm gave way to the deterministic narrator');
    },
  });

  // With a queue Redis, a question that finds stale ETL data asks the workers for a refresh.
  let refreshQueue: Queue<EtlJobData> | undefined;
  if (config.queue.redisUrl) {
    // Enqueueing must fail fast when the queue Redis is down: no offline queue, one retry.
    const queueRedis = new IORedis(config.queue.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
    queueRedis.on('error', () => undefined);
    refreshQueue = new Queue<EtlJobData>(ETL_QUEUE, { connection: queueRedis });
    refreshQueue.on('error', (err) => logger.warn({ err: err.message }, 'etl refresh queue unavailable'));
    const q = refreshQueue;
    metrics.watchQueue(q);
    closers.push(async () => {
      await q.close();
      queueRedis.disconnect();
    });
  }

  const engine = createEngine({
    series,
    forecaster,
    // The selection scores its methods at hundreds of past origins: it needs more history than the model's 240 months.
    ...(config.forecast.forecaster === 'selection' ? { forecastHistoryMonths: SELECTION_HISTORY_MONTHS } : {}),
    narrator,
    chart: createChartRenderer({}),
    stocks: createStockDirectorySource(stores.stockListing),
    cache,
    cacheTtlSeconds: config.cache.ttlSeconds,
    conversations: {
      write(record) {
        logger.info({ conversationId: record.id, platform: record.platform, cached: record.cached }, 'conversation queued for the store');
        writer.write(record);
      },
    },
    logger,
    maxQuestionChars: config.answer.maxQuestionChars,
    defaultLocale: config.answer.defaultLocale,
    observer: {
      onAnswer: (info) => {
        metrics.observer.onAnswer?.(info);
        options.observer?.onAnswer?.(info);
      },
      onCache: (hit) => {
        metrics.observer.onCache?.(hit);
        options.observer?.onCache?.(hit);
      },
    },
    ...(refreshQueue
      ? {
          onStaleSeries: (indicatorId: string) => {
            // A stale stock already asked the worker for a load (stock-prices.ts), under a job id BullMQ accepts.
            if (stockCodeOf(indicatorId)) return;
            void requestRefresh(refreshQueue, indicatorId).catch((err: unknown) => logger.warn({ err, indicatorId }, 'could not request an ETL refresh'));
          },
        }
      : {}),
  });

  return {
    config,
    logger,
    engine,
    series,
    seriesStore,
    forecaster,
    narrator,
    cache,
    store,
    writer,
    charts,
    sim,
    metrics,
    refreshTokens,
    oauthStates,
    ...(cacheRedis ? { cacheRedis } : {}),
    stores,
    ...(mongoClient ? { mongoClient } : {}),
    notices,
    async readiness() {
      const [cacheOk, storeOk, llm] = await Promise.all([cache.ping().catch(() => false), store.ping().catch(() => false), llmProbe?.check()]);
      return [
        { name: 'cache', ok: cacheOk, detail: cache.kind },
        { name: 'store', ok: storeOk, detail: `${store.kind}; ${writer.pending()} write(s) pending` },
        { name: 'forecaster', ok: true, detail: `${forecaster.id} ${forecaster.version}` },
        { name: 'narrator', ok: true, detail: primary ? `llm ${config.llm.enabled ? config.llm.model : ''} with deterministic fallback` : 'deterministic (fallback active)' },
        // Never unready for the LLM: the deterministic narrator answers whenever it is not there.
        ...(llm ? [{ name: 'llm', ok: true, detail: llm.reachable ? 'reachable' : `unreachable (${llm.reason ?? 'unknown'}), deterministic fallback active` }] : []),
      ];
    },
    async close() {
      for (const close of closers.reverse()) {
        await close().catch((err: unknown) => logger.warn({ err }, 'close failed'));
      }
    },
  };
}
