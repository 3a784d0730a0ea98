import { afterAll, expect, it } from 'vitest';
import { createMemoryRiskProfileStore } from '../../src/store/memory-risk-profile-store.js';
import { createMongoRiskProfileStore } from '../../src/store/mongo-risk-profile-store.js';
import { createSqliteRiskProfileStore } from '../../src/store/sqlite-risk-profile-store.js';
import { mongoTestDb } from './mongo-test-db.js';
import { describeRiskProfileStoreContract } from './risk-profile-store.contract.js';
import { queryPlan, sqliteTestDb } from './sqlite-test-db.js';

const testDb = sqliteTestDb('risk-profiles');
afterAll(() => testDb.drop());
const database = testDb.open();

describeRiskProfileStoreContract('memory', async () => createMemoryRiskProfileStore());
describeRiskProfileStoreContract('sqlite', async () => createSqliteRiskProfileStore(database));

it('SQLite reads a profile by its primary key', () => {
  expect(queryPlan(database, 'SELECT * FROM risk_profiles WHERE user_id = ?', 'u')).toMatch(
    /USING INDEX sqlite_autoindex_risk_profiles_1|PRIMARY KEY/u,
  );
});

const url = process.env.MONGODB_URL;
if (url) {
  const mongo = mongoTestDb(url, 'riskxpert_risk_profile_test');
  afterAll(() => mongo.drop());
  describeRiskProfileStoreContract('mongodb', async () => createMongoRiskProfileStore({ url, dbName: mongo.dbName }));
} else {
  it('mongo risk-profile contract: MONGODB_URL not set, suite not run', () => {
    expect(process.env.MONGODB_URL).toBeUndefined();
    console.info('MongoDB risk-profile store contract NOT run: MONGODB_URL is not set.');
  });
}
