import type { Cache } from '../cache/cache.js';
import type { ChartRenderer } from '../chart/chart-renderer.js';
import type { Config } from '../config.js';
import type { EtlRequests } from '../data/etl-jobs.js';
import type { SeriesRepository } from '../data/series.js';
import { createStockDirectorySource } from '../data/stocks/stock-directory-source.js';
import { createEngine, type Engine, type EngineObserver } from '../engine/index.js';
import type { Forecaster } from '../forecast/forecaster.js';
import { SELECTION_HISTORY_MONTHS } from '../forecast/selection/selection-forecaster.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { Narrator } from '../narrate/narrator.js';
import type { StoreSet } from '../store/open-stores.js';
import type { RetryingConversationWriter } from '../store/retrying-writer.js';
import { createWhatIfAnswerer } from '../scenario/what-if-answerer.js';
import { refreshOnStale } from './build-queues.js';

/** The engine of a process: its series, forecaster, narrator, chart, cache and conversation writer, observed by the metrics and the caller. */
export function buildEngine(
  config: Config,
  deps: {
    series: SeriesRepository;
    forecaster: Forecaster;
    narrator: Narrator;
    chartRenderer: ChartRenderer;
    stores: StoreSet;
    cache: Cache;
    writer: RetryingConversationWriter;
    logger: Logger;
    metrics: Metrics;
    observer?: EngineObserver | undefined;
    etl?: EtlRequests | undefined;
  },
): Engine {
  const { series, forecaster, narrator, stores, cache, writer, logger, metrics } = deps;
  const options = { observer: deps.observer };
  const queue = { etl: deps.etl };
  const chartRenderer = deps.chartRenderer;
  return createEngine({
    series,
    forecaster,
    // The selection scores its methods at hundreds of past origins: it needs more history than the model's 240 months.
    ...(config.forecast.forecaster === 'selection' ? { forecastHistoryMonths: SELECTION_HISTORY_MONTHS } : {}),
    narrator,
    chart: chartRenderer,
    // "환율이 10% 오르면 코스피는?": the conditional part from the scenario engine's joint model.
    whatIf: createWhatIfAnswerer({ series }),
    stocks: createStockDirectorySource(stores.stockListing),
    cache,
    cacheTtlSeconds: config.cache.ttlSeconds,
    conversations: writer,
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
}
