import type { Redis } from 'ioredis';
import { RiskXpertError } from '../errors.js';
import type { Cache } from './cache.js';

export interface RedisCacheOptions {
  /** Built by the caller; `createCacheRedisClient` gives one with the options this cache expects. */
  redis: Redis;
  /** Prepended to every key (e.g. "rx:"), so one Redis can hold several deployments or test runs. */
  keyPrefix: string;
  /** Upper bound for every call, whatever the client's own settings. */
  commandTimeoutMs: number;
}

/**
 * Binary-safe Redis cache (GET as a Buffer, SET key bytes EX ttl). Every call is bounded by `commandTimeoutMs`
 * on top of the client's own timeout, so even a client built without one (or one stuck reconnecting with an
 * offline queue) costs an answer at most that long. Failures become CACHE_UNAVAILABLE; the engine reads that
 * as a miss.
 */
export function createRedisCache(options: RedisCacheOptions): Cache {
  const { redis, keyPrefix, commandTimeoutMs } = options;
  const k = (key: string) => `${keyPrefix}${key}`;

  async function bounded<T>(what: string, op: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        op(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no reply within ${commandTimeoutMs} ms`)), commandTimeoutMs);
        }),
      ]);
    } catch (err) {
      throw new RiskXpertError('CACHE_UNAVAILABLE', `Redis ${what} failed: ${(err as Error).message}`, { cause: err });
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    kind: 'redis',
    async get(key) {
      const buf = await bounded('GET', () => redis.getBuffer(k(key)));
      return buf ?? undefined;
    },
    async set(key, value, ttlSeconds) {
      // Redis rejects EX 0; a non-positive TTL means "do not keep", as in the memory cache.
      if (!(ttlSeconds > 0)) {
        await bounded('DEL', () => redis.del(k(key)));
        return;
      }
      const bytes = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
      await bounded('SET', () => redis.set(k(key), bytes, 'EX', Math.max(1, Math.ceil(ttlSeconds))));
    },
    async delete(key) {
      await bounded('DEL', () => redis.del(k(key)));
    },
    async ping() {
      try {
        return (await bounded('PING', () => redis.ping())) === 'PONG';
      } catch {
        return false;
      }
    },
    async close() {
      if (redis.status === 'end') return;
      // Not connected: nothing to QUIT politely, and only disconnect() cancels a pending reconnect.
      if (redis.status !== 'ready') {
        redis.disconnect();
        return;
      }
      // QUIT waits for a reply; a dead Redis must not hold up shutdown.
      try {
        await bounded('QUIT', () => redis.quit());
      } catch {
        redis.disconnect();
      }
    },
  };
}
