import { createWhatIfAnswerer } from './scenario/what-if-answerer.js';
import type { MongoClient } from 'mongodb';
import type OpenAI from 'openai';
import type { Redis } from 'ioredis';
import type { Cache } from './cache/cache.js';
import { createMemoryCache } from './cache/memory-cache.js';
import { createRedisCache } from './cache/redis-cache.js';
import { createCacheRedisClient, createQueueRedisClient } from './app/clients/redis.js';
import { createOpenAiClient } from './app/clients/openai.js';
import { buildConversationWriter } from './app/build-conversation-writer.js';
import { buildForecaster } from './app/build-forecaster.js';
import { buildNarrator } from './app/build-narrator.js';
import { buildSeriesRepository } from './app/build-series.js';
import type { QueueDriver } from './app/queue-driver.js';
import type { ChartRenderer } from './chart/chart-renderer.js';
import { createChartRenderer } from './chart/chartjs-renderer.js';
import { createChartStore, type ChartStore } from './chart/chart-store.js';
import { createLlmRiskRewrite } from './risk/risk-explainer.js';
import { createRiskServices, riskHistory, type RiskServices } from './risk/risk-services.js';
import { createScenarioServices, scenarioStoreFor, type ScenarioServices } from './scenario/scenario-runtime.js';
import { createOpenAiScenarioLlm } from './scenario/scenario-llm.js';
import { createSimServices, type SimServices } from './sim/sim-services.js';
import { withStockSeries } from './app/build-stock-series.js';
import { createStockDirectorySource } from './data/stocks/stock-directory-source.js';
import type { Config } from './config.js';
import type { EtlRequests } from './data/etl-jobs.js';
import type { SeriesRepository } from './data/series.js';
import type { SeriesStore } from './store/series-store.js';
import { openStores, type StoreSet } from './store/open-stores.js';
import type { Engine, EngineObserver } from './engine/index.js';
import { createEngine } from './engine/index.js';
import type { Forecaster } from './forecast/forecaster.js';
import { SELECTION_HISTORY_MONTHS } from './forecast/selection/selection-forecaster.js';
import type { Logger } from './logger.js';
import { createMetrics, type Metrics } from './metrics.js';
import type { Narrator } from './narrate/narrator.js';
import { attachNews, type NewsRuntime } from './news/news-runtime.js';
import type { RetryingConversationWriter } from './store/retrying-writer.js';
import type { Store } from './store/store.js';
import type { RefreshTokenStore } from './store/refresh-token-store.js';
import type { OAuthStateStore } from './auth/oauth-state-store.js';
import { createMemoryOAuthStateStore } from './auth/memory-oauth-state-store.js';
import { createLlmUsage, instrumentOpenAi, type LlmUsage } from './ops/llm-usage.js';
import { openLlmUsageStore } from './ops/open-ops-stores.js';
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
  news: NewsRuntime;
  series: SeriesRepository;
  seriesStore: SeriesStore;
  forecaster: Forecaster;
  narrator: Narrator;
  cache: Cache;
  store: Store;
  writer: RetryingConversationWriter;
  charts: ChartStore;
  /** The one chart renderer of the process (engine, paper-trading charts, web, alert charts). */
  chartRenderer: ChartRenderer;
  /** The process's OpenAI client, when the LLM is on (narrator, alert wording). */
  openai?: OpenAI;
  /** Paper trading and alert subscriptions for the chat adapters (commands /buy, /subscribe...). */
  sim: SimServices;
  /** Portfolio risk: /risk, /plan, /profile and the reports (issue 20). */
  risk: RiskServices;
  /** Scenarios: the service for the CLI and web, `/scenario` for the chats (issue 21). */
  scenarios: ScenarioServices;
  metrics: Metrics;
  /** Web sessions: hashed refresh tokens (MongoDB with MONGODB_URL) and one-use OAuth states (Redis with REDIS_URL). */
  refreshTokens: RefreshTokenStore;
  oauthStates: OAuthStateStore;
  /** Every LLM call's model, tokens, latency and outcome (console and /metrics). */
  llmUsage: LlmUsage;
  /** The cache Redis client (REDIS_URL), for limiters that must be shared by every server; closed with the runtime. */
  cacheRedis?: Redis;
  /** A cache Redis client with a 200 ms command timeout for rate limiters (built on first call, closed with the runtime). */
  limiterRedis(): Redis | undefined;
  /** A fresh queue Redis client (QUEUE_REDIS_URL) for workers or a one-shot command; closed with the runtime. */
  queueRedis(role: 'worker' | 'one-shot'): Redis | undefined;
  /** Asks the ETL workers for loads; absent without a queue Redis (or a queue driver). */
  etl?: EtlRequests;
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
  /** The queue library, handed in by the process entry (bin/ gives workers/queue-driver.ts); no queues without it. */
  queues?: QueueDriver;
}

