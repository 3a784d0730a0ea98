import { LRUCache } from 'lru-cache';
import type { Cache } from './cache.js';

/** In-process LRU with per-entry TTL: the embedded default, and what a single small server needs. */
export function createMemoryCache(options: { maxEntries: number; maxBytes?: number }): Cache {
  const lru = new LRUCache<string, Uint8Array>({
    max: options.maxEntries,
    maxSize: options.maxBytes ?? 256 * 1024 * 1024,
    sizeCalculation: (v) => Math.max(1, v.byteLength),
    ttlAutopurge: false,
  });
  return {
    kind: 'memory',
    async get(key) {
      return lru.get(key);
    },
    async set(key, value, ttlSeconds) {
      lru.set(key, value, { ttl: ttlSeconds * 1000 });
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
