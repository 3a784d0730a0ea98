import { MongoClient, type Collection, type Db } from 'mongodb';
import { RiskXpertError } from '../errors.js';
import type { ConversationRecord, Store, UserRecord } from './store.js';

type ConversationDoc = Omit<ConversationRecord, 'id'> & { _id: string };
type UserDoc = Omit<UserRecord, 'id'> & { _id: string };

/** Ids and user ids reach queries only as plain strings, so no `$` operator can ever come from user input. */
function str(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 300) {
    throw new RiskXpertError('BAD_REQUEST', `${name} must be a non-empty string.`);
  }
  return value;
}

const toConversation = ({ _id, ...rest }: ConversationDoc): ConversationRecord => ({ id: _id, ...rest });
const toUser = ({ _id, ...rest }: UserDoc): UserRecord => ({ id: _id, ...rest });

/**
 * MongoDB store with the official driver. Short server-selection and socket timeouts make a dead Mongo fail
 * fast (the retrying writer absorbs it) instead of holding an answer for the driver's default 30 s.
 */
export function createMongoStore(options: { url: string; dbName: string; serverSelectionTimeoutMs?: number; client?: MongoClient }): Store {
  const client =
    options.client ??
    new MongoClient(options.url, {
      serverSelectionTimeoutMS: options.serverSelectionTimeoutMs ?? 2_500,
      connectTimeoutMS: 2_500,
      socketTimeoutMS: 10_000,
      maxPoolSize: 20,
      retryWrites: true,
      appName: 'riskxpert',
    });
  const db: Db = client.db(options.dbName);
  const conversations: Collection<ConversationDoc> = db.collection('conversations');
  const users: Collection<UserDoc> = db.collection('users');

  async function guard<T>(what: string, op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (err) {
      if (err instanceof RiskXpertError) throw err;
      throw new RiskXpertError('STORE_UNAVAILABLE', `MongoDB ${what} failed: ${(err as Error).message}`, { cause: err });
    }
  }

  return {
    kind: 'mongo',
    conversations: {
      save: (record) =>
        guard('save conversation', async () => {
          const { id, ...doc } = record;
          // $setOnInsert: a retried write after a lost acknowledgement changes nothing.
          await conversations.updateOne({ _id: str(id, 'id') }, { $setOnInsert: { ...doc, userId: str(doc.userId, 'userId') } }, { upsert: true });
        }),
      get: (id) =>
        guard('get conversation', async () => {
          const doc = await conversations.findOne({ _id: str(id, 'id') });
          return doc ? toConversation(doc) : undefined;
        }),
      listByUser: (userId, opts = {}) =>
        guard('list conversations', async () => {
          const limit = Math.max(0, Math.min(opts.limit ?? 20, 100));
          if (limit === 0) return [];
          const docs = await conversations.find({ userId: str(userId, 'userId') }).sort({ createdAt: -1, _id: -1 }).limit(limit).toArray();
          return docs.map(toConversation);
        }),
    },
    users: {
      upsert: (user) =>
        guard('upsert user', async () => {
          const now = new Date();
          const set: Partial<UserDoc> = { platform: user.platform, updatedAt: now };
          if (user.displayName !== undefined) set.displayName = String(user.displayName);
          if (user.locale !== undefined) set.locale = user.locale;
          const doc = await users.findOneAndUpdate(
            { _id: str(user.id, 'id') },
            { $set: set, $setOnInsert: { createdAt: now } },
            { upsert: true, returnDocument: 'after' },
          );
          if (!doc) throw new RiskXpertError('STORE_UNAVAILABLE', 'MongoDB returned no user after upsert.');
          return toUser(doc);
        }),
      get: (id) =>
        guard('get user', async () => {
          const doc = await users.findOne({ _id: str(id, 'id') });
          return doc ? toUser(doc) : undefined;
        }),
    },
    init: () =>
      guard('create indexes', async () => {
        await conversations.createIndex({ userId: 1, createdAt: -1 }, { name: 'user_history' });
        await users.createIndex({ platform: 1 }, { name: 'by_platform' });
      }),
    async ping() {
      try {
        await db.command({ ping: 1 });
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await client.close().catch(() => undefined);
    },
  };
}

