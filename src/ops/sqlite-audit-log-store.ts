import type { SqliteDatabase } from '../store/sqlite-database.js';
import type { AuditEntry, AuditLogStore, AuditType, StoredAuditEntry } from './audit-log-store.js';

interface Row {
  id: number;
  at: number;
  type: AuditType;
  actor_id: string | null;
  target_id: string | null;
  ip: string | null;
  user_agent: string | null;
  details: string | null;
}

const toEntry = (r: Row): StoredAuditEntry => ({
  id: String(r.id),
  at: new Date(r.at),
  type: r.type,
  ...(r.actor_id === null ? {} : { actorId: r.actor_id }),
  ...(r.target_id === null ? {} : { targetId: r.target_id }),
  ...(r.ip === null ? {} : { ip: r.ip }),
  ...(r.user_agent === null ? {} : { userAgent: r.user_agent }),
  ...(r.details === null ? {} : { details: JSON.parse(r.details) as AuditEntry['details'] }),
});

/** The audit log in the embedded database: INSERT only, plus the retention purge on the `at` index. */
export function createSqliteAuditLogStore(database: SqliteDatabase): AuditLogStore {
  const { db } = database;
  const insert = db.prepare(
    'INSERT INTO audit_log (at, type, actor_id, target_id, ip, user_agent, details) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const purge = db.prepare('DELETE FROM audit_log WHERE at < ?');
  return {
    kind: 'sqlite',
    async append(e) {
      await database.write('append audit entry', () =>
        insert.run(
          e.at.getTime(),
          e.type,
          e.actorId ?? null,
          e.targetId ?? null,
          e.ip ?? null,
          e.userAgent ?? null,
          e.details ? JSON.stringify(e.details) : null,
        ),
      );
    },
    async search(q) {
      const where: string[] = [];
      const params: (string | number)[] = [];
      const add = (sql: string, ...values: (string | number)[]) => {
        where.push(sql);
        params.push(...values);
      };
      if (q.type) add('type = ?', q.type);
      if (q.userId) add('(actor_id = ? OR target_id = ?)', q.userId, q.userId);
      if (q.since) add('at >= ?', q.since.getTime());
      if (q.until) add('at <= ?', q.until.getTime());
      // Only fixed fragments are concatenated; every value is a bound parameter.
      const sql = `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY at DESC, id DESC LIMIT ?`;
      const rows = await database.read('search audit log', () => db.prepare(sql).all(...params, q.limit) as Row[]);
      return rows.map(toEntry);
    },
    async purgeBefore(before) {
      return database.write('purge audit log', () => purge.run(before.getTime()).changes);
    },
    async init() {},
    async close() {},
  };
}
