import type { Collection } from 'mongodb';
import { guardMongo, storeClient, type MongoStoreConnection } from '../store/mongo-client.js';
import { requireId } from '../store/store-input.js';
import type { MfaRecord, OperatorStore, SessionRecord } from './operator-store.js';
import { requireRole, type Role } from './roles.js';

type RoleDoc = { _id: string; role: Role; updatedAt: Date };
type MfaDoc = Omit<MfaRecord, 'userId'> & { _id: string };
type SessionDoc = Omit<SessionRecord, 'sessionId'> & { _id: string };
const toSession = ({ _id, ...rest }: SessionDoc): SessionRecord => ({ sessionId: _id, ...rest });

/**
 * `operator_roles`, `operator_mfa`, `operator_sessions` ({ userId: 1, createdAt: -1 }). Every filter value passed
 * requireId (a plain string), so no `$` operator reaches a query from input. claimStep is one conditional update.
 */
export function createMongoOperatorStore(options: MongoStoreConnection): OperatorStore {
  const { client, close } = storeClient(options);
  const db = client.db(options.dbName);
  const sessions: Collection<SessionDoc> = db.collection('operator_sessions');
  return {
    kind: 'mongo',
    ...mongoRoles(db.collection('operator_roles')),
    ...mongoMfa(db.collection('operator_mfa')),
    ...mongoSessions(sessions),
    init: () =>
      guardMongo(
        'create operator indexes',
        async () => void (await sessions.createIndex({ userId: 1, createdAt: -1 })),
      ),
    close,
  };
}

function mongoRoles(roles: Collection<RoleDoc>): Pick<OperatorStore, 'getRole' | 'setRole' | 'listRoles'> {
  return {
    getRole: (userId) =>
      guardMongo('get role', async () => (await roles.findOne({ _id: requireId(userId, 'userId') }))?.role ?? 'user'),
    setRole: (userId, role, at) =>
      guardMongo('set role', async () => {
        const _id = requireId(userId, 'userId');
        if (requireRole(role) === 'user') await roles.deleteOne({ _id });
        else await roles.updateOne({ _id }, { $set: { role, updatedAt: at } }, { upsert: true });
      }),
    listRoles: () =>
      guardMongo('list roles', async () =>
        (await roles.find().sort({ _id: 1 }).toArray()).map((d) => ({
          userId: d._id,
          role: d.role,
          updatedAt: d.updatedAt,
        })),
      ),
  };
}

type MfaMethods = 'getMfa' | 'putMfa' | 'enableMfa' | 'claimStep' | 'deleteMfa' | 'takeRecoveryHash';

function mongoMfa(mfa: Collection<MfaDoc>): Pick<OperatorStore, MfaMethods> {
  return {
    getMfa: (userId) =>
      guardMongo('get mfa', async () => {
        const d = await mfa.findOne({ _id: requireId(userId, 'userId') });
        if (!d) return undefined;
        const { _id, ...rest } = d;
        return { userId: _id, ...rest };
      }),
    putMfa: (rec) =>
      guardMongo('put mfa', async () => {
        const { userId, ...rest } = rec;
        await mfa.replaceOne({ _id: requireId(userId, 'userId') }, rest, { upsert: true });
      }),
    enableMfa: (userId, at) =>
      guardMongo(
        'enable mfa',
        async () => void (await mfa.updateOne({ _id: requireId(userId, 'userId') }, { $set: { enabledAt: at } })),
      ),
    claimStep: (userId, step) =>
      guardMongo(
        'claim totp step',
        async () =>
          (
            await mfa.updateOne(
              { _id: requireId(userId, 'userId'), lastStep: { $lt: step } },
              { $set: { lastStep: step } },
            )
          ).modifiedCount === 1,
      ),
    deleteMfa: (userId) =>
      guardMongo(
        'delete mfa',
        async () => (await mfa.deleteOne({ _id: requireId(userId, 'userId') })).deletedCount === 1,
      ),
    takeRecoveryHash: (userId, hash) =>
      guardMongo('take recovery code', async () => {
        const h = requireId(hash, 'hash');
        return (
          (
            await mfa.updateOne(
              { _id: requireId(userId, 'userId'), recoveryHashes: h },
              { $pull: { recoveryHashes: h } },
            )
          ).modifiedCount === 1
        );
      }),
  };
}

function mongoSessions(
  sessions: Collection<SessionDoc>,
): Pick<OperatorStore, 'putSession' | 'getSession' | 'listSessions' | 'markSessionMfa'> {
  return {
    putSession: (s) =>
      guardMongo('put session', async () => {
        const { sessionId, ...rest } = s;
        requireId(rest.userId, 'userId');
        await sessions.replaceOne({ _id: requireId(sessionId, 'sessionId') }, rest, { upsert: true });
      }),
    getSession: (sessionId) =>
      guardMongo('get session', async () => {
        const d = await sessions.findOne({ _id: requireId(sessionId, 'sessionId') });
        return d ? toSession(d) : undefined;
      }),
    listSessions: (userId) =>
      guardMongo('list sessions', async () =>
        (
          await sessions
            .find({ userId: requireId(userId, 'userId') })
            .sort({ createdAt: -1 })
            .limit(200)
            .toArray()
        ).map(toSession),
      ),
    markSessionMfa: (sessionId, at) =>
      guardMongo(
        'mark session mfa',
        async () =>
          void (await sessions.updateOne({ _id: requireId(sessionId, 'sessionId') }, { $set: { mfaAt: at } })),
      ),
  };
}
