import { afterAll, describe, expect, it } from 'vitest';
import type { LlmUsageStore } from '../../src/ops/llm-usage-store.js';
import { createMongoLlmUsageStore } from '../../src/ops/mongo-llm-usage-store.js';
import { describeLlmUsageStoreContract } from './llm-usage-store.contract.js';
import { mongoTestDb } from './mongo-test-db.js';

const url = process.env.MONGODB_URL;
const testDb = mongoTestDb(url ?? '', 'riskxpert_llm_usage_test');

describe.runIf(url)('MongoDB LLM-use store against the server at MONGODB_URL', () => {
  const opened: LlmUsageStore[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((s) => s.close()));
    await testDb.drop();
  });
  // Each store with a client of its own: two processes.
  describeLlmUsageStoreContract(
    'mongodb',
    async () => {
      const s = createMongoLlmUsageStore({ url: url!, dbName: testDb.dbName });
      opened.push(s);
      await s.init();
      return s;
    },
    { shared: true },
  );
});

it.runIf(!url)('mongo LLM-use contract: MONGODB_URL not set, suite not run', () => {
  expect(process.env.MONGODB_URL).toBeUndefined();
  console.info('MongoDB LLM-use store contract NOT run: MONGODB_URL is not set (no MongoDB server here).');
});
