import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteAccountStore } from '../../src/store/sqlite-account-store.js';
import { createSqliteDeliveryStore } from '../../src/store/sqlite-delivery-store.js';
import { createSqliteSubscriptionStore } from '../../src/store/sqlite-subscription-store.js';
import { createSqliteThreatEventStore } from '../../src/store/sqlite-threat-event-store.js';
import {
  describeAccountStoreContract,
  describeDeliveryStoreContract,
  describeSubscriptionStoreContract,
  describeThreatEventStoreContract,
} from './alert-stores.contract.js';
import { queryPlan, sqliteTestDb } from './sqlite-test-db.js';

const testDb = sqliteTestDb('alerts');
afterAll(() => testDb.drop());
const database = testDb.open();

describeSubscriptionStoreContract('sqlite', async () => createSqliteSubscriptionStore(database));
describeAccountStoreContract('sqlite', async () => createSqliteAccountStore(database));
describeThreatEventStoreContract('sqlite', async () => createSqliteThreatEventStore(database));
describeDeliveryStoreContract('sqlite', async () => createSqliteDeliveryStore(database));

describe('SQLite alert stores on a file', () => {
  it('every query of the evaluation and the bot commands runs on an index', () => {
    expect(
      queryPlan(database, 'SELECT * FROM subscriptions WHERE indicator_id = ? AND active = 1 ORDER BY id', 'kospi'),
    ).toMatch(/USING INDEX subscriptions_indicator_active/u);
    expect(
      queryPlan(database, 'SELECT * FROM subscriptions WHERE indicator_id = ? AND active = 1 ORDER BY id', 'kospi'),
    ).not.toMatch(/TEMP B-TREE/u);
    expect(
      queryPlan(database, 'SELECT * FROM subscriptions WHERE user_id = ? ORDER BY created_at, id', 'telegram:1'),
    ).toMatch(/USING INDEX subscriptions_user_created/u);
    expect(
      queryPlan(
        database,
        'UPDATE subscriptions SET active = 0, deactivated_reason = ? WHERE user_id = ? AND active = 1',
        'r',
        'telegram:1',
      ),
    ).toMatch(/USING INDEX subscriptions_user_created/u);
    expect(
      queryPlan(
        database,
        'SELECT key, created_at, doc FROM threat_events WHERE indicator_id = ? ORDER BY date DESC, created_at DESC LIMIT ?',
        'kospi',
        10,
      ),
    ).toMatch(/USING INDEX threat_events_indicator_date/u);
    expect(queryPlan(database, 'DELETE FROM deliveries WHERE created_at < ?', 0)).toMatch(
      /USING (COVERING )?INDEX deliveries_created/u,
    );
  });

  it('a claim in one connection is refused in another: two workers on one file deliver once', async () => {
    const a = createSqliteDeliveryStore(database);
    const b = createSqliteDeliveryStore(testDb.open());
    const rec = (owner: string) => ({
      key: 'e'.repeat(32),
      eventKey: 'ev',
      subscriptionId: 's_000000000000000000000000',
      platform: 'telegram' as const,
      owner,
    });
    expect(await a.claim(rec('job-a'))).toEqual({ claimed: true });
    expect(await b.claim(rec('job-b'))).toEqual({ claimed: false, status: 'reserved' });
  });
});
