// A notify worker process for the crash test: the same deterministic subscribers as the parent, the delivery
// ledger on the parent test's Redis, senders pointed at the parent's stand-ins. The parent kills it with SIGKILL.
import { Redis } from 'ioredis';
import { loadConfig } from '../../src/config.js';
import { createSilentLogger } from '../../src/logger.js';
import { createMemoryAccountStore } from '../../src/store/memory-account-store.js';
import { createMemorySubscriptionStore } from '../../src/store/memory-subscription-store.js';
import { createMemoryThreatEventStore } from '../../src/store/memory-threat-event-store.js';
import { createRedisDeliveryStore } from '../../src/store/redis-delivery-store.js';
import { startAlertWorkers } from '../../workers/alerts-runtime.js';
import { redisConnection, seedSubscribers } from './alert-harness.js';

const [prefix, envJson, countsJson, redisUrl] = process.argv.slice(2) as [string, string, string, string];
const redis = new Redis(redisConnection(redisUrl));
const subscriptions = createMemorySubscriptionStore();
await seedSubscribers(subscriptions, JSON.parse(countsJson) as { telegram: number; discord: number; kakao: number });
const system = startAlertWorkers({
  config: loadConfig(JSON.parse(envJson) as Record<string, string>),
  connection: redisConnection(redisUrl),
  redis,
  prefix,
  stores: {
    subscriptions,
    accounts: createMemoryAccountStore(),
    events: createMemoryThreatEventStore(),
    deliveries: createRedisDeliveryStore({ redis, keyPrefix: `${prefix}:delivery:` }),
  },
  readPoints: async () => [],
  logger: createSilentLogger(),
  // A crashed worker's jobs come back quickly: their lock expires after 1.5 s and the stalled check runs every second.
  lockDuration: 1_500,
  stalledInterval: 1_000,
});
await Promise.all(system.notifyWorkers.map((w) => w.waitUntilReady()));
process.stdout.write('ready\n');
