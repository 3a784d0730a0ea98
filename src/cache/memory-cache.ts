import { LRUCache } from 'lru-cache';
import type { Cache } from './cache.js';

export interface MemoryCacheOptions {
  maxEntries: number;
  /** Total bytes kept (default 256 MiB); an entry larger than this alone is not kept at all. */
  maxBytes?: number;
}

/**
 * In-process LRU with a TTL per entry: the embedded default, and what a single small server needs.
 * Bounded twice (entries and bytes) because answer sizes vary with the chart.
 */
export function createMemoryCache(options: MemoryCacheOptions): Cache {
  const lru = new LRUCache<string, Uint8Array>({
    max: options.maxEntries,
    maxSize: options.maxBytes ?? 256 * 1024 * 1024,
    sizeCalculation: (v) => Math.max(1, v.byteLength),
    // Expired entries are dropped when touched, and pushed out by LRU order otherwise: no timer per entry.
    ttlAutopurge: false,
  });
  return {
    kind: 'memory',
    async get(key) {
      return lru.get(key);
    },
    async set(key, value, ttlSeconds) {
      // lru-cache reads ttl 0 as "forever"; for a cache a non-positive TTL means "do not keep".
      if (!(ttlSeconds > 0)) {
        lru.delete(key);
        return;
      }
      lru.set(key, value, { ttl: Math.max(1, Math.round(ttlSeconds * 1000)) });
    },
    async delete(key) {
      lru.delete(key);
    },
    async ping() {
      return true;
    },
    async close() {
      lru.clear();
    },
  };
}
