import { type Collection } from 'mongodb';
import { guardMongo, storeClient, type MongoStoreConnection } from './mongo-client.js';
import { RiskXpertError } from '../errors.js';
import {
  checkSubscriptionId,
  checkUserId,
  parseNewSubscription,
  quietHoursSchema,
  subscriptionId,
  type Subscription,
  type SubscriptionStore,
} from './subscription-store.js';

interface SubscriptionDoc extends Omit<Subscription, 'id'> {
  _id: string;
}

const fromDoc = ({ _id, ...rest }: SubscriptionDoc): Subscription => ({ id: _id, ...rest });

/**
 * Subscriptions in `subscriptions`, `_id` = the deterministic subscription id so a repeated subscribe is an
 * upsert. Indexes: (indicatorId, active, _id) for the evaluation scan, (userId, createdAt) for listing.
 * Every filter value is validated first (ids by regex), so no `$` operator can come from user input.
 */
export function createMongoSubscriptionStore(options: MongoStoreConnection): SubscriptionStore {
  const { client, close: closeClient } = storeClient(options);
  const col: Collection<SubscriptionDoc> = client.db(options.dbName).collection('subscriptions');

  return {
    init: () =>
      guardMongo('init subscriptions', async () => {
        await col.createIndex({ indicatorId: 1, active: 1, _id: 1 }, { name: 'indicator_active' });
        await col.createIndex({ userId: 1, createdAt: 1 }, { name: 'user_created' });
      }),
    add: (input) =>
      guardMongo('add subscription', async () => {
        const s = parseNewSubscription(input);
        const id = subscriptionId(s);
        const { quietHours, ...rest } = s;
        const doc = await col.findOneAndUpdate(
          { _id: id },
          {
            $set: { ...rest, active: true, ...(quietHours ? { quietHours } : {}) },
            $unset: { deactivatedReason: '', ...(quietHours ? {} : { quietHours: '' }) },
            $setOnInsert: { createdAt: new Date() },
          },
          { upsert: true, returnDocument: 'after' },
        );
        if (!doc) throw new RiskXpertError('STORE_UNAVAILABLE', 'MongoDB returned no subscription after the upsert.');
        return fromDoc(doc);
      }),
    get: (id) =>
      guardMongo('get subscription', async () => {
        const doc = await col.findOne({ _id: checkSubscriptionId(id) });
        return doc ? fromDoc(doc) : undefined;
      }),
    getMany: (ids) =>
      guardMongo('get subscriptions', async () => {
        const docs = await col.find({ _id: { $in: ids.map(checkSubscriptionId) } }).toArray();
        return new Map(docs.map((d) => [d._id, fromDoc(d)]));
      }),
    listByUser: (userId) =>
      guardMongo('list subscriptions', async () =>
        (
          await col
            .find({ userId: checkUserId(userId) })
            .sort({ createdAt: 1, _id: 1 })
            .toArray()
        ).map(fromDoc),
      ),
    listActiveByIndicator: (indicatorId) =>
      guardMongo('list subscriptions', async () => {
        if (!/^[a-z0-9_]{1,40}$/u.test(indicatorId))
          throw new RiskXpertError('BAD_REQUEST', 'indicatorId must be a catalog id.');
        return (await col.find({ indicatorId, active: true }).sort({ _id: 1 }).toArray()).map(fromDoc);
      }),
    remove: (userId, id) =>
      guardMongo(
        'remove subscription',
        async () =>
          (await col.deleteOne({ _id: checkSubscriptionId(id), userId: checkUserId(userId) })).deletedCount === 1,
      ),
    deactivateUser: (userId, reason) =>
      guardMongo(
        'deactivate subscriptions',
        async () =>
          (
            await col.updateMany(
              { userId: checkUserId(userId), active: true },
              { $set: { active: false, deactivatedReason: String(reason).slice(0, 200) } },
            )
          ).modifiedCount,
      ),
    setQuietHours: (userId, quietHours) =>
      guardMongo('set quiet hours', async () => {
        const filter = { userId: checkUserId(userId) };
        const res = quietHours
          ? await col.updateMany(filter, { $set: { quietHours: quietHoursSchema.parse(quietHours) } })
          : await col.updateMany(filter, { $unset: { quietHours: '' } });
        return res.matchedCount;
      }),
    close: closeClient,
  };
}
