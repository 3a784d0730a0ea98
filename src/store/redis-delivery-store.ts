import type { Redis } from 'ioredis';
import { RiskXpertError } from '../errors.js';
import { checkDeliveryKey, type DeliveryRecord, type DeliveryStore } from './delivery-store.js';

type Wire = Omit<DeliveryRecord, 'updatedAt' | 'key'> & { updatedAt: number };

// Only a claim may be released: a final status is never undone by a late retry.
const RELEASE = `local v = redis.call('GET', KEYS[1])
if v and cjson.decode(v).status == 'claimed' then return redis.call('DEL', KEYS[1]) end
return 0`;
const SETTLE = `local v = redis.call('GET', KEYS[1])
if not v then return 0 end
local r = cjson.decode(v)
r.status = ARGV[1]
r.updatedAt = tonumber(ARGV[2])
redis.call('SET', KEYS[1], cjson.encode(r), 'KEEPTTL')
return 1`;

/**
 * The delivery ledger on the queue Redis (noeviction, AOF): SET NX is the atomic claim every notify worker
 * process shares. Records expire after `ttlDays`; a rule only fires on the latest observation, so an event that
 * old is never evaluated again.
 */
export function createRedisDeliveryStore(options: { redis: Redis; keyPrefix: string; ttlDays?: number }): DeliveryStore {
  const { redis } = options;
  const ttl = Math.round((options.ttlDays ?? 30) * 86_400);
  const k = (key: string) => `${options.keyPrefix}${checkDeliveryKey(key)}`;

  async function guard<T>(what: string, op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (err) {
      if (err instanceof RiskXpertError) throw err;
      throw new RiskXpertError('STORE_UNAVAILABLE', `Redis ${what} failed: ${(err as Error).message}`, { cause: err });
    }
  }

  return {
    async init() {},
    claim: (r) =>
      guard('claim delivery', async () => {
        const wire: Wire = { eventKey: r.eventKey, subscriptionId: r.subscriptionId, platform: r.platform, status: 'claimed', updatedAt: Date.now() };
        if ((await redis.set(k(r.key), JSON.stringify(wire), 'EX', ttl, 'NX')) === 'OK') return { claimed: true };
        const existing = await redis.get(k(r.key));
        // Released between the two calls: claim again rather than report a status that no longer exists.
        if (existing === null) return (await redis.set(k(r.key), JSON.stringify(wire), 'EX', ttl, 'NX')) === 'OK' ? { claimed: true } : { claimed: false, status: 'claimed' };
        return { claimed: false, status: (JSON.parse(existing) as Wire).status };
      }),
    settle: (key, status) => guard('settle delivery', async () => void (await redis.eval(SETTLE, 1, k(key), status, String(Date.now())))),
    release: (key) => guard('release delivery', async () => void (await redis.eval(RELEASE, 1, k(key)))),
    get: (key) =>
      guard('read delivery', async () => {
        const v = await redis.get(k(key));
        if (v === null) return undefined;
        const w = JSON.parse(v) as Wire;
        return { ...w, key, updatedAt: new Date(w.updatedAt) };
      }),
    async close() {},
  };
}
