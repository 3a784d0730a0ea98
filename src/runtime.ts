import type { MongoClient } from 'mongodb';
import type OpenAI from 'openai';
import type { Redis } from 'ioredis';
import type { Cache } from './cache/cache.js';
import type { ChartRenderer } from './chart/chart-renderer.js';
import type { ChartStore } from './chart/chart-store.js';
import type { RiskServices } from './risk/risk-services.js';
import type { ScenarioServices } from './scenario/scenario-runtime.js';
import type { SimServices } from './sim/sim-services.js';
import type { Config } from './config.js';
import type { EtlRequests } from './data/etl-jobs.js';
import type { SeriesRepository } from './data/series.js';
import type { SeriesStore } from './store/series-store.js';
import type { StoreSet } from './store/open-stores.js';
import type { Engine } from './engine/index.js';
import type { Forecaster } from './forecast/forecaster.js';
import type { Logger } from './logger.js';
import { createMetrics, type Metrics } from './metrics.js';
import type { Narrator } from './narrate/narrator.js';
import { attachNews, type NewsRuntime } from './news/news-runtime.js';
import type { RetryingConversationWriter } from './store/retrying-writer.js';
import type { Store } from './store/store.js';
import type { RefreshTokenStore } from './store/refresh-token-store.js';
import type { OAuthStateStore } from './auth/oauth-state-store.js';
import { instrumentOpenAi, type LlmUsage } from './ops/llm-usage.js';
import { buildPersistence } from './app/build-persistence.js';
import { buildEngine } from './app/build-engine.js';
import { createOnDemandClients } from './app/on-demand-clients.js';
import { readinessChecks, type ReadinessCheck } from './app/readiness.js';
import { openData, openLlm, openRiskAndScenarios, openSim, type Lifecycle } from './runtime-steps.js';
import type { RuntimeOptions } from './runtime-options.js';

export type { ReadinessCheck };

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

export type { RuntimeOptions } from './runtime-options.js';

/**
 * The composition root: builds every client (src/app/clients), store and service of a process from the config, once,
 * and closes them in the reverse order. Nothing here runs at import; clients connect lazily so that `riskxpert ask`
 * with no servers starts instantly.
 */
export async function createRuntime(config: Config, options: RuntimeOptions): Promise<Runtime> {
  const { logger } = options;
  const metrics = options.metrics ?? createMetrics();
  const closers: (() => Promise<void>)[] = [];
  const life: Lifecycle = { notices: [], closeLater: (close) => void closers.push(async () => close()) };

  const data = openData(config, options, metrics, life);
  const { stores, seriesStore, forecaster, cacheRedis, cache, charts, chartRenderer, queue, series } = data;
  const sim = await openSim(config, data, logger, life);
  const { store, refreshTokens, oauthStates, writer } = await buildPersistence(config, {
    stores,
    cacheRedis,
    logger,
    closeLater: life.closeLater,
  });
  const { openai, llmUsage, narrator, primary, llmProbe } = openLlm(config, options, metrics, data, life);
  const { risk, scenarios } = openRiskAndScenarios(config, { data, sim, openai, llmUsage }, life);

  const engine = buildEngine(config, {
    series,
    forecaster,
    narrator,
    chartRenderer,
    stores,
    cache,
    writer,
    logger,
    metrics,
    observer: options.observer,
    etl: queue.etl,
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
    notices: life.notices,
    readiness: () => readinessChecks({ config, cache, store, writer, forecaster, primary, llmProbe }),
    close: () => closeAll(extraClients, closers, logger),
  };
}

async function closeAll(
  extraClients: { close(): void },
  closers: (() => Promise<void>)[],
  logger: Logger,
): Promise<void> {
  // Clients handed out on demand close first (their users stopped before close() was called), then the rest.
  extraClients.close();
  for (const close of closers.reverse()) {
    await close().catch((err: unknown) => logger.warn({ err }, 'close failed'));
  }
}
