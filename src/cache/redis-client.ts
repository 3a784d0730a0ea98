import { Redis } from 'ioredis';

/**
 * An ioredis client tuned for a cache that must never slow an answer down: no offline queue (a command
 * while disconnected fails at once), one retry per command, a short command timeout, and endless
 * background reconnects so the cache comes back by itself when Redis does.
 */
export function createCacheRedisClient(url: string, options: { commandTimeoutMs?: number; connectTimeoutMs?: number } = {}): Redis {
  return new Redis(url, {
    lazyConnect: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: options.commandTimeoutMs ?? 500,
    connectTimeout: options.connectTimeoutMs ?? 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 5_000),
  });
}
