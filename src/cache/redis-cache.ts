import type { Redis } from 'ioredis';
import { RiskXpertError } from '../errors.js';
import type { Cache } from './cache.js';

/**
 * Binary-safe Redis cache. Every call is bounded by `commandTimeoutMs` on top of the client's own
 * timeout, so a Redis that hangs (not just one that refuses) costs an answer at most that long.
 */
export function createRedisCache(options: { redis: Redis; keyPrefix: string; commandTimeoutMs: number }): Cache {
  const { redis, keyPrefix } = options;
  const k = (key: string) => `${keyPrefix}${key}`;

  async function bounded<T>(what: string, op: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        op(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`timed out after ${options.commandTimeoutMs} ms`)), options.commandTimeoutMs);
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
      await bounded('SET', () => redis.set(k(key), Buffer.from(value.buffer, value.byteOffset, value.byteLength), 'EX', Math.max(1, Math.round(ttlSeconds))));
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
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
