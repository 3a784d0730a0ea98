import { ObjectId, type Collection, type Filter } from 'mongodb';
import { guardMongo, storeClient, type MongoStoreConnection } from '../store/mongo-client.js';
import type { AuditEntry, AuditLogStore } from './audit-log-store.js';

type AuditDoc = AuditEntry & { _id: ObjectId };

/** `audit_log`: insert-only, indexed by time, type and user; the purge drops entries past the retention period. */
export function createMongoAuditLogStore(options: MongoStoreConnection): AuditLogStore {
  const { client, close } = storeClient(options);
  const log: Collection<AuditDoc> = client.db(options.dbName).collection('audit_log');
  return {
    kind: 'mongo',
    append: (e) =>
      guardMongo('append audit entry', async () => void (await log.insertOne({ ...e, _id: new ObjectId() }))),
    search: (q) =>
      guardMongo('search audit log', async () => {
        const f: Filter<AuditDoc> = {};
        // zod checked every value (auditQuerySchema): plain strings and dates only.
        if (q.type) f.type = q.type;
        if (q.userId) f.$or = [{ actorId: q.userId }, { targetId: q.userId }];
        if (q.since || q.until) f.at = { ...(q.since ? { $gte: q.since } : {}), ...(q.until ? { $lte: q.until } : {}) };
        const docs = await log.find(f).sort({ at: -1, _id: -1 }).limit(q.limit).toArray();
        return docs.map(({ _id, ...rest }) => ({ id: _id.toHexString(), ...rest }));
      }),
    purgeBefore: (before) =>
      guardMongo('purge audit log', async () => (await log.deleteMany({ at: { $lt: before } })).deletedCount),
    init: () =>
      guardMongo('create audit indexes', async () => {
        await log.createIndexes([
          { key: { at: -1 } },
          { key: { type: 1, at: -1 } },
          { key: { actorId: 1, at: -1 } },
          { key: { targetId: 1, at: -1 } },
        ]);
      }),
    close,
  };
}
