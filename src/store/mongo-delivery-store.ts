import { MongoClient, MongoServerError, type Collection } from 'mongodb';
import { RiskXpertError } from '../errors.js';
import { checkDeliveryKey, type DeliveryRecord, type DeliveryStore } from './delivery-store.js';

interface DeliveryDoc extends Omit<DeliveryRecord, 'key'> {
  _id: string;
  createdAt: Date;
}

/** The delivery ledger in `deliveries`: `_id` = dedup key, so the unique primary key is the atomic claim. */
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
        try {
          await col.insertOne({ _id: checkDeliveryKey(r.key), eventKey: r.eventKey, subscriptionId: r.subscriptionId, platform: r.platform, status: 'claimed', updatedAt: now, createdAt: now });
          return { claimed: true };
        } catch (err) {
          if (!(err instanceof MongoServerError && err.code === 11000)) throw err;
          const doc = await col.findOne({ _id: r.key });
          return { claimed: false, status: doc?.status ?? 'claimed' };
        }
      }),
    settle: (key, status) => guard('settle delivery', async () => void (await col.updateOne({ _id: checkDeliveryKey(key) }, { $set: { status, updatedAt: new Date() } }))),
    release: (key) => guard('release delivery', async () => void (await col.deleteOne({ _id: checkDeliveryKey(key), status: 'claimed' }))),
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
