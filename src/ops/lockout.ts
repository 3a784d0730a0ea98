import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';

export interface LockoutOptions {
  /** Failures in a row (within windowMs) that lock a key (default 20). */
  threshold?: number;
  /** The first lock's length; each further lock of the same key doubles it, up to maxMs (defaults 15 min, 24 h). */
  baseMs?: number;
  maxMs?: number;
  /** Failures older than this are forgotten (default 1 h); a lock's level is remembered for maxMs * 2. */
  windowMs?: number;
  now?: () => number;
}

export interface Lockout {
  /** The latest lock end among `keys` when any is locked now, else undefined. */
  lockedUntil(keys: readonly string[]): Promise<number | undefined>;
  /** Counts one failure against every key; returns the lock end when this failure locked one. */
  fail(keys: readonly string[]): Promise<number | undefined>;
  /** A success clears the failure counts (not the lock level: the next lock of a repeat offender is longer). */
  succeed(keys: readonly string[]): Promise<void>;
}

interface Settings {
  threshold: number;
  baseMs: number;
  maxMs: number;
  windowMs: number;
  now: () => number;
}

const settings = (o: LockoutOptions): Settings => ({
  threshold: o.threshold ?? 20,
  baseMs: o.baseMs ?? 15 * 60_000,
  maxMs: o.maxMs ?? 86_400_000,
  windowMs: o.windowMs ?? 3_600_000,
  now: o.now ?? Date.now,
});

const lockLength = (s: Settings, level: number) => Math.min(s.baseMs * 2 ** Math.max(0, level - 1), s.maxMs);

/** One process's lockout: for a single server, and the fallback while Redis is down. */
export function createMemoryLockout(options: LockoutOptions = {}): Lockout {
  const s = settings(options);
  const fails = new Map<string, { n: number; since: number }>();
  const locks = new Map<string, { until: number; level: number }>();
  return {
    async lockedUntil(keys) {
      const now = s.now();
      const ends = keys.map((k) => locks.get(k)?.until ?? 0).filter((u) => u > now);
      return ends.length ? Math.max(...ends) : undefined;
    },
    async fail(keys) {
      const now = s.now();
      let locked: number | undefined;
      for (const k of keys) {
        const f = fails.get(k);
        const n = f && now - f.since < s.windowMs ? f.n + 1 : 1;
        fails.set(k, { n, since: f && n > 1 ? f.since : now });
        if (n >= s.threshold) {
          const level = (locks.get(k)?.level ?? 0) + 1;
          const until = now + lockLength(s, level);
          locks.set(k, { until, level });
          fails.delete(k);
          locked = Math.max(locked ?? 0, until);
        }
      }
      return locked;
    },
    async succeed(keys) {
      for (const k of keys) fails.delete(k);
    },
  };
}

// One round trip, atomic across every server: count, and on the threshold raise the level and write the lock end.
// The lock end is a value compared with the caller's clock (not a Redis TTL), so tests can move time without sleeping;
// the PEXPIREs only clean up.
const FAIL_SCRIPT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[5]) end
if n < tonumber(ARGV[2]) then return 0 end
redis.call('DEL', KEYS[1])
local level = redis.call('INCR', KEYS[3])
redis.call('PEXPIRE', KEYS[3], tonumber(ARGV[4]) * 2)
local len = math.min(tonumber(ARGV[3]) * math.pow(2, level - 1), tonumber(ARGV[4]))
local untilMs = tonumber(ARGV[1]) + len
redis.call('SET', KEYS[2], string.format('%d', untilMs), 'PX', math.floor(len))
return string.format('%d', untilMs)
`;

/**
 * The lockout shared by every server through Redis (the cache Redis). A Redis error falls back to this process's
 * memory, logged, so a Redis outage never locks everyone out nor lets a guesser through unchecked.
 */
export function createRedisLockout(
  redis: Redis,
  options: LockoutOptions & { keyPrefix: string; logger?: Logger },
): Lockout {
  const s = settings(options);
  const memory = createMemoryLockout(options);
  const p = options.keyPrefix;
  const fallback = <T>(what: string, run: () => Promise<T>, alt: () => Promise<T>) =>
    run().catch((err: unknown) => {
      options.logger?.warn({ err: String(err) }, `lockout: Redis ${what} failed; counting in this process`);
      return alt();
    });
  return {
    lockedUntil: (keys) =>
      fallback(
        'read',
        async () => {
          const now = s.now();
          const values = await redis.mget(...keys.map((k) => `${p}lock:${k}`));
          const ends = values.map(Number).filter((u) => Number.isFinite(u) && u > now);
          return ends.length ? Math.max(...ends) : undefined;
        },
        () => memory.lockedUntil(keys),
      ),
    fail: (keys) =>
      fallback(
        'count',
        async () => {
          let locked: number | undefined;
          for (const k of keys) {
            const r = await redis.eval(
              FAIL_SCRIPT,
              3,
              `${p}fail:${k}`,
              `${p}lock:${k}`,
              `${p}level:${k}`,
              s.now(),
              s.threshold,
              s.baseMs,
              s.maxMs,
              s.windowMs,
            );
            const until = Number(r);
            if (until > 0) locked = Math.max(locked ?? 0, until);
          }
          return locked;
        },
        () => memory.fail(keys),
      ),
    succeed: (keys) =>
      fallback(
        'reset',
        async () => void (await redis.del(...keys.map((k) => `${p}fail:${k}`))),
        () => memory.succeed(keys),
      ),
  };
}
