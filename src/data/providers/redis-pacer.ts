import type { Redis } from 'ioredis';

/** What a provider needs to pace its calls; a Bottleneck instance is one (per process), this file makes another. */
export interface Pacer {
  schedule<T>(fn: () => Promise<T>): Promise<T>;
}

// Takes the slot only if `interval` ms have passed since the last call that took one, on Redis's clock so that
// every host agrees; otherwise says how long to wait. The time stored is when a call really went, not a planned
// slot: a caller whose timer fires late then pushes the next one back instead of leaving it too close.
const TAKE = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local last = tonumber(redis.call('GET', KEYS[1]) or '-1')
local interval = tonumber(ARGV[1])
if last >= 0 and now < last + interval then return last + interval - now end
redis.call('SET', KEYS[1], now, 'PX', interval + 60000)
return 0`;

/**
 * Calls spaced at least 1000/perSecond ms apart across every process sharing `key`, so two workers on one KIS
 * app key together stay under its per-second limit instead of each pacing as if it were alone. Spacing (not a
 * per-second window) keeps any rolling second within the budget; the spacing is between the calls' actual starts
 * (a request-rate limit counts requests as they arrive).
 */
export function createRedisPacer(options: {
  redis: Redis;
  key: string;
  perSecond: number;
  sleep?: (ms: number) => Promise<void>;
}): Pacer {
  const interval = Math.max(1, Math.ceil(1000 / options.perSecond));
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  return {
    async schedule(fn) {
      for (;;) {
        const wait = Number(await options.redis.eval(TAKE, 1, options.key, interval));
        if (wait <= 0) break;
        await sleep(wait);
      }
      return fn();
    },
  };
}
