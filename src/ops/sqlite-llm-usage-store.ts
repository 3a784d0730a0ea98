import type { SqliteDatabase } from '../store/sqlite-database.js';
import type { LlmFeature } from './llm-features.js';
import { byNewestDay, type LlmUsageRow, type LlmUsageStore } from './llm-usage-store.js';

interface Row {
  day: string;
  feature: LlmFeature;
  model: string;
  calls: number;
  errors: number;
  tokens_in: number;
  tokens_out: number;
  cost_usd: number;
  latency_ms: number;
}

const toRow = (r: Row): LlmUsageRow => ({
  day: r.day,
  feature: r.feature,
  model: r.model,
  calls: r.calls,
  errors: r.errors,
  tokensIn: r.tokens_in,
  tokensOut: r.tokens_out,
  costUsd: r.cost_usd,
  latencyMs: r.latency_ms,
});

/** `llm_usage_daily` (migration 7): one UPSERT per add, so processes on the same file add up instead of overwriting. */
export function createSqliteLlmUsageStore(database: SqliteDatabase): LlmUsageStore {
  const { db } = database;
  const upsert = db.prepare(
    `INSERT INTO llm_usage_daily (day, feature, model, calls, errors, tokens_in, tokens_out, cost_usd, latency_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (day, feature, model) DO UPDATE SET
       calls = calls + excluded.calls,
       errors = errors + excluded.errors,
       tokens_in = tokens_in + excluded.tokens_in,
       tokens_out = tokens_out + excluded.tokens_out,
       cost_usd = cost_usd + excluded.cost_usd,
       latency_ms = latency_ms + excluded.latency_ms`,
  );
  // The primary key starts with the day: one range scan.
  const since = db.prepare('SELECT * FROM llm_usage_daily WHERE day >= ?');
  return {
    kind: 'sqlite',
    async add(i) {
      await database.write('record LLM use', () =>
        upsert.run(i.day, i.feature, i.model, i.calls, i.errors, i.tokensIn, i.tokensOut, i.costUsd, i.latencyMs),
      );
    },
    async since(fromDay) {
      const rows = await database.read('read LLM use', () => since.all(fromDay) as Row[]);
      return rows.map(toRow).sort(byNewestDay);
    },
    async init() {},
    async close() {},
  };
}
