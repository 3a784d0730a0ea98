import { MongoClient, MongoServerError, type Collection } from 'mongodb';
import { RiskXpertError } from '../errors.js';
import { checkDeliveryKey, type DeliveryRecord, type DeliveryStore } from './delivery-store.js';

interface DeliveryDoc extends Omit<DeliveryRecord, 'key'> {
  _id: string;
  createdAt: Date;
}

/** The delivery ledger in `deliveries`: `_id` = dedup key, so the unique primary key makes the claim atomic. */
export function createMongoDeliveryStore(options: { url: string; dbName: string; client?: MongoClient; ttlDays?: number; serverSelectionTimeoutMs?: number }): DeliveryStore {
  const client = options.client ?? new MongoClient(options.url, { serverSelectionTimeoutMS: options.serverSelectionTimeoutMs ?? 2_500, appName: 'riskxpert-notify' });
  const col: Collection<DeliveryDoc> = client.db(options.dbName).collection('deliveries');

  async function guard<T>(what: string, op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (err) {
      if (err instanceof RiskXpertError) throw err;
      throw new RiskXpertError('STORE_UNAVAILABLE', `MongoDB ${what} failed: ${(err as Error).message}`, { cause: err });
    }
  }

  return {
    init: () => guard('init deliveries', async () => void (await col.createIndex({ createdAt: 1 }, { name: 'expire', expireAfterSeconds: Math.round((options.ttlDays ?? 30) * 86_400) }))),
    claim: (r) =>
      guard('claim delivery', async () => {
        const now = new Date();
        const key = checkDeliveryKey(r.key);
        const owner = String(r.owner);
        try {
          // Matches only a reservation of the same owner; a missing record is inserted, anything else collides on _id.
          await col.updateOne(
            { _id: key, status: 'reserved', owner },
            { $set: { eventKey: String(r.eventKey), subscriptionId: String(r.subscriptionId), platform: r.platform, owner, status: 'reserved', updatedAt: now }, $setOnInsert: { createdAt: now } },
            { upsert: true },
          );
          return { claimed: true };
        } catch (err) {
          if (!(err instanceof MongoServerError && err.code === 11000)) throw err;
          const doc = await col.findOne({ _id: key });
          return { claimed: false, status: doc?.status ?? 'sending' };
        }
      }),
    begin: (keys) => guard('begin deliveries', async () => void (keys.length ? await col.updateMany({ _id: { $in: keys.map(checkDeliveryKey) }, status: 'reserved' }, { $set: { status: 'sending', updatedAt: new Date() } }) : undefined)),
    settle: (key, status) => guard('settle delivery', async () => void (await col.updateOne({ _id: checkDeliveryKey(key) }, { $set: { status, updatedAt: new Date() } }))),
    release: (key) => guard('release delivery', async () => void (await col.deleteOne({ _id: checkDeliveryKey(key), status: { $in: ['reserved', 'sending'] } }))),
    get: (key) =>
      guard('read delivery', async () => {
        const doc = await col.findOne({ _id: checkDeliveryKey(key) });
        if (!doc) return undefined;
        const { _id, createdAt: _c, ...rest } = doc;
        return { key: _id, ...rest };
      }),
    close: () => client.close(),
  };
}
