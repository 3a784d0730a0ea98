import { afterAll, describe, expect, it } from 'vitest';
import { createMongoSeriesStore } from '../../src/store/mongo-series-store.js';
import { mongoTestDb } from './mongo-test-db.js';
import { describeSeriesStoreContract } from './series-store.contract.js';

const url = process.env.MONGODB_URL;
const testDb = mongoTestDb(url ?? '', 'riskxpert_series_test');

describe.runIf(url)('series store against the MongoDB at MONGODB_URL', () => {
  const stores: { close(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const s of stores) await s.close();
    await testDb.drop();
  });
  describeSeriesStoreContract('mongodb', async () => {
    const s = createMongoSeriesStore({ url: url!, dbName: testDb.dbName });
    stores.push(s);
    return s;
  });
});

it.runIf(!url)('series store mongo contract: MONGODB_URL not set, suite not run', () => {
  expect(process.env.MONGODB_URL).toBeUndefined();
  console.info('Series store MongoDB contract NOT run: MONGODB_URL is not set (no MongoDB server here).');
});
