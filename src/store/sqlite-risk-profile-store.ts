import { riskProfileSchema, type RiskProfile, type RiskProfileStore } from '../risk/risk-profile.js';
import type { SqliteDatabase } from './sqlite-database.js';
import { requireId } from './store-input.js';

interface Row {
  user_id: string;
  appetite: RiskProfile['appetite'];
  loss_limit: number;
  updated_at: string;
}

/** Risk profiles in the embedded database: get and put are one primary-key lookup and one upsert. */
export function createSqliteRiskProfileStore(
  database: SqliteDatabase,
  options: { ownsDatabase?: boolean } = {},
): RiskProfileStore {
  const { db } = database;
  const getOne = db.prepare('SELECT * FROM risk_profiles WHERE user_id = ?');
  const upsert = db.prepare(
    'INSERT INTO risk_profiles (user_id, appetite, loss_limit, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET appetite = excluded.appetite, loss_limit = excluded.loss_limit, updated_at = excluded.updated_at',
  );
  const erase = db.prepare('DELETE FROM risk_profiles WHERE user_id = ?');
  return {
    async init() {},
    async get(userId) {
      const r = getOne.get(requireId(userId, 'userId')) as Row | undefined;
      return r
        ? { userId: r.user_id, appetite: r.appetite, lossLimit: r.loss_limit, updatedAt: r.updated_at }
        : undefined;
    },
    async put(profile) {
      const p = riskProfileSchema.parse(profile);
      upsert.run(p.userId, p.appetite, p.lossLimit, p.updatedAt);
    },
    async remove(userId) {
      requireId(userId, 'userId');
      return database.write('erase risk profile', () => erase.run(userId).changes > 0);
    },
    async close() {
      if (options.ownsDatabase) database.close();
    },
  };
}
