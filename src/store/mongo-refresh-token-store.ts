import { MongoServerError, type Collection, type Db } from 'mongodb';
import { guardMongo, pingMongo, storeClient, type MongoStoreConnection } from './mongo-client.js';
import { RiskXpertError } from '../errors.js';
import { requireTokenHash, type RefreshTokenRecord, type RefreshTokenStore } from './refresh-token-store.js';
import { requireId } from './store-input.js';

type TokenDoc = Omit<RefreshTokenRecord, 'tokenHash'> & { _id: string };

export interface MongoRefreshTokenStoreOptions extends MongoStoreConnection {
  maxTimeMs?: number;
}

const DUPLICATE_KEY = 11000;

/**
 * `refresh_tokens`: `_id` is the token's sha256, { familyId: 1 } for revocation and the per-request session check,
 * and a TTL index on expiresAt so MongoDB deletes dead tokens itself. Rotation is one findOneAndUpdate whose
 * filter demands "not used, not revoked, not expired": the server decides which of two racing refreshes wins.
 * Every value reaching a filter passed requireTokenHash/requireId (plain strings), so no `$` operator from input.
 */
export function createMongoRefreshTokenStore(options: MongoRefreshTokenStoreOptions): RefreshTokenStore {
  const { client, close: closeClient } = storeClient(options);
  const maxTimeMS = options.maxTimeMs ?? 5_000;
  const db: Db = client.db(options.dbName);
  const tokens: Collection<TokenDoc> = db.collection('refresh_tokens');
  const toRecord = ({ _id, ...rest }: TokenDoc): RefreshTokenRecord => ({ tokenHash: _id, ...rest });

  return {
    kind: 'mongo',
    insert: (record) =>
      guardMongo('insert refresh token', async () => {
        const _id = requireTokenHash(record.tokenHash);
        const doc: TokenDoc = {
          _id,
          familyId: requireId(record.familyId, 'familyId'),
          userId: requireId(record.userId, 'userId'),
          createdAt: record.createdAt,
          expiresAt: record.expiresAt,
        };
        try {
          await tokens.insertOne(doc);
        } catch (err) {
          if (err instanceof MongoServerError && err.code === DUPLICATE_KEY)
            throw new RiskXpertError('BAD_REQUEST', 'This refresh token already exists.');
          throw err;
        }
      }),
    consume: (hash, now) =>
      guardMongo('consume refresh token', async () => {
        const _id = requireTokenHash(hash);
        const won = await tokens.findOneAndUpdate(
          { _id, usedAt: { $exists: false }, revokedAt: { $exists: false }, expiresAt: { $gt: now } },
          { $set: { usedAt: now } },
          { returnDocument: 'after', maxTimeMS },
        );
        if (won) return { status: 'rotated' as const, record: toRecord(won) };
        const doc = await tokens.findOne({ _id }, { maxTimeMS });
        if (!doc) return { status: 'unknown' as const };
        const record = toRecord(doc);
        if (doc.revokedAt) return { status: 'revoked' as const, record };
        if (doc.usedAt) return { status: 'reused' as const, record };
        return { status: 'expired' as const, record };
      }),
    revokeFamily: (familyId, now) =>
      guardMongo('revoke refresh tokens', async () => {
        const r = await tokens.updateMany(
          { familyId: requireId(familyId, 'familyId'), revokedAt: { $exists: false } },
          { $set: { revokedAt: now } },
        );
        return r.modifiedCount;
      }),
    isFamilyActive: (familyId, now) =>
      guardMongo('check session', async () => {
        const doc = await tokens.findOne(
          { familyId: requireId(familyId, 'familyId'), revokedAt: { $exists: false }, expiresAt: { $gt: now } },
          { projection: { _id: 1 }, maxTimeMS },
        );
        return doc !== null;
      }),
    init: () =>
      guardMongo('create refresh token indexes', async () => {
        await tokens.createIndexes([
          { key: { familyId: 1 }, name: 'familyId' },
          { key: { expiresAt: 1 }, name: 'expiresAt_ttl', expireAfterSeconds: 0 },
        ]);
        await db.command({ ping: 1 });
      }),
    ping: () => pingMongo(db),
    close: closeClient,
  };
}
