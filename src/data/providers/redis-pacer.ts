import type { Redis } from 'ioredis';

/** What a provider needs to pace its calls; a Bottleneck instance is one (per process), this file makes another. */
export interface Pacer {
  schedule<T>(fn: () => Promise<T>): Promise<T>;
}

// Reserves the next free slot, `interval` ms after the last one, on Redis's clock so that every host agrees.
const RESERVE = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local nextAt = tonumber(redis.call('GET', KEYS[1]) or '0')
local slot = math.max(now, nextAt)
redis.call('SET', KEYS[1], slot + tonumber(ARGV[1]), 'PX', tonumber(ARGV[1]) + 60000)
return slot - now`;

/**
 * Calls spaced at least 1000/perSecond ms apart across every process sharing `key`, so two workers on one KIS
 * app key together stay under its per-second limit instead of each pacing as if it were alone. Spacing (not a
 * per-second window) keeps any rolling second within the budget.
 */
export function createRedisPacer(options: { redis: Redis; key: string; perSecond: number }): Pacer {
  const interval = Math.max(1, Math.ceil(1000 / options.perSecond));
  return {
    async schedule(fn) {
      const wait = Number(await options.redis.eval(RESERVE, 1, options.key, interval));
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      return fn();
    },
  };
}
