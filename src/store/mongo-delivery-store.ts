import { MongoServerError, type Collection } from 'mongodb';
import { guardMongo, storeClient, type MongoStoreConnection } from './mongo-client.js';
import { checkDeliveryKey, type DeliveryRecord, type DeliveryStore } from './delivery-store.js';

interface DeliveryDoc extends Omit<DeliveryRecord, 'key'> {
  _id: string;
  createdAt: Date;
}

/** The delivery ledger in `deliveries`: `_id` = dedup key, so the unique primary key makes the claim atomic. */
export function createMongoDeliveryStore(options: MongoStoreConnection & { ttlDays?: number }): DeliveryStore {
  const { client, close: closeClient } = storeClient(options);
  const col: Collection<DeliveryDoc> = client.db(options.dbName).collection('deliveries');

  return {
    init: () =>
      guardMongo(
        'init deliveries',
        async () =>
          void (await col.createIndex(
            { createdAt: 1 },
            { name: 'expire', expireAfterSeconds: Math.round((options.ttlDays ?? 30) * 86_400) },
          )),
      ),
    claim: (r) =>
      guardMongo('claim delivery', async () => {
        const now = new Date();
        const key = checkDeliveryKey(r.key);
        const owner = String(r.owner);
        try {
          // Matches only a reservation of the same owner; a missing record is inserted, anything else collides on _id.
          await col.updateOne(
            { _id: key, status: 'reserved', owner },
            {
              $set: {
                eventKey: String(r.eventKey),
                subscriptionId: String(r.subscriptionId),
                platform: r.platform,
                owner,
                status: 'reserved',
                updatedAt: now,
              },
              $setOnInsert: { createdAt: now },
            },
            { upsert: true },
          );
          return { claimed: true };
        } catch (err) {
          if (!(err instanceof MongoServerError && err.code === 11000)) throw err;
          const doc = await col.findOne({ _id: key });
          return { claimed: false, status: doc?.status ?? 'sending' };
        }
      }),
    begin: (keys) =>
      guardMongo(
        'begin deliveries',
        async () =>
          void (keys.length
            ? await col.updateMany(
                { _id: { $in: keys.map(checkDeliveryKey) }, status: 'reserved' },
                { $set: { status: 'sending', updatedAt: new Date() } },
              )
            : undefined),
      ),
    settle: (key, status) =>
      guardMongo(
        'settle delivery',
        async () =>
          void (await col.updateOne({ _id: checkDeliveryKey(key) }, { $set: { status, updatedAt: new Date() } })),
      ),
    release: (key) =>
      guardMongo(
        'release delivery',
        async () =>
          void (await col.deleteOne({ _id: checkDeliveryKey(key), status: { $in: ['reserved', 'sending'] } })),
      ),
    get: (key) =>
      guardMongo('read delivery', async () => {
        const doc = await col.findOne({ _id: checkDeliveryKey(key) });
        if (!doc) return undefined;
        const { _id, createdAt: _c, ...rest } = doc;
        return { key: _id, ...rest };
      }),
    close: closeClient,
  };
}
