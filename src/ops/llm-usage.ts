import type OpenAI from 'openai';
import { Counter, Histogram, type Registry } from 'prom-client';
import type { Logger } from '../logger.js';
import type { LlmFeature } from './llm-features.js';
import {
  addInto,
  byNewestDay,
  llmUsageKey,
  type LlmUsageIncrement,
  type LlmUsageRow,
  type LlmUsageStore,
} from './llm-usage-store.js';

export { LLM_FEATURES, type LlmFeature } from './llm-features.js';

export interface LlmCall {
  feature: LlmFeature;
  model: string;
  /** From the response's `usage` (prompt_tokens, completion_tokens); 0 when the endpoint sent none. */
  tokensIn: number;
  tokensOut: number;
  latencyMs: number;
  outcome: 'ok' | 'error';
}

/** US dollars per million tokens, input and output. LLM_PRICES_JSON overrides; unknown models cost 0 (shown as such). */
export type LlmPrices = Record<string, { in: number; out: number }>;
export const DEFAULT_LLM_PRICES: LlmPrices = {
  'gpt-4o-mini': { in: 0.15, out: 0.6 },
  'gpt-4o': { in: 2.5, out: 10 },
  'gpt-4.1-mini': { in: 0.4, out: 1.6 },
};

export interface LlmDay {
  day: string;
  feature: LlmFeature;
  model: string;
  calls: number;
  errors: number;
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
  /** Mean latency of the day's calls, in milliseconds. */
  avgLatencyMs: number;
}

export interface LlmUsage {
  record(call: LlmCall): void;
  /** This process's calls only, per UTC day, feature and model, newest day first, over the last `days` days. */
  daily(days?: number): LlmDay[];
  /** Every process's calls, from the shared store (this process's table when there is none); the console reads this. */
  stored(days?: number): Promise<LlmDay[]>;
  /** Resolves when the store writes started so far have ended (succeeded or failed); for shutdown and tests. */
  flush(): Promise<void>;
}

/** Writes to the store still in flight beyond this are dropped (and counted): a hung store must not hold memory. */
const MAX_PENDING_WRITES = 1_000;
const DAY_MS = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const toDay = (r: LlmUsageRow): LlmDay => ({
  day: r.day,
  feature: r.feature,
  model: r.model,
  calls: r.calls,
  errors: r.errors,
  tokensIn: r.tokensIn,
  tokensOut: r.tokensOut,
  costUsd: Math.round(r.costUsd * 1e6) / 1e6,
  avgLatencyMs: r.calls > 0 ? Math.round(r.latencyMs / r.calls) : 0,
});

/**
 * Counts every LLM call: Prometheus counters on the process registry (scraped from /metrics), a per-day table in
 * memory (kept 31 days), and, with `store`, the same increment in the shared table every process adds to. The store
 * write is fire-and-forget: a slow or failed store never delays or fails the answer; a failure is logged and counted
 * (riskxpert_llm_usage_store_failures_total).
 */
export function createLlmUsage(
  options: { registry?: Registry; prices?: LlmPrices; now?: () => number; store?: LlmUsageStore; logger?: Logger } = {},
): LlmUsage {
  const prices = { ...DEFAULT_LLM_PRICES, ...options.prices };
  const now = options.now ?? Date.now;
  const m = llmMetrics(options.registry);
  const days = new Map<string, LlmUsageRow>();
  const pending = new Set<Promise<void>>();
  let lastWarn = 0;
  const failed = (err: unknown) => {
    m.storeFailures.inc();
    // At most one line a minute while the store is down: the counter has the rest.
    if (now() - lastWarn < 60_000) return;
    lastWarn = now();
    options.logger?.warn({ err: String(err) }, 'LLM use not stored (the answer is unaffected)');
  };
  const store = (inc: LlmUsageIncrement) => {
    if (!options.store) return;
    if (pending.size >= MAX_PENDING_WRITES) return failed(new Error('too many LLM-use writes in flight'));
    const p: Promise<void> = Promise.resolve()
      .then(() => options.store!.add(inc))
      .catch(failed)
      .finally(() => pending.delete(p));
    pending.add(p);
  };

  const daily = (n = 7): LlmDay[] => {
    const from = dayOf(now() - (n - 1) * DAY_MS);
    return [...days.values()]
      .filter((r) => r.day >= from)
      .sort(byNewestDay)
      .map(toDay);
  };

  return {
    record(c) {
      const p = prices[c.model];
      const usd = p ? (c.tokensIn * p.in + c.tokensOut * p.out) / 1_000_000 : 0;
      m.calls.inc({ feature: c.feature, model: c.model, outcome: c.outcome });
      m.tokens.inc({ feature: c.feature, model: c.model, direction: 'in' }, c.tokensIn);
      m.tokens.inc({ feature: c.feature, model: c.model, direction: 'out' }, c.tokensOut);
      m.cost.inc({ feature: c.feature, model: c.model }, usd);
      m.latency.observe({ feature: c.feature }, c.latencyMs / 1000);
      const inc: LlmUsageIncrement = {
        day: dayOf(now()),
        feature: c.feature,
        model: c.model,
        calls: 1,
        errors: c.outcome === 'error' ? 1 : 0,
        tokensIn: c.tokensIn,
        tokensOut: c.tokensOut,
        costUsd: usd,
        latencyMs: c.latencyMs,
      };
      const row = days.get(llmUsageKey(inc));
      if (row) addInto(row, inc);
      else days.set(llmUsageKey(inc), { ...inc });
      const oldest = dayOf(now() - 31 * DAY_MS);
      for (const [k, r] of days) if (r.day < oldest) days.delete(k);
      store(inc);
    },
    daily,
    async stored(n = 7) {
      // Without a store (tests that build the recorder alone) this process's table is the answer.
      if (!options.store) return daily(n);
      return (await options.store.since(dayOf(now() - (n - 1) * DAY_MS))).map(toDay);
    },
    async flush() {
      await Promise.all([...pending]);
    },
  };
}

