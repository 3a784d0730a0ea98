import { afterAll, expect, it } from 'vitest';
import { createMemoryPendingRecommendationStore } from '../../src/risk/pending-recommendation-store.js';
import { createMongoPendingRecommendationStore } from '../../src/store/mongo-pending-recommendation-store.js';
import { createSqlitePendingRecommendationStore } from '../../src/store/sqlite-pending-recommendation-store.js';
import { mongoTestDb } from './mongo-test-db.js';
import { describePendingRecommendationStoreContract } from './pending-recommendation-store.contract.js';
import { queryPlan, sqliteTestDb } from './sqlite-test-db.js';

const testDb = sqliteTestDb('pending-recommendations');
afterAll(() => testDb.drop());
const database = testDb.open();

describePendingRecommendationStoreContract('memory', async () => createMemoryPendingRecommendationStore());
describePendingRecommendationStoreContract('sqlite', async () => createSqlitePendingRecommendationStore(database));

it('SQLite takes by the primary key and purges expired rows by the expiry index', async () => {
  expect(queryPlan(database, 'DELETE FROM pending_recommendations WHERE user_id = ? RETURNING doc', 'u')).toMatch(
    /sqlite_autoindex_pending_recommendations_1|PRIMARY KEY/u,
  );
  expect(queryPlan(database, 'DELETE FROM pending_recommendations WHERE expires_at < ?', 1)).toMatch(
    /pending_recommendations_expires/u,
  );
  // An entry past its expiry is gone after the next put (of anyone's recommendation).
  let clock = 1_000_000;
  const store = createSqlitePendingRecommendationStore(database, { now: () => clock });
  const rec = { at: 1, fingerprint: 'f', ids: ['kospi'], weightsAfter: [0.5] };
  await store.put('old', rec, clock + 10);
  clock += 11;
  await store.put('new', rec, clock + 10);
  expect(await store.take('old')).toBeUndefined();
  expect(await store.take('new')).toEqual(rec);
});

const url = process.env.MONGODB_URL;
if (url) {
  const mongo = mongoTestDb(url, 'riskxpert_pending_recommendation_test');
  afterAll(() => mongo.drop());
  describePendingRecommendationStoreContract('mongodb', async () =>
    createMongoPendingRecommendationStore({ url, dbName: mongo.dbName }),
  );
} else {
  it('mongo pending-recommendation contract: MONGODB_URL not set, suite not run', () => {
    expect(process.env.MONGODB_URL).toBeUndefined();
    console.info('MongoDB pending-recommendation store contract NOT run: MONGODB_URL is not set.');
  });
}
