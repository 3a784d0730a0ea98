import { Redis } from 'ioredis';
import { afterAll } from 'vitest';
import { createRedisDeliveryStore } from '../../src/store/redis-delivery-store.js';
import { useTestRedis } from '../fakes/test-redis.js';
import { describeDeliveryStoreContract } from './alert-stores.contract.js';

// The ledger the worker fleet shares, on a Redis of this file's own (it was the memory file's shared-Redis half).
const testRedis = useTestRedis();
const prefix = `rxtest-ledger-${process.pid}-${Date.now()}`;
let redis: Redis | undefined;
let run = 0;
afterAll(() => redis?.disconnect());
describeDeliveryStoreContract('redis', async () => {
  redis ??= new Redis(testRedis.url);
  run += 1;
  return createRedisDeliveryStore({ redis, keyPrefix: `${prefix}:${run}:delivery:` });
});
