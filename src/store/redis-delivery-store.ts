import type { Redis } from 'ioredis';
import { RiskXpertError } from '../errors.js';
import { checkDeliveryKey, type DeliveryRecord, type DeliveryStore } from './delivery-store.js';

type Wire = Omit<DeliveryRecord, 'updatedAt' | 'key'> & { updatedAt: number };

// Create, or take over a reservation of the same owner; else return the status found.
const CLAIM = `local v = redis.call('GET', KEYS[1])
if v then
  local r = cjson.decode(v)
  if not (r.status == 'reserved' and r.owner == ARGV[2]) then return r.status end
end
redis.call('SET', KEYS[1], ARGV[1], 'EX', tonumber(ARGV[3]))
return 'ok'`;
// One atomic step for the whole batch: reserved -> sending.
const BEGIN = `for i, k in ipairs(KEYS) do
  local v = redis.call('GET', k)
  if v then
    local r = cjson.decode(v)
    if r.status == 'reserved' then
      r.status = 'sending'
      r.updatedAt = tonumber(ARGV[1])
      redis.call('SET', k, cjson.encode(r), 'KEEPTTL')
    end
  end
end
return 0`;
// Only a reservation or an unconfirmed send may be released: a final status is never undone by a late retry.
const RELEASE = `local v = redis.call('GET', KEYS[1])
if v then
  local s = cjson.decode(v).status
  if s == 'reserved' or s == 'sending' then return redis.call('DEL', KEYS[1]) end
end
return 0`;
const SETTLE = `local v = redis.call('GET', KEYS[1])
if not v then return 0 end
local r = cjson.decode(v)
r.status = ARGV[1]
r.updatedAt = tonumber(ARGV[2])
redis.call('SET', KEYS[1], cjson.encode(r), 'KEEPTTL')
return 1`;

/**
 * The delivery ledger on the queue Redis (noeviction, AOF): Lua scripts make claim and begin atomic for every
 * notify worker process. Records expire after `ttlDays`; a rule only fires on the latest observation, so an event
 * that old is never evaluated again.
 */
export function createRedisDeliveryStore(options: {
  redis: Redis;
  keyPrefix: string;
  ttlDays?: number;
}): DeliveryStore {
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
        const wire: Wire = {
          eventKey: r.eventKey,
          subscriptionId: r.subscriptionId,
          platform: r.platform,
          owner: r.owner,
          status: 'reserved',
          updatedAt: Date.now(),
        };
        const res = (await redis.eval(CLAIM, 1, k(r.key), JSON.stringify(wire), r.owner, String(ttl))) as string;
        return res === 'ok' ? { claimed: true } : { claimed: false, status: res as DeliveryRecord['status'] };
      }),
    begin: (keys) =>
      guard(
        'begin deliveries',
        async () =>
          void (keys.length ? await redis.eval(BEGIN, keys.length, ...keys.map(k), String(Date.now())) : undefined),
      ),
    settle: (key, status) =>
      guard('settle delivery', async () => void (await redis.eval(SETTLE, 1, k(key), status, String(Date.now())))),
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
