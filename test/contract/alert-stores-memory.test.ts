import { Redis } from 'ioredis';
import { afterAll } from 'vitest';
import { createMemoryAccountStore } from '../../src/store/memory-account-store.js';
import { createMemoryDeliveryStore } from '../../src/store/memory-delivery-store.js';
import { createMemorySubscriptionStore } from '../../src/store/memory-subscription-store.js';
import { createMemoryThreatEventStore } from '../../src/store/memory-threat-event-store.js';
import { createRedisDeliveryStore } from '../../src/store/redis-delivery-store.js';
import { deletePrefix } from '../fakes/alert-harness.js';
import { describeAccountStoreContract, describeDeliveryStoreContract, describeSubscriptionStoreContract, describeThreatEventStoreContract } from './alert-stores.contract.js';

describeSubscriptionStoreContract('memory', async () => createMemorySubscriptionStore());
describeAccountStoreContract('memory', async () => createMemoryAccountStore());
describeThreatEventStoreContract('memory', async () => createMemoryThreatEventStore());
describeDeliveryStoreContract('memory', async () => createMemoryDeliveryStore());

// The ledger the worker fleet shares: the real Redis at 127.0.0.1:6379 under a prefix of its own.
const prefix = `rxtest-ledger-${process.pid}-${Date.now()}`;
const redis = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true });
afterAll(async () => {
  redis.disconnect();
  await deletePrefix(prefix);
});
describeDeliveryStoreContract('redis', async () => createRedisDeliveryStore({ redis, keyPrefix: `${prefix}:delivery:` }));
