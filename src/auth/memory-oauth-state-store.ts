import { LRUCache } from 'lru-cache';
import type { OAuthStateStore } from './oauth-state-store.js';

/** One process only: with several web processes behind a balancer, use the Redis store. */
export function createMemoryOAuthStateStore(
  options: { maxEntries?: number; now?: () => number } = {},
): OAuthStateStore {
  const now = options.now ?? Date.now;
  // Bounded: someone hammering /auth/kakao/login pushes out only unfinished logins, never grows memory.
  const states = new LRUCache<string, { bindingHash: string; expiresAt: number }>({
    max: options.maxEntries ?? 10_000,
  });
  return {
    kind: 'memory',
    async put(state, bindingHash, ttlSeconds) {
      states.set(state, { bindingHash, expiresAt: now() + ttlSeconds * 1000 });
    },
    async take(state) {
      const hit = states.get(state);
      states.delete(state);
      return hit && hit.expiresAt > now() ? hit.bindingHash : undefined;
    },
  };
}
