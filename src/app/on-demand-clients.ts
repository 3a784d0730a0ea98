import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import { createCacheRedisClient, createQueueRedisClient } from './clients/redis.js';

/** Clients a process asks for only when it needs them (the serve limiters, the worker's queue connections). */
export function createOnDemandClients(config: Config) {
  const built: Redis[] = [];
  let limiter: Redis | undefined;
  return {
    limiterRedis(): Redis | undefined {
      if (!config.cache.redisUrl) return undefined;
      // A short timeout: the limiters decide in memory when Redis is slow.
      limiter ??= createCacheRedisClient(config.cache.redisUrl, { commandTimeoutMs: 200 });
      if (!built.includes(limiter)) built.push(limiter);
      return limiter;
    },
    queueRedis(role: 'worker' | 'one-shot'): Redis | undefined {
      if (!config.queue.redisUrl) return undefined;
      const client = createQueueRedisClient(config.queue.redisUrl, role);
      built.push(client);
      return client;
    },
    close() {
      for (const client of built.splice(0)) client.disconnect();
    },
  };
}
