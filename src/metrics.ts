import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { EngineObserver } from './engine/create-engine.js';
import type { NarrationEvent } from './narrate/resilient-narrator.js';
import { createHttpMetrics, ZERO_SERIES } from './metrics/http-metrics.js';

/** What a BullMQ Queue offers for depth metrics (structural, so this file needs no queue library). */
export interface QueueCountsSource {
  readonly name: string;
  getJobCounts(...types: string[]): Promise<Record<string, number>>;
}

/** The worker events that job outcome counters listen to (a BullMQ Worker has them). */
export interface WorkerEventsSource {
  readonly name: string;
  on(event: 'completed' | 'failed', listener: (...args: never[]) => void): unknown;
}

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed'] as const;

/**
 * Prometheus metrics of one process, on its own registry (nothing global, so tests and several runtimes in one
 * process never collide). The engine and narrator report through the observer hooks; /metrics exposes them.
 */
export function createMetrics(options: { defaultMetrics?: boolean } = {}) {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'riskxpert_' });
  const counters = createCounters(registry);
  const { answers, stage, cache, llmTokens, llmFallbacks, rateLimited, alertDeliveries, jobOutcomes } = counters;
  const http = createHttpMetrics(registry);
  startAtZero(counters);
  const queues = new Map<string, QueueCountsSource>();
  queueDepthGauge(registry, queues);

  const observer: EngineObserver = {
    onAnswer(info) {
      answers.inc({ platform: info.platform, outcome: info.outcome, code: info.code ?? '' });
      for (const [name, ms] of Object.entries(info.timings)) stage.observe({ stage: name }, ms / 1000);
    },
    onCache(hit) {
      cache.inc({ result: hit ? 'hit' : 'miss' });
    },
  };

  function onNarration(event: NarrationEvent): void {
    if (event.type === 'usage') {
      llmTokens.inc({ kind: 'prompt' }, event.usage.promptTokens);
      llmTokens.inc({ kind: 'completion' }, event.usage.completionTokens);
    } else {
      llmFallbacks.inc({ stage: event.type === 'cut' ? 'scenario-cut' : event.stage, code: event.code ?? '' });
    }
  }

  /** Adds a queue to the depth gauge (idempotent by name). */
  function watchQueue(queue: QueueCountsSource): void {
    queues.set(queue.name, queue);
  }

  /** Counts the jobs a worker of this process completes or fails (a failed attempt that will retry counts too). */
  function observeWorker(worker: WorkerEventsSource): void {
    worker.on('completed', () => jobOutcomes.inc({ queue: worker.name, outcome: 'completed' }));
    worker.on('failed', () => jobOutcomes.inc({ queue: worker.name, outcome: 'failed' }));
  }

  return {
    registry,
    http,
    observer,
    onNarration,
    watchQueue,
    observeWorker,
    onRateLimited: (route: string, scope: 'ip' | 'user') => rateLimited.inc({ route, scope }),
    onAlertDelivery: (platform: string, outcome: 'sent' | 'failed' | 'blocked') =>
      alertDeliveries.inc({ platform, outcome }),
  };
}

/** In this order on /metrics (a registry lists its metrics as they were registered). */
function createCounters(registry: Registry) {
  const answers = new Counter({
    name: 'riskxpert_answers_total',
    help: 'Answers by platform and outcome (ok, cached, error) and error code',
    labelNames: ['platform', 'outcome', 'code'],
    registers: [registry],
  });
  const stage = new Histogram({
    name: 'riskxpert_answer_stage_seconds',
    help: 'Time per answer stage: forecast, chart, summary, first token, scenario, total',
    labelNames: ['stage'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });
  const cache = new Counter({
    name: 'riskxpert_cache_lookups_total',
    help: 'Answer cache lookups by result (hit, miss)',
    labelNames: ['result'],
    registers: [registry],
  });
  const llmTokens = new Counter({
    name: 'riskxpert_llm_tokens_total',
    help: 'LLM tokens by kind (prompt, completion)',
    labelNames: ['kind'],
    registers: [registry],
  });
  const llmFallbacks = new Counter({
    name: 'riskxpert_llm_fallbacks_total',
    help: 'Narration handed to the deterministic narrator, by stage and reason code',
    labelNames: ['stage', 'code'],
    registers: [registry],
  });

  const rateLimited = new Counter({
    name: 'riskxpert_http_rate_limited_total',
    help: 'Requests refused by a rate limit, by route and scope (ip, user)',
    labelNames: ['route', 'scope'],
    registers: [registry],
  });
  const alertDeliveries = new Counter({
    name: 'riskxpert_alert_deliveries_total',
    help: 'Alert deliveries by platform and outcome (sent, failed, blocked)',
    labelNames: ['platform', 'outcome'],
    registers: [registry],
  });
  const jobOutcomes = new Counter({
    name: 'riskxpert_queue_jobs_total',
    help: 'Jobs finished by this process, by queue and outcome (completed, failed)',
    labelNames: ['queue', 'outcome'],
    registers: [registry],
  });
  return { answers, stage, cache, llmTokens, llmFallbacks, rateLimited, alertDeliveries, jobOutcomes };
}

// Every series we know of starts at zero: a counter that appears only on its first event breaks rate() and alerts.
function startAtZero(counters: ReturnType<typeof createCounters>): void {
  const { answers, cache, llmTokens, llmFallbacks, rateLimited, alertDeliveries } = counters;
  for (const platform of ZERO_SERIES.platforms)
    for (const outcome of ZERO_SERIES.answerOutcomes) answers.inc({ platform, outcome, code: '' }, 0);
  for (const result of ['hit', 'miss']) cache.inc({ result }, 0);
  for (const kind of ['prompt', 'completion']) llmTokens.inc({ kind }, 0);
  for (const stage of ['summary', 'scenario', 'scenario-cut']) llmFallbacks.inc({ stage, code: '' }, 0);
  for (const route of ZERO_SERIES.rateLimitedIp) rateLimited.inc({ route, scope: 'ip' }, 0);
  rateLimited.inc({ route: 'kakao', scope: 'user' }, 0);
  for (const platform of ZERO_SERIES.alertPlatforms)
    for (const outcome of ZERO_SERIES.alertOutcomes) alertDeliveries.inc({ platform, outcome }, 0);
}

// Read from Redis when Prometheus scrapes, not on a timer: depth is a fact about the queue, not this process.
function queueDepthGauge(registry: Registry, queues: ReadonlyMap<string, QueueCountsSource>): void {
  new Gauge({
    name: 'riskxpert_queue_jobs',
    help: 'Jobs in each queue by state (waiting, active, delayed, prioritized, failed, completed)',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      await Promise.all(
        [...queues.values()].map(async (queue) => {
          try {
            const counts = await withTimeout(queue.getJobCounts(...QUEUE_STATES), 1_000);
            for (const state of QUEUE_STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
          } catch {
            // A queue Redis that is down leaves the series out for this scrape; `up` and the logs tell why.
          }
        }),
      );
    },
  });
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timed out')), ms))),
  ]).finally(() => clearTimeout(timer));
}

export type Metrics = ReturnType<typeof createMetrics>;
