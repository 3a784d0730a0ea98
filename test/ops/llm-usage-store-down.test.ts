import OpenAI from 'openai';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLlmAlertRewrite } from '../../src/alerts/llm-alert-rewrite.js';
import { createLogger } from '../../src/logger.js';
import { createLlmUsage, instrumentOpenAi } from '../../src/ops/llm-usage.js';
import { createSqliteLlmUsageStore } from '../../src/ops/sqlite-llm-usage-store.js';
import { sqliteTestDb } from '../contract/sqlite-test-db.js';
import { startFakeOpenAi } from '../fakes/openai-server.js';

const LINE = '⚠️ 코스피가 최근 90일 고점 대비 −14.1% 떨어졌습니다.';
let llm: Awaited<ReturnType<typeof startFakeOpenAi>>;
const testDb = sqliteTestDb('llm-usage-down');
beforeAll(async () => {
  llm = await startFakeOpenAi();
});
afterAll(async () => {
  await llm?.close();
  testDb.drop();
});

describe('a store that is down never touches the answer', () => {
  it('the LLM answer arrives, the failure is counted and logged, and this process still counts the call', async () => {
    const database = testDb.open();
    const store = createSqliteLlmUsageStore(database);
    // The database closes under the store (a deleted volume, a shutdown race): every write now fails.
    database.close();
    const registry = new Registry();
    const lines: string[] = [];
    const logger = createLogger({ level: 'warn', destination: { write: (l: string) => void lines.push(l) } });
    const usage = createLlmUsage({ registry, store, logger });
    const improve = createLlmAlertRewrite({
      client: instrumentOpenAi(
        new OpenAI({ apiKey: 'sk-test', baseURL: llm.url, maxRetries: 0 }),
        usage,
        () => 'alert-rewrite',
      ),
      model: 'gpt-4o-mini',
    });
    llm.script({ kind: 'ok', text: LINE }, { kind: 'ok', text: LINE });
    expect(await improve(LINE, new AbortController().signal)).toBe(LINE);
    expect(await improve(LINE, new AbortController().signal)).toBe(LINE);
    await usage.flush();

    expect(await registry.getSingleMetricAsString('riskxpert_llm_usage_store_failures_total')).toMatch(/ 2$/mu);
    expect(await registry.getSingleMetricAsString('riskxpert_llm_calls_total')).toMatch(
      /feature="alert-rewrite",model="gpt-4o-mini",outcome="ok"\} 2/u,
    );
    // One line while it stays down, not one per call.
    expect(lines.filter((l) => l.includes('LLM use not stored'))).toHaveLength(1);
    expect(usage.daily()[0]).toMatchObject({ feature: 'alert-rewrite', calls: 2, tokensIn: 240 });
    // The console's read is the store's, and says it failed rather than showing an empty table.
    await expect(usage.stored()).rejects.toThrow();
  });

  it('a store locked by another process: the answer arrives while the write still waits, and the write lands after', async () => {
    const store = createSqliteLlmUsageStore(testDb.open());
    // Another process (serve, a worker) holding the write lock on the same file.
    const holder = testDb.open();
    holder.db.exec('BEGIN IMMEDIATE');
    const usage = createLlmUsage({ registry: new Registry(), store });
    const improve = createLlmAlertRewrite({
      client: instrumentOpenAi(
        new OpenAI({ apiKey: 'sk-test', baseURL: llm.url, maxRetries: 0 }),
        usage,
        () => 'alert-rewrite',
      ),
      model: 'gpt-4o-mini',
    });
    llm.script({ kind: 'ok', text: LINE });
    try {
      expect(await improve(LINE, new AbortController().signal)).toBe(LINE);
      // The answer is back and its row is not written yet: the write is waiting for the lock, not the answer.
      expect(await store.since('2000-01-01')).toEqual([]);
    } finally {
      holder.db.exec('COMMIT');
    }
    await usage.flush();
    expect(await store.since('2000-01-01')).toMatchObject([{ feature: 'alert-rewrite', calls: 1, tokensIn: 120 }]);
  });
});
