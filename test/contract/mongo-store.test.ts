import { describe, expect, it } from 'vitest';
import { createMongoStore } from '../../src/store/mongo-store.js';
import { describeStoreContract } from './store.contract.js';

const url = process.env.MONGODB_URL;

if (url) {
  const dbName = `riskxpert_test_${process.pid}_${Date.now()}`;
  describeStoreContract('mongodb', async () => {
    const store = createMongoStore({ url, dbName });
    await store.init();
    return store;
  });
} else {
  describe('Store contract: mongodb', () => {
    it('is not run here: MONGODB_URL is not set (no MongoDB server on this machine)', () => {
      expect(process.env.MONGODB_URL).toBeUndefined();
      console.info('mongo contract suite not run: set MONGODB_URL=mongodb://... to run it against a real server');
    });
  });
}

describe('MongoDB store with the server unreachable', () => {
  it('fails fast with STORE_UNAVAILABLE instead of hanging', async () => {
    const store = createMongoStore({ url: 'mongodb://127.0.0.1:1/?directConnection=true', dbName: 'x', serverSelectionTimeoutMs: 300 });
    const t0 = Date.now();
    await expect(store.conversations.listByUser('telegram:1')).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    await expect(store.init()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(await store.ping()).toBe(false);
    expect(Date.now() - t0).toBeLessThan(20_000);
    await store.close();
  });
});
