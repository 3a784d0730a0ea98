import type { Collection } from 'mongodb';
import { riskProfileSchema, type RiskProfile, type RiskProfileStore } from '../risk/risk-profile.js';
import { guardMongo, storeClient, type MongoStoreConnection } from './mongo-client.js';
import { requireId } from './store-input.js';

type ProfileDoc = Omit<RiskProfile, 'userId'> & { _id: string };

/** `risk_profiles`: `_id` is the user id (validated as a plain string, so no `$` operator from input). */
export function createMongoRiskProfileStore(options: MongoStoreConnection & { maxTimeMs?: number }): RiskProfileStore {
  const { client, close } = storeClient(options);
  const maxTimeMS = options.maxTimeMs ?? 5_000;
  const profiles: Collection<ProfileDoc> = client.db(options.dbName).collection('risk_profiles');
  return {
    async init() {},
    get: (userId) =>
      guardMongo('read risk profile', async () => {
        const doc = await profiles.findOne({ _id: requireId(userId, 'userId') }, { maxTimeMS });
        if (!doc) return undefined;
        const { _id, ...rest } = doc;
        return { userId: _id, appetite: rest.appetite, lossLimit: rest.lossLimit, updatedAt: rest.updatedAt };
      }),
    put: (profile) =>
      guardMongo('save risk profile', async () => {
        const p = riskProfileSchema.parse(profile);
        await profiles.replaceOne(
          { _id: p.userId },
          { appetite: p.appetite, lossLimit: p.lossLimit, updatedAt: p.updatedAt },
          { upsert: true, maxTimeMS },
        );
      }),
    remove: (userId) =>
      guardMongo('erase risk profile', async () => {
        const r = await profiles.deleteOne({ _id: requireId(userId, 'userId') }, { maxTimeMS });
        return r.deletedCount === 1;
      }),
    close,
  };
}
