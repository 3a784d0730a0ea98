import type { LlmFeature } from './llm-features.js';

/** What one or more LLM calls add to one (day, feature, model) row: every field is a count or a sum. */
export interface LlmUsageIncrement {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  feature: LlmFeature;
  model: string;
  calls: number;
  errors: number;
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
  /** Summed over the calls; the console divides by `calls`. */
  latencyMs: number;
}

export type LlmUsageRow = LlmUsageIncrement;

/**
 * The daily LLM-use table shared by every process on one backend: `add` increments a row in one atomic upsert, so
 * a web server and a worker writing the same row at once both count. Rows are per day, feature and model (a few
 * dozen a day), so nothing needs purging.
 */
export interface LlmUsageStore {
  readonly kind: 'memory' | 'sqlite' | 'mongo';
  add(inc: LlmUsageIncrement): Promise<void>;
  /** Rows from `fromDay` (inclusive, YYYY-MM-DD), newest day first, then feature and model. */
  since(fromDay: string): Promise<LlmUsageRow[]>;
  init(): Promise<void>;
  close(): Promise<void>;
}

export const llmUsageKey = (r: Pick<LlmUsageIncrement, 'day' | 'feature' | 'model'>): string =>
  `${r.day}|${r.feature}|${r.model}`;

export const byNewestDay = (a: LlmUsageRow, b: LlmUsageRow): number =>
  b.day.localeCompare(a.day) || a.feature.localeCompare(b.feature) || a.model.localeCompare(b.model);

/** Adds `inc` into `row` (the same arithmetic each backend's upsert does). */
export function addInto(row: LlmUsageRow, inc: LlmUsageIncrement): void {
  row.calls += inc.calls;
  row.errors += inc.errors;
  row.tokensIn += inc.tokensIn;
  row.tokensOut += inc.tokensOut;
  row.costUsd += inc.costUsd;
  row.latencyMs += inc.latencyMs;
}

/** One process's table (tests, STORE=memory). */
export function createMemoryLlmUsageStore(): LlmUsageStore {
  const rows = new Map<string, LlmUsageRow>();
  return {
    kind: 'memory',
    async add(inc) {
      const key = llmUsageKey(inc);
      const row = rows.get(key);
      if (row) addInto(row, inc);
      else rows.set(key, { ...inc });
    },
    async since(fromDay) {
      return [...rows.values()]
        .filter((r) => r.day >= fromDay)
        .map((r) => ({ ...r }))
        .sort(byNewestDay);
    },
    async init() {},
    async close() {},
  };
}
