import type OpenAI from 'openai';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';
import type { RuntimeOptions } from './runtime-options.js';
import { createOpenAiClient } from './app/clients/openai.js';
import { buildForecaster } from './app/build-forecaster.js';
import { buildNarrator } from './app/build-narrator.js';
import { buildSeriesRepository } from './app/build-series.js';
import { withStockSeries } from './app/build-stock-series.js';
import { buildCaches } from './app/build-caches.js';
import { openQueues } from './app/build-queues.js';
import { buildRisk } from './app/build-risk.js';
import { createChartRenderer } from './chart/chartjs-renderer.js';
import { createScenarioServices, scenarioStoreFor } from './scenario/scenario-runtime.js';
import { createOpenAiScenarioLlm } from './scenario/scenario-llm.js';
import { createSimServices, type SimServices } from './sim/sim-services.js';
import type { SeriesStore } from './store/series-store.js';
import { openStores } from './store/open-stores.js';
import { createLlmUsage, instrumentOpenAi, type LlmUsage } from './ops/llm-usage.js';
import { openLlmUsageStore } from './ops/open-ops-stores.js';

/** What every build step shares: the start notices and the closers, which run in the reverse order of registration. */
export interface Lifecycle {
  notices: string[];
  closeLater: (close: () => Promise<void> | void) => void;
}

/**
 * Every store on one backend (STORE: the embedded SQLite file by default), the series, forecaster, caches and queues.
 * The database or client closes last, after the stores have flushed; one that cannot be opened stops the start here.
 */
export function openData(config: Config, options: RuntimeOptions, metrics: Metrics, life: Lifecycle) {
  const { logger } = options;
  const stores = openStores(config);
  life.closeLater(() => stores.close());
  if (stores.notice) life.notices.push(stores.notice);
  const seriesStore: SeriesStore = stores.series;
  life.closeLater(() => seriesStore.close());
  const baseSeries = buildSeriesRepository(config, seriesStore, life.notices);
  const forecaster = buildForecaster(config.forecast);
  life.closeLater(() => forecaster.close?.());

  const { cacheRedis, cache, charts } = buildCaches(config, logger, life.notices);
  life.closeLater(() => cache.close());
  const chartRenderer = createChartRenderer({});
  const queue = openQueues(config, options, metrics, logger, life.notices);
  life.closeLater(() => queue.close());
  // Single KRX stocks (`stock:<code>`) first: the prices paper trading uses (the ETL's store, then stock-<code>.csv).
  const series = withStockSeries(config, baseSeries, seriesStore, queue.etl);
  return { stores, seriesStore, forecaster, cacheRedis, cache, charts, chartRenderer, queue, series };
}

export type RuntimeData = ReturnType<typeof openData>;

export async function openSim(
  config: Config,
  data: RuntimeData,
  logger: Logger,
  life: Lifecycle,
): Promise<SimServices> {
  const { stores, queue } = data;
  const sim = createSimServices(config, {
    series: data.series,
    chart: data.chartRenderer,
    seriesStore: data.seriesStore,
    stores: { subscriptions: stores.subscriptions, accounts: stores.accounts },
    ...(queue.etl ? { requestLoad: queue.etl.requestStockLoad } : {}),
  });
  if (config.store.mongoUrl)
    await sim.init().catch((err: unknown) => logger.error({ err }, 'MongoDB init of subscriptions/accounts failed'));
  life.closeLater(() => sim.close());
  return sim;
}

/** The OpenAI client (when any), the LLM-use table and the narrator that falls back to the deterministic one. */
export function openLlm(config: Config, options: RuntimeOptions, metrics: Metrics, data: RuntimeData, life: Lifecycle) {
  const { logger } = options;
  const openai = options.openai ?? createOpenAiClient(config.llm);
  // The shared daily LLM-use table on the same backend (the console reads it); its writes end before the stores close.
  const llmUsage = createLlmUsage({
    registry: metrics.registry,
    store: openLlmUsageStore(data.stores, { url: config.store.mongoUrl, dbName: config.store.dbName }, logger),
    logger,
  });
  life.closeLater(() => llmUsage.flush());
  const { narrator, primary, llmProbe } = buildNarrator(config.llm, {
    openai: openai && instrumentOpenAi(openai, llmUsage, (b) => (b.stream ? 'scenario' : 'summary')),
    metrics,
    logger,
  });
  if (!config.llm.enabled) life.notices.push(`narrator: deterministic Korean/English narrator (${config.llm.reason})`);
  return { openai, llmUsage, narrator, primary, llmProbe };
}

export function openRiskAndScenarios(
  config: Config,
  deps: { data: RuntimeData; sim: SimServices; openai: OpenAI | undefined; llmUsage: LlmUsage },
  life: Lifecycle,
) {
  const { data, sim, openai, llmUsage } = deps;
  const risk = buildRisk(config, {
    series: data.series,
    seriesStore: data.seriesStore,
    sim,
    openai: openai && instrumentOpenAi(openai, llmUsage, () => 'explanation'),
  });
  life.closeLater(() => risk.close());
  const scenarios = createScenarioServices({
    store: scenarioStoreFor(data.stores, config.store),
    series: data.series,
    portfolio: (userId) => sim.trading.portfolio(userId),
    // The explanation only: every number comes from our code, and the deterministic text answers without it.
    ...(openai && config.llm.enabled
      ? { llm: createOpenAiScenarioLlm({ client: openai, model: config.llm.model, usage: llmUsage }) }
      : {}),
  });
  life.closeLater(() => scenarios.close());
  return { risk, scenarios };
}
