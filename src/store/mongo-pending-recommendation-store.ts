import type { Collection } from 'mongodb';
import type { PendingRecommendation } from '../risk/apply-recommendation.js';
import { parsePending, type PendingRecommendationStore } from '../risk/pending-recommendation-store.js';
import { guardMongo, storeClient, type MongoStoreConnection } from './mongo-client.js';
import { requireId } from './store-input.js';

type PendingDoc = PendingRecommendation & { _id: string; expiresAt: Date };

/**
 * `pending_recommendations`: `_id` is the user id; a TTL index on `expiresAt` lets MongoDB drop old entries;
 * `take` is findOneAndDelete, so of two racing /apply on two replicas only one gets the recommendation.
 */
export function createMongoPendingRecommendationStore(
  options: MongoStoreConnection & { maxTimeMs?: number },
): PendingRecommendationStore {
  const { client, close } = storeClient(options);
  const maxTimeMS = options.maxTimeMs ?? 5_000;
  const pending: Collection<PendingDoc> = client.db(options.dbName).collection('pending_recommendations');
  let indexed: Promise<unknown> | undefined;
  return {
    put: (userId, rec, expiresAt) =>
      guardMongo('save pending recommendation', async () => {
        const id = requireId(userId, 'userId');
        const r = parsePending(rec);
        indexed ??= pending.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 });
        await indexed;
        await pending.replaceOne({ _id: id }, { ...r, expiresAt: new Date(expiresAt) }, { upsert: true, maxTimeMS });
      }),
    take: (userId) =>
      guardMongo('take pending recommendation', async () => {
        const doc = await pending.findOneAndDelete({ _id: requireId(userId, 'userId') }, { maxTimeMS });
        if (!doc) return undefined;
        return parsePending({ at: doc.at, fingerprint: doc.fingerprint, ids: doc.ids, weightsAfter: doc.weightsAfter });
      }),
    close,
  };
}
