import { parsePending, type PendingRecommendationStore } from '../risk/pending-recommendation-store.js';
import type { SqliteDatabase } from './sqlite-database.js';
import { requireId } from './store-input.js';

/**
 * Pending recommendations in the embedded database, shared by every process on the file: `take` is one
 * DELETE … RETURNING, so of two racing /apply only one gets the row.
 */
export function createSqlitePendingRecommendationStore(
  database: SqliteDatabase,
  options: { ownsDatabase?: boolean; now?: () => number } = {},
): PendingRecommendationStore {
  const now = options.now ?? Date.now;
  const { db } = database;
  const upsert = db.prepare(
    'INSERT INTO pending_recommendations (user_id, expires_at, doc) VALUES (?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET expires_at = excluded.expires_at, doc = excluded.doc',
  );
  const purge = db.prepare('DELETE FROM pending_recommendations WHERE expires_at < ?');
  const takeOne = db.prepare('DELETE FROM pending_recommendations WHERE user_id = ? RETURNING doc');
  return {
    async put(userId, rec, expiresAt) {
      const id = requireId(userId, 'userId');
      const doc = JSON.stringify(parsePending(rec));
      await database.write('save pending recommendation', () => {
        purge.run(now());
        upsert.run(id, expiresAt, doc);
      });
    },
    async take(userId) {
      const id = requireId(userId, 'userId');
      const row = await database.write(
        'take pending recommendation',
        () => takeOne.get(id) as { doc: string } | undefined,
      );
      return row ? parsePending(JSON.parse(row.doc)) : undefined;
    },
    async close() {
      if (options.ownsDatabase) database.close();
    },
  };
}
