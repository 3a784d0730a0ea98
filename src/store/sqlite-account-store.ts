import type { SqliteDatabase } from './sqlite-database.js';
import { checkUserId } from './subscription-store.js';
import { fromStoredAccount, toStoredAccount, type AccountStore, type StoredAccount } from './account-store.js';

/**
 * Paper accounts in the embedded database: bigints as decimal strings in JSON, and the revision as a column, so a
 * save is one compare-and-set UPDATE (or an INSERT that only the first of two racing first orders wins).
 */
export function createSqliteAccountStore(
  database: SqliteDatabase,
  options: { ownsDatabase?: boolean } = {},
): AccountStore {
  const { db } = database;
  const load = db.prepare('SELECT revision, doc FROM accounts WHERE user_id = ?');
  const insert = db.prepare(
    'INSERT INTO accounts (user_id, revision, doc, updated_at) VALUES (?, 1, ?, ?) ON CONFLICT (user_id) DO NOTHING',
  );
  const remove = db.prepare('DELETE FROM accounts WHERE user_id = ?');
  const update = db.prepare(
    'UPDATE accounts SET revision = revision + 1, doc = ?, updated_at = ? WHERE user_id = ? AND revision = ?',
  );

  return {
    async init() {},
    async load(userId) {
      const id = checkUserId(userId);
      const row = await database.read(
        'load account',
        () => load.get(id) as { revision: number; doc: string } | undefined,
      );
      return row
        ? {
            account: fromStoredAccount({ ...(JSON.parse(row.doc) as Omit<StoredAccount, 'userId'>), userId: id }),
            revision: row.revision,
          }
        : undefined;
    },
    async save(account, revision) {
      const { userId, ...doc } = toStoredAccount(account);
      const id = checkUserId(userId);
      const json = JSON.stringify(doc);
      const res = await database.write('save account', () =>
        revision === 0 ? insert.run(id, json, Date.now()) : update.run(json, Date.now(), id, revision),
      );
      return res.changes === 1;
    },
    async delete(userId) {
      const id = checkUserId(userId);
      return (await database.write('delete account', () => remove.run(id))).changes === 1;
    },
    async close() {
      if (options.ownsDatabase) database.close();
    },
  };
}
