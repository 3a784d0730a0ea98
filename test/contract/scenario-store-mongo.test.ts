import { afterAll, describe, expect, it } from 'vitest';
import { createMongoScenarioStore } from '../../src/store/mongo-scenario-store.js';
import { mongoTestDb } from './mongo-test-db.js';
import { describeScenarioStoreContract } from './scenario-store.contract.js';

const url = process.env.MONGODB_URL;
const testDb = mongoTestDb(url ?? '', 'riskxpert_scenario_test');

describe.runIf(url)('MongoDB scenario store against the server at MONGODB_URL', () => {
  afterAll(() => testDb.drop());
  describeScenarioStoreContract('mongodb', async () => {
    const store = createMongoScenarioStore({ url: url!, dbName: testDb.dbName });
    await store.init();
    return store;
  });
});

it.runIf(!url)('mongo scenario contract: MONGODB_URL not set, suite not run', () => {
  expect(process.env.MONGODB_URL).toBeUndefined();
  console.info('MongoDB scenario store contract NOT run: MONGODB_URL is not set (no MongoDB server here).');
});

describe('MongoDB scenario store with the server unreachable', () => {
  it('fails fast with STORE_UNAVAILABLE, and refuses bad input before asking any server', async () => {
    const store = createMongoScenarioStore({
      url: 'mongodb://127.0.0.1:1/?directConnection=true',
      dbName: 'riskxpert_unreachable',
      serverSelectionTimeoutMs: 500,
      connectTimeoutMs: 500,
    });
    try {
      await expect(store.get('x')).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
      await expect(store.get({ $ne: null } as unknown as string)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    } finally {
      await store.close();
    }
  });
});
