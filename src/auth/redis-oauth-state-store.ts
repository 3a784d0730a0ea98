import type { Redis } from 'ioredis';
import { RiskXpertError } from '../errors.js';
import type { OAuthStateStore } from './oauth-state-store.js';

/** Shared by every web process; GETDEL (Redis >= 6.2) makes "read and spend" one atomic step. */
export function createRedisOAuthStateStore(options: { redis: Redis; keyPrefix: string }): OAuthStateStore {
  const { redis, keyPrefix } = options;
  const fail = (err: unknown) =>
    new RiskXpertError('CACHE_UNAVAILABLE', `OAuth state store: ${(err as Error).message}`, { cause: err });
  return {
    kind: 'redis',
    async put(state, bindingHash, ttlSeconds) {
      try {
        await redis.set(`${keyPrefix}${state}`, bindingHash, 'EX', ttlSeconds);
      } catch (err) {
        throw fail(err);
      }
    },
    async take(state) {
      try {
        return (await redis.getdel(`${keyPrefix}${state}`)) ?? undefined;
      } catch (err) {
        throw fail(err);
      }
    },
  };
}
