import { RiskXpertError } from '../errors.js';
import type { SqliteDatabase } from './sqlite-database.js';
import {
  checkSubscriptionId,
  checkUserId,
  parseNewSubscription,
  quietHoursSchema,
  subscriptionId,
  type QuietHours,
  type Subscription,
  type SubscriptionStore,
} from './subscription-store.js';

interface Row {
  id: string;
  active: number;
  deactivated_reason: string | null;
  quiet_hours: string | null;
  created_at: number;
  doc: string;
}

type Settings = Omit<Subscription, 'id' | 'active' | 'createdAt' | 'deactivatedReason' | 'quietHours'>;

function fromRow(r: Row): Subscription {
  return {
    ...(JSON.parse(r.doc) as Settings),
    id: r.id,
    active: r.active === 1,
    createdAt: new Date(r.created_at),
    ...(r.deactivated_reason === null ? {} : { deactivatedReason: r.deactivated_reason }),
    ...(r.quiet_hours === null ? {} : { quietHours: JSON.parse(r.quiet_hours) as QuietHours }),
  };
}

function prepareStatements(db: SqliteDatabase['db']) {
  const upsert = db.prepare(
    `INSERT INTO subscriptions (id, user_id, indicator_id, active, deactivated_reason, quiet_hours, created_at, doc)
     VALUES (@id, @userId, @indicatorId, 1, NULL, @quietHours, @createdAt, @doc)
     ON CONFLICT (id) DO UPDATE SET active = 1, deactivated_reason = NULL, quiet_hours = excluded.quiet_hours, doc = excluded.doc
     RETURNING *`,
  );
  const getOne = db.prepare('SELECT * FROM subscriptions WHERE id = ?');
  const byUser = db.prepare('SELECT * FROM subscriptions WHERE user_id = ? ORDER BY created_at, id');
  const activeByIndicator = db.prepare('SELECT * FROM subscriptions WHERE indicator_id = ? AND active = 1 ORDER BY id');
  const removeOne = db.prepare('DELETE FROM subscriptions WHERE id = ? AND user_id = ?');
  const deactivate = db.prepare(
    'UPDATE subscriptions SET active = 0, deactivated_reason = ? WHERE user_id = ? AND active = 1',
  );
  const quiet = db.prepare('UPDATE subscriptions SET quiet_hours = ? WHERE user_id = ?');
  return { upsert, getOne, byUser, activeByIndicator, removeOne, deactivate, quiet };
}

/**
 * Subscriptions in the embedded database, shared by `serve` (which takes /subscribe) and `riskxpert worker` (which
 * evaluates them). The fields updated in place (active, reason, quiet hours) are columns; the rest is the validated
 * settings as JSON. Indexes: (indicator_id, active, id) for the evaluation scan, (user_id, created_at, id) for a user.
 */
export function createSqliteSubscriptionStore(
  database: SqliteDatabase,
  options: { now?: () => Date; ownsDatabase?: boolean } = {},
): SubscriptionStore {
  const { db } = database;
  const now = options.now ?? (() => new Date());
  const { upsert, getOne, byUser, activeByIndicator, removeOne, deactivate, quiet } = prepareStatements(db);

  return {
    async init() {},
    async add(input) {
      const s = parseNewSubscription(input);
      const id = subscriptionId(s);
      const { quietHours, ...settings } = s;
      const row = await database.write(
        'add subscription',
        () =>
          upsert.get({
            id,
            userId: s.userId,
            indicatorId: s.indicatorId,
            quietHours: quietHours ? JSON.stringify(quietHours) : null,
            createdAt: now().getTime(),
            doc: JSON.stringify(settings),
          }) as Row,
      );
      return fromRow(row);
    },
    async get(id) {
      checkSubscriptionId(id);
      const row = await database.read('get subscription', () => getOne.get(id) as Row | undefined);
      return row ? fromRow(row) : undefined;
    },
    async getMany(ids) {
      const checked = ids.map(checkSubscriptionId);
      const rows = await database.read('get subscriptions', () =>
        checked.map((id) => getOne.get(id) as Row | undefined),
      );
      return new Map(rows.filter((r): r is Row => r !== undefined).map((r) => [r.id, fromRow(r)]));
    },
    async listByUser(userId) {
      checkUserId(userId);
      return (await database.read('list subscriptions', () => byUser.all(userId) as Row[])).map(fromRow);
    },
    async listActiveByIndicator(indicatorId) {
      if (typeof indicatorId !== 'string' || !/^[a-z0-9_:]{1,40}$/u.test(indicatorId))
        throw new RiskXpertError('BAD_REQUEST', 'indicatorId must be a catalog id.');
      return (await database.read('list subscriptions', () => activeByIndicator.all(indicatorId) as Row[])).map(
        fromRow,
      );
    },
    async remove(userId, id) {
      checkSubscriptionId(id);
      checkUserId(userId);
      return (await database.write('remove subscription', () => removeOne.run(id, userId))).changes === 1;
    },
    async deactivateUser(userId, reason) {
      checkUserId(userId);
      return (
        await database.write('deactivate subscriptions', () => deactivate.run(String(reason).slice(0, 200), userId))
      ).changes;
    },
    async setQuietHours(userId, quietHours) {
      checkUserId(userId);
      const q = quietHours ? JSON.stringify(quietHoursSchema.parse(quietHours)) : null;
      return (await database.write('set quiet hours', () => quiet.run(q, userId))).changes;
    },
    async close() {
      if (options.ownsDatabase) database.close();
    },
  };
}
