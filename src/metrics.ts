import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { EngineObserver } from './engine/create-engine.js';
import type { NarrationEvent } from './narrate/resilient-narrator.js';

/**
 * Prometheus metrics of one process, on its own registry (nothing global, so tests and several runtimes in one
 * process never collide). The engine and narrator report through the observer hooks; /metrics exposes them.
 */
export function createMetrics(options: { defaultMetrics?: boolean } = {}) {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'riskxpert_' });
  const answers = new Counter({ name: 'riskxpert_answers_total', help: 'Answers by platform and outcome (ok, cached, error) and error code', labelNames: ['platform', 'outcome', 'code'], registers: [registry] });
  const stage = new Histogram({
    name: 'riskxpert_answer_stage_seconds',
    help: 'Time per answer stage: forecast, chart, summary, first token, scenario, total',
    labelNames: ['stage'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });
  const cache = new Counter({ name: 'riskxpert_cache_lookups_total', help: 'Answer cache lookups by result (hit, miss)', labelNames: ['result'], registers: [registry] });
  const llmTokens = new Counter({ name: 'riskxpert_llm_tokens_total', help: 'LLM tokens by kind (prompt, completion)', labelNames: ['kind'], registers: [registry] });
  const llmFallbacks = new Counter({ name: 'riskxpert_llm_fallbacks_total', help: 'Narration handed to the deterministic narrator, by stage and reason code', labelNames: ['stage', 'code'], registers: [registry] });

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

  return { registry, observer, onNarration };
}

export type Metrics = ReturnType<typeof createMetrics>;
