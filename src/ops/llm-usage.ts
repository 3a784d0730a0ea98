import type OpenAI from 'openai';
import { Counter, Histogram, type Registry } from 'prom-client';

export const LLM_FEATURES = ['summary', 'scenario', 'alert-rewrite', 'explanation'] as const;
export type LlmFeature = (typeof LLM_FEATURES)[number];

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
}

export interface LlmUsage {
  record(call: LlmCall): void;
  /** Per UTC day, feature and model, newest day first, over the last `days` days. */
  daily(days?: number): LlmDay[];
}

/**
 * Counts every LLM call: Prometheus counters on the process registry (scraped from /metrics) and a per-day table
 * in memory for the console (kept 31 days). Per process: each server and worker reports its own calls.
 */
export function createLlmUsage(
  options: { registry?: Registry; prices?: LlmPrices; now?: () => number } = {},
): LlmUsage {
  const prices = { ...DEFAULT_LLM_PRICES, ...options.prices };
  const now = options.now ?? Date.now;
  const registers = options.registry ? [options.registry] : [];
  const calls = new Counter({
    name: 'riskxpert_llm_calls_total',
    help: 'LLM calls by feature, model and outcome (ok, error)',
    labelNames: ['feature', 'model', 'outcome'],
    registers,
  });
  const tokens = new Counter({
    name: 'riskxpert_llm_feature_tokens_total',
    help: 'LLM tokens by feature, model and direction (in, out), from the response usage',
    labelNames: ['feature', 'model', 'direction'],
    registers,
  });
  const cost = new Counter({
    name: 'riskxpert_llm_cost_usd_total',
    help: 'Estimated LLM cost in US dollars by feature and model (LLM_PRICES_JSON)',
    labelNames: ['feature', 'model'],
    registers,
  });
  const latency = new Histogram({
    name: 'riskxpert_llm_call_seconds',
    help: 'LLM call latency by feature',
    labelNames: ['feature'],
    buckets: [0.25, 0.5, 1, 2, 4, 8, 16],
    registers,
  });
  const days = new Map<string, LlmDay>();

  return {
    record(c) {
      const p = prices[c.model];
      const usd = p ? (c.tokensIn * p.in + c.tokensOut * p.out) / 1_000_000 : 0;
      calls.inc({ feature: c.feature, model: c.model, outcome: c.outcome });
      tokens.inc({ feature: c.feature, model: c.model, direction: 'in' }, c.tokensIn);
      tokens.inc({ feature: c.feature, model: c.model, direction: 'out' }, c.tokensOut);
      cost.inc({ feature: c.feature, model: c.model }, usd);
      latency.observe({ feature: c.feature }, c.latencyMs / 1000);
      const day = new Date(now()).toISOString().slice(0, 10);
      const key = `${day}|${c.feature}|${c.model}`;
      const row = days.get(key) ?? {
        day,
        feature: c.feature,
        model: c.model,
        calls: 0,
        errors: 0,
        tokensIn: 0,
        tokensOut: 0,
        costUsd: 0,
      };
      row.calls += 1;
      row.errors += c.outcome === 'error' ? 1 : 0;
      row.tokensIn += c.tokensIn;
      row.tokensOut += c.tokensOut;
      row.costUsd += usd;
      days.set(key, row);
      const oldest = new Date(now() - 31 * 86_400_000).toISOString().slice(0, 10);
      for (const [k, r] of days) if (r.day < oldest) days.delete(k);
    },
    daily(n = 7) {
      const from = new Date(now() - (n - 1) * 86_400_000).toISOString().slice(0, 10);
      return [...days.values()]
        .filter((r) => r.day >= from)
        .map((r) => ({ ...r, costUsd: Math.round(r.costUsd * 1e6) / 1e6 }))
        .sort((a, b) => b.day.localeCompare(a.day) || a.feature.localeCompare(b.feature));
    },
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
