import type { SqliteDatabase } from './sqlite-database.js';
import type { ConversationRecord, Store, UserRecord } from './store.js';
import {
  historyLimit,
  optionalLocale,
  optionalText,
  requireConversation,
  requireId,
  requirePlatform,
} from './store-input.js';

interface ConversationRow {
  id: string;
  created_at: number;
  doc: string;
}

interface UserRow {
  id: string;
  platform: UserRecord['platform'];
  display_name: string | null;
  locale: UserRecord['locale'] | null;
  created_at: number;
  updated_at: number;
}

const toConversation = (r: ConversationRow): ConversationRecord => ({
  ...(JSON.parse(r.doc) as Omit<ConversationRecord, 'id' | 'createdAt'>),
  id: r.id,
  createdAt: new Date(r.created_at),
});

const toUser = (r: UserRow): UserRecord => ({
  id: r.id,
  platform: r.platform,
  ...(r.display_name === null ? {} : { displayName: r.display_name }),
  ...(r.locale === null ? {} : { locale: r.locale }),
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

/**
 * Conversations and users in the embedded database. A conversation is its JSON (undefined fields dropped, as
 * MongoDB's ignoreUndefined does) beside the columns the history query sorts on; the index
 * (user_id, created_at DESC, id DESC) makes a history page one scan in order. Ids are checked to be plain strings
 * and only ever bound as parameters.
 */
export function createSqliteStore(database: SqliteDatabase, options: { ownsDatabase?: boolean } = {}): Store {
  return {
    kind: 'sqlite',
    conversations: sqliteConversations(database),
    users: sqliteUsers(database),
    // The schema is migrated when the database opens; nothing is left to create here.
    async init() {},
    async ping() {
      return database.ping();
    },
    async close() {
      if (options.ownsDatabase) database.close();
    },
  };
}

function sqliteConversations(database: SqliteDatabase): Store['conversations'] {
  const { db } = database;
  const insertConversation = db.prepare(
    'INSERT INTO conversations (id, user_id, created_at, doc) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
  );
  const getConversation = db.prepare('SELECT id, created_at, doc FROM conversations WHERE id = ?');
  const deleteConversations = db.prepare('DELETE FROM conversations WHERE user_id = ?');
  const listConversations = db.prepare(
    'SELECT id, created_at, doc FROM conversations WHERE user_id = ? ORDER BY created_at DESC, id DESC LIMIT ?',
  );
  return {
    async save(record) {
      const { id, createdAt, ...doc } = requireConversation(record);
      await database.write('save conversation', () =>
        insertConversation.run(id, record.userId, createdAt.getTime(), JSON.stringify(doc)),
      );
    },
    async saveMany(records) {
      // Every record is checked before the transaction starts, so a bad one writes nothing.
      const rows = records.map((record) => {
        const { id, createdAt, ...doc } = requireConversation(record);
        return [id, record.userId, createdAt.getTime(), JSON.stringify(doc)] as const;
      });
      await database.write('save conversations', () => {
        for (const row of rows) insertConversation.run(...row);
      });
    },
    async get(id) {
      requireId(id, 'id');
      const row = await database.read('get conversation', () => getConversation.get(id) as ConversationRow | undefined);
      return row ? toConversation(row) : undefined;
    },
    async listByUser(userId, opts = {}) {
      requireId(userId, 'userId');
      const limit = historyLimit(opts.limit);
      if (limit === 0) return [];
      const rows = await database.read(
        'list conversations',
        () => listConversations.all(userId, limit) as ConversationRow[],
      );
      return rows.map(toConversation);
    },
    async deleteByUser(userId) {
      requireId(userId, 'userId');
      return (await database.write('delete conversations', () => deleteConversations.run(userId))).changes;
    },
  };
}

function sqliteUsers(database: SqliteDatabase): Store['users'] {
  const { db } = database;
  // A field left undefined keeps its stored value (COALESCE), as $set without it does in MongoDB.
  const upsertUser = db.prepare(
    `INSERT INTO users (id, platform, display_name, locale, created_at, updated_at) VALUES (@id, @platform, @displayName, @locale, @now, @now)
     ON CONFLICT (id) DO UPDATE SET platform = excluded.platform, display_name = COALESCE(excluded.display_name, display_name),
       locale = COALESCE(excluded.locale, locale), updated_at = excluded.updated_at
     RETURNING *`,
  );
  const getUser = db.prepare('SELECT * FROM users WHERE id = ?');
  return {
    async upsert(user) {
      const id = requireId(user.id, 'id');
      const platform = requirePlatform(user.platform);
      const displayName = optionalText(user.displayName, 'displayName') ?? null;
      const locale = optionalLocale(user.locale) ?? null;
      const row = await database.write(
        'upsert user',
        () => upsertUser.get({ id, platform, displayName, locale, now: Date.now() }) as UserRow,
      );
      return toUser(row);
    },
    async get(id) {
      requireId(id, 'id');
      const row = await database.read('get user', () => getUser.get(id) as UserRow | undefined);
      return row ? toUser(row) : undefined;
    },
  };
}
