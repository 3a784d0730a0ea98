import { RiskXpertError } from '../errors.js';
import type { SqliteDatabase } from './sqlite-database.js';
import { requireTokenHash, type RefreshTokenRecord, type RefreshTokenStore } from './refresh-token-store.js';
import { requireId } from './store-input.js';

interface Row {
  token_hash: string;
  family_id: string;
  user_id: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  revoked_at: number | null;
}

const toRecord = (r: Row): RefreshTokenRecord => ({
  tokenHash: r.token_hash,
  familyId: r.family_id,
  userId: r.user_id,
  createdAt: new Date(r.created_at),
  expiresAt: new Date(r.expires_at),
  ...(r.used_at === null ? {} : { usedAt: new Date(r.used_at) }),
  ...(r.revoked_at === null ? {} : { revokedAt: new Date(r.revoked_at) }),
});

// Tokens expired this long ago are deleted (a TTL index's job in MongoDB); a day keeps "expired" answerable a while.
const SWEEP_AFTER_MS = 86_400_000;

/**
 * Refresh tokens in the embedded database (only sha256 hashes). Rotation is one conditional UPDATE ... RETURNING
 * whose WHERE demands "not used, not revoked, not expired": of two racing refreshes, in any processes, exactly
 * one changes the row. Every 100 inserts the long-expired tokens are swept on the expiry index.
 */
export function createSqliteRefreshTokenStore(
  database: SqliteDatabase,
  options: { ownsDatabase?: boolean } = {},
): RefreshTokenStore {
  const { db } = database;
  const insert = db.prepare(
    'INSERT INTO refresh_tokens (token_hash, family_id, user_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (token_hash) DO NOTHING',
  );
  const rotate = db.prepare(
    'UPDATE refresh_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ? RETURNING *',
  );
  const getOne = db.prepare('SELECT * FROM refresh_tokens WHERE token_hash = ?');
  const revoke = db.prepare('UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL');
  const active = db
    .prepare('SELECT 1 FROM refresh_tokens WHERE family_id = ? AND expires_at > ? AND revoked_at IS NULL LIMIT 1')
    .pluck();
  const sweep = db.prepare('DELETE FROM refresh_tokens WHERE expires_at <= ?');
  let inserts = 0;

  return {
    kind: 'sqlite',
    async insert(record) {
      const tokenHash = requireTokenHash(record.tokenHash);
      const familyId = requireId(record.familyId, 'familyId');
      const userId = requireId(record.userId, 'userId');
      const sweepNow = (inserts += 1) % 100 === 0;
      const added = await database.write('insert refresh token', () => {
        if (sweepNow) sweep.run(record.createdAt.getTime() - SWEEP_AFTER_MS);
        return insert.run(tokenHash, familyId, userId, record.createdAt.getTime(), record.expiresAt.getTime()).changes;
      });
      if (added === 0) throw new RiskXpertError('BAD_REQUEST', 'This refresh token already exists.');
    },
    async consume(hash, now) {
      const tokenHash = requireTokenHash(hash);
      return database.write('consume refresh token', () => {
        const won = rotate.get(now.getTime(), tokenHash, now.getTime()) as Row | undefined;
        if (won) return { status: 'rotated' as const, record: toRecord(won) };
        const row = getOne.get(tokenHash) as Row | undefined;
        if (!row) return { status: 'unknown' as const };
        const record = toRecord(row);
        if (row.revoked_at !== null) return { status: 'revoked' as const, record };
        if (row.used_at !== null) return { status: 'reused' as const, record };
        return { status: 'expired' as const, record };
      });
    },
    async revokeFamily(familyId, now) {
      requireId(familyId, 'familyId');
      return (await database.write('revoke refresh tokens', () => revoke.run(now.getTime(), familyId))).changes;
    },
    async isFamilyActive(familyId, now) {
      requireId(familyId, 'familyId');
      return (await database.read('check session', () => active.get(familyId, now.getTime()))) !== undefined;
    },
    async init() {},
    async ping() {
      return database.ping();
    },
    async close() {
      if (options.ownsDatabase) database.close();
    },
  };
}
