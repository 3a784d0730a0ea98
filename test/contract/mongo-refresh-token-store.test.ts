import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import { mongoTestDb } from './mongo-test-db.js';
import { createMongoRefreshTokenStore } from '../../src/store/mongo-refresh-token-store.js';
import { describeRefreshTokenStoreContract } from './refresh-token-store.contract.js';

const url = process.env.MONGODB_URL;
const testDb = mongoTestDb(url ?? '', 'riskxpert_rt_test');
const { dbName } = testDb;

describe.runIf(url)('MongoDB refresh-token store against the server at MONGODB_URL', () => {
  afterAll(() => testDb.drop());

  describeRefreshTokenStoreContract('mongodb', async () => {
    const store = createMongoRefreshTokenStore({ url: url!, dbName });
    await store.init();
    return store;
  });

  it('creates the family index and a TTL index on expiresAt', async () => {
    const store = createMongoRefreshTokenStore({ url: url!, dbName });
    await store.init();
    const client = new MongoClient(url!, { serverSelectionTimeoutMS: 5_000 });
    try {
      const indexes = await client.db(dbName).collection('refresh_tokens').indexes();
      expect(indexes.map((i) => i.key)).toContainEqual({ familyId: 1 });
      expect(indexes.find((i) => i.name === 'expiresAt_ttl')).toMatchObject({
        key: { expiresAt: 1 },
        expireAfterSeconds: 0,
      });
    } finally {
      await client.close();
      await store.close();
    }
  });
});

it.runIf(!url)('mongo refresh-token contract: MONGODB_URL not set, suite not run', () => {
  expect(process.env.MONGODB_URL).toBeUndefined();
  console.info('MongoDB refresh-token store contract NOT run: MONGODB_URL is not set (no MongoDB server here).');
});

describe('MongoDB refresh-token store with the server unreachable', () => {
  it('fails fast with STORE_UNAVAILABLE, and refuses bad input before asking any server', async () => {
    const store = createMongoRefreshTokenStore({
      url: 'mongodb://127.0.0.1:1/?directConnection=true',
      dbName: 'riskxpert_unreachable',
      serverSelectionTimeoutMs: 500,
      connectTimeoutMs: 500,
    });
    try {
      await expect(store.consume('a'.repeat(64), new Date())).rejects.toMatchObject({
        code: 'STORE_UNAVAILABLE',
        retryable: true,
      });
      await expect(store.isFamilyActive('f', new Date())).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
      await expect(store.consume({ $ne: null } as unknown as string, new Date())).rejects.toMatchObject({
        code: 'BAD_REQUEST',
      });
      expect(await store.ping()).toBe(false);
    } finally {
      await store.close();
    }
  });
});
