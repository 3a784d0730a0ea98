import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { RiskXpertError } from '../../errors.js';

/** A KIS access token and when it stops working (epoch ms). */
export interface KisToken {
  accessToken: string;
  expiresAt: number;
}

/**
 * Where KIS access tokens live so that every worker uses the same one: KIS issues at most one token per minute
 * per app key (EGW00133) and each lasts about 24 h, so a token per process would soon be refused.
 */
export interface KisTokenStore {
  /**
   * The cached token for `key` if it is still good for `marginMs`, otherwise the one `issue` returns. Across all
   * sharers of the store, at most one `issue` runs at a time per key; the others wait for its result.
   */
  getOrIssue(
    key: string,
    issue: () => Promise<KisToken>,
    options?: { marginMs?: number; signal?: AbortSignal },
  ): Promise<KisToken>;
  /** Forgets `accessToken` if it is still the cached one (another worker may already have replaced it). */
  invalidate(key: string, accessToken: string): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One process: a map and a single in-flight issue per key. */
export function createMemoryKisTokenStore(options: { now?: () => number } = {}): KisTokenStore {
  const now = options.now ?? Date.now;
  const tokens = new Map<string, KisToken>();
  const inFlight = new Map<string, Promise<KisToken>>();
  return {
    async getOrIssue(key, issue, opts = {}) {
      const margin = opts.marginMs ?? 60_000;
      const cached = tokens.get(key);
      if (cached && cached.expiresAt - margin > now()) return cached;
      let pending = inFlight.get(key);
      if (!pending) {
        pending = issue()
          .then((t) => {
            tokens.set(key, t);
            return t;
          })
          .finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
      }
      return pending;
    },
    async invalidate(key, accessToken) {
      if (tokens.get(key)?.accessToken === accessToken) tokens.delete(key);
    },
  };
}

const RELEASE_LOCK = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
const INVALIDATE = `local v = redis.call('GET', KEYS[1])
if v and cjson.decode(v).accessToken == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

export interface RedisKisTokenStoreOptions {
  redis: Redis;
  /** Prepended to every key, e.g. "riskxpert:". */
  prefix?: string;
  /** How long a worker may hold the issue lock before others assume it died. */
  lockTtlMs?: number;
  /** How long a worker waits for another's token before giving up. */
  waitMs?: number;
  pollMs?: number;
  now?: () => number;
}

/**
 * Tokens shared through Redis: `SET token PX ttl` so the token vanishes when it expires, and a `SET lock NX PX`
 * so only one worker asks KIS for a new one while the others poll for it. The lock is released only by its owner
 * (compare-and-delete in Lua). The token is a bearer credential: keep this Redis private.
 */
export function createRedisKisTokenStore(options: RedisKisTokenStoreOptions): KisTokenStore {
  const { redis } = options;
  const prefix = options.prefix ?? '';
  const lockTtlMs = options.lockTtlMs ?? 15_000;
  const waitMs = options.waitMs ?? 30_000;
  const pollMs = options.pollMs ?? 100;
  const now = options.now ?? Date.now;

  async function read(tokenKey: string, marginMs: number): Promise<KisToken | undefined> {
    const raw = await redis.get(tokenKey);
    if (!raw) return undefined;
    try {
      const t = JSON.parse(raw) as KisToken;
      return typeof t.accessToken === 'string' && typeof t.expiresAt === 'number' && t.expiresAt - marginMs > now()
        ? t
        : undefined;
    } catch {
      return undefined;
    }
  }

  return {
    async getOrIssue(key, issue, opts = {}) {
      const margin = opts.marginMs ?? 60_000;
      const tokenKey = `${prefix}kis:token:${key}`;
      const lockKey = `${prefix}kis:token-lock:${key}`;
      const deadline = now() + waitMs;
      for (;;) {
        if (opts.signal?.aborted) throw new RiskXpertError('ABORTED', 'KIS: the request was cancelled.');
        const cached = await read(tokenKey, margin);
        if (cached) return cached;
        const lockId = randomUUID();
        if (await redis.set(lockKey, lockId, 'PX', lockTtlMs, 'NX')) {
          try {
            // Someone may have stored a token between our read and our lock.
            const again = await read(tokenKey, margin);
            if (again) return again;
            const token = await issue();
            const ttl = Math.floor(token.expiresAt - now());
            if (ttl > 0) await redis.set(tokenKey, JSON.stringify(token), 'PX', ttl);
            return token;
          } finally {
            await redis.eval(RELEASE_LOCK, 1, lockKey, lockId).catch(() => undefined);
          }
        }
        if (now() > deadline) {
          throw new RiskXpertError(
            'PROVIDER_FAILED',
            `KIS: no access token after waiting ${waitMs} ms for another worker to obtain one.`,
          );
        }
        await sleep(pollMs);
      }
    },
    async invalidate(key, accessToken) {
      await redis.eval(INVALIDATE, 1, `${prefix}kis:token:${key}`, accessToken);
    },
  };
}