/**
 * The composition root: builds every client (src/app/clients), store and service of a process from the config, once,
 * and closes them in the reverse order. Nothing here runs at import; clients connect lazily so that `riskxpert ask`
 * with no servers starts instantly.
 */
export async function createRuntime(config: Config, options: RuntimeOptions): Promise<Runtime> {
  const { logger } = options;
  const metrics = options.metrics ?? createMetrics();
  const notices: string[] = [];
  const closers: (() => Promise<void>)[] = [];
  const closeLater = (close: () => Promise<void> | void) => closers.push(async () => close());

  // Every store on one backend (STORE: the embedded SQLite file by default); its database or client closes last,
  // after the stores have flushed. A database that cannot be opened stops the start here, with its reason.
  const stores = openStores(config);
  closeLater(() => stores.close());
  if (stores.notice) notices.push(stores.notice);
  const seriesStore: SeriesStore = stores.series;
  closeLater(() => seriesStore.close());
  const baseSeries = buildSeriesRepository(config, seriesStore, notices);
  const forecaster = buildForecaster(config.forecast);
  closeLater(() => forecaster.close?.());

  const { cacheRedis, cache, charts } = buildCaches(config, logger, notices);
  closeLater(() => cache.close());
  const chartRenderer = createChartRenderer({});
  const queue = openQueues(config, options, metrics, logger, notices);
  closeLater(() => queue.close());
  // Single KRX stocks (`stock:<code>`) first: the prices paper trading uses (the ETL's store, then stock-<code>.csv).
  const series = withStockSeries(config, baseSeries, seriesStore, queue.etl);

  const sim = createSimServices(config, {
    series,
    chart: chartRenderer,
    seriesStore,
    stores: { subscriptions: stores.subscriptions, accounts: stores.accounts },
    ...(queue.etl ? { requestLoad: queue.etl.requestStockLoad } : {}),
  });
  if (config.store.mongoUrl)
    await sim.init().catch((err: unknown) => logger.error({ err }, 'MongoDB init of subscriptions/accounts failed'));
  closeLater(() => sim.close());

  const store: Store = stores.store;
  // Indexes are created at start, but a Mongo that is down must not stop answers: the writer retries.
  if (config.store.mongoUrl)
    await store
      .init()
      .catch((err: unknown) => logger.error({ err }, 'MongoDB init failed; conversation writes will retry'));
  const refreshTokens: RefreshTokenStore = stores.refreshTokens;
  if (config.store.mongoUrl)
    await refreshTokens
      .init()
      .catch((err: unknown) =>
        logger.error({ err }, 'MongoDB refresh-token indexes failed; web logins will fail until it is up'),
      );
  closeLater(() => refreshTokens.close());
  const oauthStates: OAuthStateStore = cacheRedis
    ? createRedisOAuthStateStore({ redis: cacheRedis, keyPrefix: `${config.cache.keyPrefix}oauth-state:` })
    : createMemoryOAuthStateStore();

  const bufferRedis =
    config.store.mongoUrl && config.queue.redisUrl
      ? createCacheRedisClient(config.queue.redisUrl, { commandTimeoutMs: 1_000 })
      : undefined;
  const conversations = buildConversationWriter(config, { store, bufferRedis, logger });
  const { writer } = conversations;
  closeLater(async () => {
    await conversations.close();
    bufferRedis?.disconnect();
    await store.close();
  });

  const openai = options.openai ?? createOpenAiClient(config.llm);
  // The shared daily LLM-use table on the same backend (the console reads it); its writes end before the stores close.
  const llmUsage = createLlmUsage({
    registry: metrics.registry,
    store: openLlmUsageStore(stores, { url: config.store.mongoUrl, dbName: config.store.dbName }, logger),
    logger,
  });
  closeLater(() => llmUsage.flush());
  const { narrator, primary, llmProbe } = buildNarrator(config.llm, {
    openai: openai && instrumentOpenAi(openai, llmUsage, (b) => (b.stream ? 'scenario' : 'summary')),
    metrics,
    logger,
  });
  if (!config.llm.enabled) notices.push(`narrator: deterministic Korean/English narrator (${config.llm.reason})`);
  const risk = createRiskServices(config, {
    history: riskHistory(config, { series, seriesStore }),
    portfolio: (userId) => sim.trading.portfolio(userId),
    trader: sim.trading,
    ...(openai && config.llm.enabled
      ? {
          rewrite: createLlmRiskRewrite({
            client: instrumentOpenAi(openai, llmUsage, () => 'explanation'),
            model: config.llm.model,
          }),
        }
      : {}),
  });
  closeLater(() => risk.close());
  const scenarios = createScenarioServices({
    store: scenarioStoreFor(stores, config.store),
    series,
    portfolio: (userId) => sim.trading.portfolio(userId),
    // The explanation only: every number comes from our code, and the deterministic text answers without it.
    ...(openai && config.llm.enabled
      ? { llm: createOpenAiScenarioLlm({ client: openai, model: config.llm.model, usage: llmUsage }) }
      : {}),
  });
  closeLater(() => scenarios.close());

  const engine = createEngine({
    series,
    forecaster,
    // The selection scores its methods at hundreds of past origins: it needs more history than the model's 240 months.
    ...(config.forecast.forecaster === 'selection' ? { forecastHistoryMonths: SELECTION_HISTORY_MONTHS } : {}),
    narrator,
    chart: chartRenderer,
    whatIf: createWhatIfAnswerer({ series }),
    stocks: createStockDirectorySource(stores.stockListing),
    cache,
    cacheTtlSeconds: config.cache.ttlSeconds,
    conversations: {
      write(record) {
        logger.info(
          { conversationId: record.id, platform: record.platform, cached: record.cached },
          'conversation queued for the store',
        );
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
    ...(queue.etl ? { onStaleSeries: refreshOnStale(queue.etl, logger) } : {}),
  });

  const withNews = attachNews(
    config,
    stores,
    engine,
    logger,
    openai && instrumentOpenAi(openai, llmUsage, () => 'summary'),
  );
  const extraClients = createOnDemandClients(config);
  return {
    config,
    logger,
    engine: withNews.engine,
    news: withNews.news,
    series,
    seriesStore,
    forecaster,
    narrator,
    cache,
    store,
    writer,
    charts,
    chartRenderer,
    ...(openai && config.llm.enabled ? { openai } : {}),
    sim,
    risk,
    scenarios,
    metrics,
    refreshTokens,
    llmUsage,
    oauthStates,
    ...(cacheRedis ? { cacheRedis } : {}),
    limiterRedis: extraClients.limiterRedis,
    queueRedis: extraClients.queueRedis,
    ...(queue.etl ? { etl: queue.etl } : {}),
    stores,
    ...(stores.mongoClient ? { mongoClient: stores.mongoClient } : {}),
    notices,
    async readiness() {
      const [cacheOk, storeOk, llm] = await Promise.all([
        cache.ping().catch(() => false),
        store.ping().catch(() => false),
        llmProbe?.check(),
      ]);
      return [
        { name: 'cache', ok: cacheOk, detail: cache.kind },
        { name: 'store', ok: storeOk, detail: `${store.kind}; ${writer.pending()} write(s) pending` },
        { name: 'forecaster', ok: true, detail: `${forecaster.id} ${forecaster.version}` },
        {
          name: 'narrator',
          ok: true,
          detail: primary
            ? `llm ${config.llm.enabled ? config.llm.model : ''} with deterministic fallback`
            : 'deterministic (fallback active)',
        },
        // Never unready for the LLM: the deterministic narrator answers whenever it is not there.
        ...(llm
          ? [
              {
                name: 'llm',
                ok: true,
                detail: llm.reachable
                  ? 'reachable'
                  : `unreachable (${llm.reason ?? 'unknown'}), deterministic fallback active`,
              },
            ]
          : []),
      ];
    },
    async close() {
      // Clients handed out on demand close first (their users stopped before close() was called), then the rest.
      extraClients.close();
      for (const close of closers.reverse()) {
        await close().catch((err: unknown) => logger.warn({ err }, 'close failed'));
      }
    },
  };
}

/** The answer cache and the chart store: on the cache Redis with REDIS_URL, in memory without. */
function buildCaches(
  config: Config,
  logger: Logger,
  notices: string[],
): { cacheRedis?: Redis; cache: Cache; charts: ChartStore } {
  const { chartTtlSeconds, maxEntries, keyPrefix, redisUrl } = config.cache;
  if (!redisUrl) {
    notices.push('cache: in-memory (set REDIS_URL to share it across processes)');
    return {
      cache: createMemoryCache({ maxEntries }),
      charts: createChartStore({ ttlSeconds: chartTtlSeconds, maxEntries, backend: { kind: 'memory' } }),
    };
  }
  const cacheRedis = createCacheRedisClient(redisUrl, { logger });
  return {
    cacheRedis,
    cache: createRedisCache({ redis: cacheRedis, keyPrefix, commandTimeoutMs: 300 }),
    charts: createChartStore({
      ttlSeconds: chartTtlSeconds,
      maxEntries,
      backend: { kind: 'redis', redis: cacheRedis, keyPrefix: `${keyPrefix}chart:` },
    }),
  };
}

/** With a queue Redis and a queue driver, the port that asks the ETL workers for loads. */
function openQueues(
  config: Config,
  options: RuntimeOptions,
  metrics: Metrics,
  logger: Logger,
  notices: string[],
): { etl?: EtlRequests; close(): Promise<void> } {
  if (!config.queue.redisUrl) return { close: async () => undefined };
  if (!options.queues) {
    notices.push(
      'queue: this process has no queue driver; stale data and stock loads are not requested from the workers',
    );
    return { close: async () => undefined };
  }
  const connection = createQueueRedisClient(config.queue.redisUrl, 'producer');
  const etl = options.queues.etlRequests({ connection, logger, metrics });
  return {
    etl,
    async close() {
      await etl.close();
      connection.disconnect();
    },
  };
}

const refreshOnStale = (etl: EtlRequests, logger: Logger) => (indicatorId: string) => {
  void etl
    .requestRefresh(indicatorId)
    .catch((err: unknown) => logger.warn({ err, indicatorId }, 'could not request an ETL refresh'));
};

/** Clients a process asks for only when it needs them (the serve limiters, the worker's queue connections). */
function createOnDemandClients(config: Config) {
  const built: Redis[] = [];
  let limiter: Redis | undefined;
  return {
    limiterRedis(): Redis | undefined {
      if (!config.cache.redisUrl) return undefined;
      // A short timeout: the limiters decide in memory when Redis is slow.
      limiter ??= createCacheRedisClient(config.cache.redisUrl, { commandTimeoutMs: 200 });
      if (!built.includes(limiter)) built.push(limiter);
      return limiter;
    },
    queueRedis(role: 'worker' | 'one-shot'): Redis | undefined {
      if (!config.queue.redisUrl) return undefined;
      const client = createQueueRedisClient(config.queue.redisUrl, role);
      built.push(client);
      return client;
    },
    close() {
      for (const client of built.splice(0)) client.disconnect();
    },
  };
}
