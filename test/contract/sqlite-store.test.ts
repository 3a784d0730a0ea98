import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../src/store/sqlite-store.js';
import { describeStoreContract, conversation } from './store.contract.js';
import { queryPlan, sqliteTestDb } from './sqlite-test-db.js';

const testDb = sqliteTestDb('store');
afterAll(() => testDb.drop());
const database = testDb.open();

describeStoreContract('sqlite', async () => createSqliteStore(database));

describe('SQLite store on a file', () => {
  it('is a WAL database file on disk, and a second connection (another process) reads what the first wrote', async () => {
    expect(database.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(existsSync(testDb.file)).toBe(true);
    expect(existsSync(`${testDb.file}-wal`)).toBe(true);
    const c = conversation({ userId: 'telegram:wal-reader' });
    await createSqliteStore(database).conversations.save(c);
    const other = testDb.open();
    expect(await createSqliteStore(other).conversations.get(c.id)).toEqual(c);
  });

  it('serves a history page from the (user_id, created_at, id) index, already in order', () => {
    const plan = queryPlan(
      database,
      'SELECT id, created_at, doc FROM conversations WHERE user_id = ? ORDER BY created_at DESC, id DESC LIMIT ?',
      'u',
      20,
    );
    expect(plan).toMatch(/USING INDEX conversations_user_created/u);
    expect(plan).not.toMatch(/TEMP B-TREE/u);
  });
});