function llmMetrics(registry: Registry | undefined) {
  const registers = registry ? [registry] : [];
  return {
    calls: new Counter({
      name: 'riskxpert_llm_calls_total',
      help: 'LLM calls by feature, model and outcome (ok, error)',
      labelNames: ['feature', 'model', 'outcome'],
      registers,
    }),
    tokens: new Counter({
      name: 'riskxpert_llm_feature_tokens_total',
      help: 'LLM tokens by feature, model and direction (in, out), from the response usage',
      labelNames: ['feature', 'model', 'direction'],
      registers,
    }),
    cost: new Counter({
      name: 'riskxpert_llm_cost_usd_total',
      help: 'Estimated LLM cost in US dollars by feature and model (LLM_PRICES_JSON)',
      labelNames: ['feature', 'model'],
      registers,
    }),
    latency: new Histogram({
      name: 'riskxpert_llm_call_seconds',
      help: 'LLM call latency by feature',
      labelNames: ['feature'],
      buckets: [0.25, 0.5, 1, 2, 4, 8, 16],
      registers,
    }),
    storeFailures: new Counter({
      name: 'riskxpert_llm_usage_store_failures_total',
      help: 'LLM calls whose use could not be written to the shared store (logged; the answer is unaffected)',
      registers,
    }),
  };
}

type CreateBody = { model: string; stream?: boolean | null };
type Usage = { prompt_tokens: number; completion_tokens: number } | null | undefined;

/**
 * The recorder's hook: an OpenAI client whose chat.completions.create reports each call to `usage`, the rest of the
 * caller's code unchanged. A streamed answer is recorded when its stream ends, with the usage chunk it carried.
 */
export function instrumentOpenAi(client: OpenAI, usage: LlmUsage, feature: (body: CreateBody) => LlmFeature): OpenAI {
  const completions = client.chat.completions;
  const create = async (body: CreateBody, opts?: unknown) => {
    const started = performance.now();
    const done = (u: Usage, outcome: LlmCall['outcome']) =>
      usage.record({
        feature: feature(body),
        model: body.model,
        tokensIn: u?.prompt_tokens ?? 0,
        tokensOut: u?.completion_tokens ?? 0,
        latencyMs: performance.now() - started,
        outcome,
      });
    let res: unknown;
    try {
      res = await (completions.create as (b: unknown, o?: unknown) => Promise<unknown>).call(completions, body, opts);
    } catch (err) {
      done(undefined, 'error');
      throw err;
    }
    if (!body.stream) {
      done((res as { usage?: Usage }).usage, 'ok');
      return res;
    }
    const stream = res as AsyncIterable<{ usage?: Usage }>;
    return {
      async *[Symbol.asyncIterator]() {
        let last: Usage;
        let outcome: LlmCall['outcome'] = 'error';
        try {
          for await (const chunk of stream) {
            if (chunk.usage) last = chunk.usage;
            yield chunk;
          }
          outcome = 'ok';
        } finally {
          done(last, outcome);
        }
      },
    };
  };
  // Proxies, so everything else of the client (models.list for the readiness probe) is the client's own.
  const only = <T extends object>(target: T, key: string, value: unknown): T =>
    new Proxy(target, { get: (t, p, r) => (p === key ? value : Reflect.get(t, p, r)) });
  return only(client, 'chat', only(client.chat, 'completions', only(completions, 'create', create)));
}
