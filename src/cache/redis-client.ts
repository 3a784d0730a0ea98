// The cache Redis client is built by the composition root (src/app/clients/redis.ts); re-exported for the cache's users.
export { cacheReconnectDelayMs, createCacheRedisClient, type CacheRedisClientOptions } from '../app/clients/redis.js';
