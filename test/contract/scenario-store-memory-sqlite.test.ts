import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryScenarioStore } from '../../src/store/memory-scenario-store.js';
import { createSqliteScenarioStore } from '../../src/store/sqlite-scenario-store.js';
import { describeScenarioStoreContract } from './scenario-store.contract.js';
import { queryPlan, sqliteTestDb } from './sqlite-test-db.js';

const testDb = sqliteTestDb('scenarios');
afterAll(() => testDb.drop());
const database = testDb.open();

describeScenarioStoreContract('memory', async () => createMemoryScenarioStore());
describeScenarioStoreContract('sqlite', async () => createSqliteScenarioStore(database));

describe('SQLite scenario store', () => {
  it('lists through the owner and shared indexes and reads results through theirs', () => {
    const plan = queryPlan(
      database,
      'SELECT id FROM scenarios WHERE owner_id = ? UNION SELECT id FROM scenarios WHERE shared = 1',
      'u',
    );
    expect(plan).toMatch(/scenarios_owner/u);
    expect(plan).toMatch(/scenarios_shared/u);
    expect(
      queryPlan(database, 'SELECT * FROM scenario_results WHERE scenario_id = ? ORDER BY created_at, id', 's'),
    ).toMatch(/scenario_results_scenario/u);
    // Erasing a user: the results they ran, on the user index (migration 7), and theirs through the owner index.
    const erase = queryPlan(
      database,
      'DELETE FROM scenario_results WHERE scenario_id IN (SELECT id FROM scenarios WHERE owner_id = ?) OR user_id = ?',
      'u',
      'u',
    );
    expect(erase).toMatch(/scenario_results_user/u);
    expect(erase).toMatch(/scenarios_owner/u);
  });

  it('a version written by one connection is read by another (two processes on one file)', async () => {
    const a = createSqliteScenarioStore(database);
    const b = createSqliteScenarioStore(testDb.open());
    const spec = { name: 'x', horizonMonths: 1, shocks: [{ indicatorId: 'us10y', move: 0.5, unit: '%p' as const }] };
    await a.create({ id: 'two-conn', ownerId: 'web:1', shared: true, spec, now: new Date(0) });
    await b.update('two-conn', 'web:1', { ...spec, horizonMonths: 2 }, new Date(1));
    expect((await a.get('two-conn'))?.spec.horizonMonths).toBe(2);
  });
});
