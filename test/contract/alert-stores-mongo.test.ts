import { afterAll, describe, expect, it } from 'vitest';
import { mongoTestDb } from './mongo-test-db.js';
import { createMongoAccountStore } from '../../src/store/mongo-account-store.js';
import { createMongoDeliveryStore } from '../../src/store/mongo-delivery-store.js';
import { createMongoSubscriptionStore } from '../../src/store/mongo-subscription-store.js';
import { createMongoThreatEventStore } from '../../src/store/mongo-threat-event-store.js';
import {
  describeAccountStoreContract,
  describeDeliveryStoreContract,
  describeSubscriptionStoreContract,
  describeThreatEventStoreContract,
} from './alert-stores.contract.js';

const url = process.env.MONGODB_URL;
const testDb = mongoTestDb(url ?? '', 'riskxpert_alerts_test');
const { dbName } = testDb;

describe.runIf(url)('alert stores against the MongoDB at MONGODB_URL', () => {
  const stores: { close(): Promise<void> }[] = [];
  const ready = async <T extends { init(): Promise<void>; close(): Promise<void> }>(s: T): Promise<T> => {
    await s.init();
    stores.push(s);
    return s;
  };
  afterAll(async () => {
    for (const s of stores) await s.close();
    await testDb.drop();
  });
  describeSubscriptionStoreContract('mongodb', () => ready(createMongoSubscriptionStore({ url: url!, dbName })));
  describeAccountStoreContract('mongodb', () => ready(createMongoAccountStore({ url: url!, dbName })));
  describeThreatEventStoreContract('mongodb', () => ready(createMongoThreatEventStore({ url: url!, dbName })));
  describeDeliveryStoreContract('mongodb', () => ready(createMongoDeliveryStore({ url: url!, dbName })));
});

// An honest "not run": a passing test that checks the reason and says it, instead of a skip counted as a pass.
it.runIf(!url)('alert stores mongo contract: MONGODB_URL not set, suite not run', () => {
  expect(process.env.MONGODB_URL).toBeUndefined();
  console.info(
    'Alert stores MongoDB contract NOT run: MONGODB_URL is not set (no MongoDB server here). Set MONGODB_URL=mongodb://host:27017 to run it.',
  );
});

describe('alert stores with MongoDB unreachable', () => {
  it('fail fast with STORE_UNAVAILABLE, and refuse operator objects before asking the server', async () => {
    const opts = {
      url: 'mongodb://127.0.0.1:1/?directConnection=true',
      dbName: 'riskxpert_unreachable',
      serverSelectionTimeoutMs: 500,
    };
    const subs = createMongoSubscriptionStore(opts);
    const ledger = createMongoDeliveryStore(opts);
    try {
      await expect(subs.listActiveByIndicator('kospi')).rejects.toMatchObject({
        code: 'STORE_UNAVAILABLE',
        retryable: true,
      });
      await expect(
        ledger.claim({ key: '0'.repeat(32), eventKey: 'e', subscriptionId: 's', platform: 'kakao', owner: 'j' }),
      ).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
      await expect(subs.get({ $ne: null } as unknown as string)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    } finally {
      await subs.close();
      await ledger.close();
    }
  });
});
