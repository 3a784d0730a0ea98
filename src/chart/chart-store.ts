import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';

export interface ChartStore {
  /** Stores the PNG under a fresh unguessable token (32 random bytes, base64url) that expires after the TTL. */
  put(png: Uint8Array): Promise<{ token: string; expiresAt: number }>;
  /** The PNG, or undefined once expired or for an unknown token. */
  get(token: string): Promise<Uint8Array | undefined>;
  /** Whether this process can serve the token without asking anyone (reusing a URL must not hand out a dead one). */
  holds?(token: string): boolean;
}

export type ChartStoreBackend = { kind: 'memory' } | { kind: 'redis'; redis: Redis; keyPrefix: string };
type ChartStoreOptions = Parameters<typeof createChartStore>[0];

interface Clock {
  now: () => number;
  ttlMs: number;
}

const newToken = () => randomBytes(32).toString('base64url');

/**
 * Charts that platforms fetch from our public URL (Kakao's simpleImage). The token is random rather than the
 * content hash: a URL must not be guessable from the data, and it must stop working after its TTL.
 */
export function createChartStore(options: {
  ttlSeconds: number;
  maxEntries: number;
  backend: ChartStoreBackend;
  now?: () => number;
  /** With Redis: bytes of charts also kept in this process (default 64 MiB). */
  localBytes?: number;
  onRedisError?: (err: unknown) => void;
}): ChartStore {
  const now = options.now ?? Date.now;
  const ttlMs = options.ttlSeconds * 1000;
  const clock = { now, ttlMs };
  return options.backend.kind === 'redis'
    ? createRedisChartStore(options.backend, options, clock)
    : createMemoryChartStore(options.maxEntries, clock);
}

function createRedisChartStore(
  { redis, keyPrefix }: { redis: Redis; keyPrefix: string },
  options: ChartStoreOptions,
  { now, ttlMs }: Clock,
): ChartStore {
  // Every chart is also kept in this process, up to `localBytes`: the cache Redis keeps no persistence and may come
  // back empty, and a link already handed to Kakao or a browser must keep working for its stated lifetime. A chart
  // found only here is written back to Redis, so the other instances can serve it again.
  const local = new LRUCache<string, { png: Uint8Array; expiresAt: number }>({
    maxSize: options.localBytes ?? 64 * 1024 * 1024,
    sizeCalculation: (v) => Math.max(1, v.png.byteLength),
  });
  const localGet = (token: string) => {
    const hit = local.get(token);
    if (hit && hit.expiresAt <= now()) {
      local.delete(token);
      return undefined;
    }
    return hit;
  };
  const write = (token: string, png: Uint8Array, ttlMs: number) =>
    redis.set(
      `${keyPrefix}${token}`,
      Buffer.from(png.buffer, png.byteOffset, png.byteLength),
      'PX',
      Math.max(1, Math.round(ttlMs)),
    );
  return {
    async put(png) {
      const token = newToken();
      const expiresAt = now() + ttlMs;
      local.set(token, { png, expiresAt });
      try {
        await write(token, png, ttlMs);
      } catch (err) {
        // Served from this process meanwhile; other instances will not find it until it is written back.
        options.onRedisError?.(err);
      }
      return { token, expiresAt };
    },
    async get(token) {
      let stored: Uint8Array | undefined;
      try {
        stored = (await redis.getBuffer(`${keyPrefix}${token}`)) ?? undefined;
      } catch {
        stored = undefined;
      }
      if (stored) return stored;
      const hit = localGet(token);
      if (!hit) return undefined;
      void write(token, hit.png, hit.expiresAt - now()).catch(() => undefined);
      return hit.png;
    },
    holds: (token) => localGet(token) !== undefined,
  };
}

function createMemoryChartStore(maxEntries: number, { now, ttlMs }: Clock): ChartStore {
  const lru = new LRUCache<string, { png: Uint8Array; expiresAt: number }>({ max: maxEntries });
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
    holds: (token) => {
      const hit = lru.get(token);
      return hit !== undefined && hit.expiresAt > now();
    },
  };
}
