import type { Redis } from 'ioredis';
import type { Cache } from '../cache/cache.js';
import { createMemoryCache } from '../cache/memory-cache.js';
import { createRedisCache } from '../cache/redis-cache.js';
import { createChartStore, type ChartStore } from '../chart/chart-store.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { createCacheRedisClient } from './clients/redis.js';

/** The answer cache and the chart store: on the cache Redis with REDIS_URL, in memory without. */
export function buildCaches(
  config: Config,
  logger: Logger,
  notices: string[],
): { cacheRedis?: Redis; cache: Cache; charts: ChartStore } {
  const { chartTtlSeconds, maxEntries, keyPrefix, redisUrl } = config.cache;
  if (!redisUrl) {
    notices.push('cache: in-memory (set REDIS_URL to share it across processes)');
    return {
      cache: createMemoryCache({ maxEntries }),
      charts: createChartStore({ ttlSeconds: chartTtlSeconds, maxEntries, backend: { kind: 'memory' } }),
    };
  }
  const cacheRedis = createCacheRedisClient(redisUrl, { logger });
  return {
    cacheRedis,
    cache: createRedisCache({ redis: cacheRedis, keyPrefix, commandTimeoutMs: 300 }),
    charts: createChartStore({
      ttlSeconds: chartTtlSeconds,
      maxEntries,
      backend: { kind: 'redis', redis: cacheRedis, keyPrefix: `${keyPrefix}chart:` },
    }),
  };
}
