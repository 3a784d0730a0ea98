import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryLlmUsageStore } from '../../src/ops/llm-usage-store.js';
import { createSqliteLlmUsageStore } from '../../src/ops/sqlite-llm-usage-store.js';
import { describeLlmUsageStoreContract } from './llm-usage-store.contract.js';
import { queryPlan, sqliteTestDb } from './sqlite-test-db.js';

const testDb = sqliteTestDb('llm-usage');
afterAll(() => testDb.drop());

describeLlmUsageStoreContract('memory', async () => createMemoryLlmUsageStore(), { shared: false });
// Each store on a connection of its own to one file: two processes.
describeLlmUsageStoreContract('sqlite', async () => createSqliteLlmUsageStore(testDb.open()), { shared: true });

describe('SQLite LLM-use table', () => {
  it('reads a range of days on its primary key', () => {
    expect(queryPlan(testDb.open(), 'SELECT * FROM llm_usage_daily WHERE day >= ?', '2026-01-01')).toMatch(
      /USING PRIMARY KEY \(day>\?\)/u,
    );
  });
});
