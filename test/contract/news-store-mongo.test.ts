import { afterAll, describe } from 'vitest';
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
