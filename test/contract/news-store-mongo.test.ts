import { afterAll, describe, expect, it } from 'vitest';
import { createMongoNewsStore } from '../../src/news/mongo-news-store.js';
import { mongoTestDb } from './mongo-test-db.js';
import { describeNewsStoreContract } from './news-store.contract.js';

const url = process.env.MONGODB_URL;

// Runs only with MONGODB_URL, as every Mongo suite of the project does.
describe.runIf(url)('MongoDB news store', () => {
  const db = mongoTestDb(url ?? 'mongodb://127.0.0.1:27017', 'rx_news');
  afterAll(() => db.drop());
  describeNewsStoreContract('mongodb', async () => createMongoNewsStore({ url: url!, dbName: db.dbName }));
});

it.runIf(!url)('mongo news contract: MONGODB_URL not set, suite not run', () => {
  expect(process.env.MONGODB_URL).toBeUndefined();
  console.info('MongoDB news store contract NOT run: MONGODB_URL is not set (no MongoDB server here).');
});

describe('MongoDB news store with the server unreachable', () => {
  it('fails fast with STORE_UNAVAILABLE instead of hanging the news panel', async () => {
    const store = createMongoNewsStore({
      url: 'mongodb://127.0.0.1:1/?directConnection=true',
      dbName: 'riskxpert_unreachable',
      serverSelectionTimeoutMs: 500,
      connectTimeoutMs: 500,
    });
    try {
      await expect(store.search({ limit: 5 })).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    } finally {
      await store.close();
    }
  });
});
