import { afterAll, describe, expect, it } from 'vitest';
import { createMongoStockListingStore } from '../../src/store/mongo-stock-listing-store.js';
import { mongoTestDb } from './mongo-test-db.js';
import { describeStockListingStoreContract } from './stock-listing-store.contract.js';

const url = process.env.MONGODB_URL;
const dbs: { drop(): Promise<void> }[] = [];

describe.runIf(url)('stock listing store against the MongoDB at MONGODB_URL', () => {
  const stores: { close(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const s of stores) await s.close();
    for (const d of dbs) await d.drop();
  });
  // A database of its own per test: the contract starts each test from an empty listing.
  describeStockListingStoreContract('mongodb', async () => {
    const db = mongoTestDb(url!, `riskxpert_listing_test_${dbs.length}`);
    dbs.push(db);
    const s = createMongoStockListingStore({ url: url!, dbName: db.dbName });
    stores.push(s);
    return s;
  });
});

it.runIf(!url)('stock listing mongo contract: MONGODB_URL not set, suite not run', () => {
  expect(process.env.MONGODB_URL).toBeUndefined();
  console.info('Stock listing MongoDB contract NOT run: MONGODB_URL is not set (no MongoDB server here).');
});
