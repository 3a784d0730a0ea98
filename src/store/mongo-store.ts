import { MongoBulkWriteError, MongoServerError, type Collection, type Db } from 'mongodb';
import { guardMongo, pingMongo, storeClient, type MongoStoreConnection } from './mongo-client.js';
import { RiskXpertError } from '../errors.js';
import type { ConversationRecord, Store, UserRecord } from './store.js';
import {
  historyLimit,
  optionalLocale,
  optionalText,
  requireConversation,
  requireId,
  requirePlatform,
} from './store-input.js';

type ConversationDoc = Omit<ConversationRecord, 'id'> & { _id: string };
type UserDoc = Omit<UserRecord, 'id'> & { _id: string };

/** Connection (a shared client, or a URL and its timeouts: see mongo-client.ts) plus the read time limit. */
export interface MongoStoreOptions extends MongoStoreConnection {
  /** Server-side time limit for reads (default 5 s). */
  maxTimeMs?: number;
}

const DUPLICATE_KEY = 11000;
const isDuplicateKey = (err: unknown) => err instanceof MongoServerError && err.code === DUPLICATE_KEY;
/** A bulk write whose only failures are upserts that lost a race to the same new id: every record is there. */
const onlyDuplicateKeys = (err: unknown) =>
  err instanceof MongoBulkWriteError && [err.writeErrors].flat().every((e) => e.code === DUPLICATE_KEY);

const toConversation = ({ _id, ...rest }: ConversationDoc): ConversationRecord => ({ id: _id, ...rest });
const toUser = ({ _id, ...rest }: UserDoc): UserRecord => ({ id: _id, ...rest });

/**
 * MongoDB store with the official driver.
 * - `conversations`: `_id` is the record id (unique by construction), plus { userId: 1, createdAt: -1, _id: -1 }
 *   so a history page is one index scan already in order (the `_id` tail breaks ties without an in-memory sort).
 * - `users`: `_id` is the platform-prefixed user id; no other query, so no other index.
 * Ids reach filters only after `requireId` (a plain string), so no `$` operator can come from user input.
 * Short timeouts make a dead Mongo fail fast with STORE_UNAVAILABLE (the retrying writer absorbs it) instead of
 * holding a request for the driver's defaults.
 */
export function createMongoStore(options: MongoStoreOptions): Store {
  const { client, close: closeClient } = storeClient(options);
  const maxTimeMS = options.maxTimeMs ?? 5_000;
  const db: Db = client.db(options.dbName);
  const conversations: Collection<ConversationDoc> = db.collection('conversations');
  const users: Collection<UserDoc> = db.collection('users');
  return {
    kind: 'mongo',
    conversations: mongoConversations(conversations, maxTimeMS),
    users: mongoUsers(users, maxTimeMS),
    init: () =>
      guardMongo('create indexes', async () => {
        // Idempotent: creating an index that exists with the same name and keys is a no-op.
        await conversations.createIndexes([
          { key: { userId: 1, createdAt: -1, _id: -1 }, name: 'userId_createdAt_id' },
        ]);
        await db.command({ ping: 1 });
      }),
    ping: () => pingMongo(db),
    close: closeClient,
  };
}

function mongoConversations(conversations: Collection<ConversationDoc>, maxTimeMS: number): Store['conversations'] {
  return {
    save: (record) =>
      guardMongo('save conversation', async () => {
        const { id, ...doc } = requireConversation(record);
        try {
          // $setOnInsert: a retried write after a lost acknowledgement changes nothing.
          await conversations.updateOne({ _id: id }, { $setOnInsert: doc }, { upsert: true });
        } catch (err) {
          // Two upserts of one new id can race; the loser's "duplicate key" means the record is there: done.
          if (!isDuplicateKey(err)) throw err;
        }
      }),
    saveMany: (records) =>
      guardMongo('save conversations', async () => {
        // Checked before the write, so a bad record writes nothing; the same $setOnInsert upserts as save, so a
        // batch retried after a partial write changes nothing that is there.
        const docs = records.map((r) => requireConversation(r));
        if (docs.length === 0) return;
        try {
          await conversations.bulkWrite(
            docs.map(({ id, ...doc }) => ({
              updateOne: { filter: { _id: id }, update: { $setOnInsert: doc }, upsert: true },
            })),
            { ordered: false },
          );
        } catch (err) {
          if (!onlyDuplicateKeys(err)) throw err;
        }
      }),
    get: (id) =>
      guardMongo('get conversation', async () => {
        const doc = await conversations.findOne({ _id: requireId(id, 'id') }, { maxTimeMS });
        return doc ? toConversation(doc) : undefined;
      }),
    listByUser: (userId, opts = {}) =>
      guardMongo('list conversations', async () => {
        const filter = { userId: requireId(userId, 'userId') };
        const limit = historyLimit(opts.limit);
        if (limit === 0) return [];
        const docs = await conversations
          .find(filter, { maxTimeMS })
          .sort({ createdAt: -1, _id: -1 })
          .limit(limit)
          .toArray();
        return docs.map(toConversation);
      }),
    deleteByUser: (userId) =>
      guardMongo('delete conversations', async () => {
        return (await conversations.deleteMany({ userId: requireId(userId, 'userId') })).deletedCount;
      }),
  };
}

function mongoUsers(users: Collection<UserDoc>, maxTimeMS: number): Store['users'] {
  async function upsertUser(id: string, set: Partial<UserDoc>, now: Date): Promise<UserDoc | null> {
    return users.findOneAndUpdate(
      { _id: id },
      { $set: set, $setOnInsert: { createdAt: now } },
      { upsert: true, returnDocument: 'after' },
    );
  }

  return {
    upsert: (user) =>
      guardMongo('upsert user', async () => {
        const id = requireId(user.id, 'id');
        const set: Partial<UserDoc> = { platform: requirePlatform(user.platform) };
        const displayName = optionalText(user.displayName, 'displayName');
        const locale = optionalLocale(user.locale);
        if (displayName !== undefined) set.displayName = displayName;
        if (locale !== undefined) set.locale = locale;
        const now = new Date();
        set.updatedAt = now;
        let doc: UserDoc | null;
        try {
          doc = await upsertUser(id, set, now);
        } catch (err) {
          // A concurrent first upsert won the insert; ours now updates the document it created.
          if (!isDuplicateKey(err)) throw err;
          doc = await upsertUser(id, set, now);
        }
        if (!doc) throw new RiskXpertError('STORE_UNAVAILABLE', 'MongoDB returned no user after upsert.');
        return toUser(doc);
      }),
    get: (id) =>
      guardMongo('get user', async () => {
        const doc = await users.findOne({ _id: requireId(id, 'id') }, { maxTimeMS });
        return doc ? toUser(doc) : undefined;
      }),
  };
}
