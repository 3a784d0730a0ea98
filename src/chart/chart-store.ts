import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import { RiskXpertError } from '../errors.js';

export interface ChartStore {
  /** Stores the PNG under a fresh unguessable token (32 random bytes, base64url) that expires after the TTL. */
  put(png: Uint8Array): Promise<{ token: string; expiresAt: number }>;
  /** The PNG, or undefined once expired or for an unknown token. */
  get(token: string): Promise<Uint8Array | undefined>;
}

export type ChartStoreBackend = { kind: 'memory' } | { kind: 'redis'; redis: Redis; keyPrefix: string };

/**
 * Charts that platforms fetch from our public URL (Kakao's simpleImage). The token is random rather than the
 * content hash: a URL must not be guessable from the data, and it must stop working after its TTL.
 */
export function createChartStore(options: { ttlSeconds: number; maxEntries: number; backend: ChartStoreBackend; now?: () => number }): ChartStore {
  const now = options.now ?? Date.now;
  const ttlMs = options.ttlSeconds * 1000;
  const newToken = () => randomBytes(32).toString('base64url');

  if (options.backend.kind === 'redis') {
    const { redis, keyPrefix } = options.backend;
    return {
      async put(png) {
        const token = newToken();
        try {
          await redis.set(`${keyPrefix}${token}`, Buffer.from(png.buffer, png.byteOffset, png.byteLength), 'EX', options.ttlSeconds);
        } catch (err) {
          throw new RiskXpertError('CACHE_UNAVAILABLE', `Cannot store chart: ${(err as Error).message}`, { cause: err });
        }
        return { token, expiresAt: now() + ttlMs };
      },
      async get(token) {
        try {
          return (await redis.getBuffer(`${keyPrefix}${token}`)) ?? undefined;
        } catch {
          return undefined;
        }
      },
    };
  }

  const lru = new LRUCache<string, { png: Uint8Array; expiresAt: number }>({ max: options.maxEntries });
  return {
    async put(png) {
      const token = newToken();
      const expiresAt = now() + ttlMs;
      lru.set(token, { png, expiresAt });
      return { token, expiresAt };
    },
    async get(token) {
      const hit = lru.get(token);
      if (!hit) return undefined;
      if (hit.expiresAt <= now()) {
        lru.delete(token);
        return undefined;
      }
      return hit.png;
    },
  };
}
