import type { SqliteDatabase } from '../store/sqlite-database.js';
import { requireId } from '../store/store-input.js';
import type { MfaRecord, OperatorStore, SessionRecord } from './operator-store.js';
import { requireRole, type Role } from './roles.js';

interface MfaRow {
  user_id: string;
  secret: string;
  recovery: string;
  enabled_at: number | null;
  last_step: number;
}
interface SessionRow {
  session_id: string;
  user_id: string;
  created_at: number;
  ip: string | null;
  user_agent: string | null;
  mfa_at: number | null;
}

const toSession = (r: SessionRow): SessionRecord => ({
  sessionId: r.session_id,
  userId: r.user_id,
  createdAt: new Date(r.created_at),
  ...(r.ip === null ? {} : { ip: r.ip }),
  ...(r.user_agent === null ? {} : { userAgent: r.user_agent }),
  ...(r.mfa_at === null ? {} : { mfaAt: new Date(r.mfa_at) }),
});

/** Operator roles, TOTP enrollments and session metadata in the embedded database (tables of the operator migration). */
export function createSqliteOperatorStore(database: SqliteDatabase): OperatorStore {
  return {
    kind: 'sqlite',
    ...sqliteRoles(database),
    ...sqliteMfa(database),
    ...sqliteSessions(database),
    async init() {},
    async close() {},
  };
}

function sqliteRoles(database: SqliteDatabase): Pick<OperatorStore, 'getRole' | 'setRole' | 'listRoles'> {
  const { db } = database;
  const getRole = db.prepare('SELECT role FROM operator_roles WHERE user_id = ?').pluck();
  const upsertRole = db.prepare(
    'INSERT INTO operator_roles (user_id, role, updated_at) VALUES (?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET role = excluded.role, updated_at = excluded.updated_at',
  );
  const deleteRole = db.prepare('DELETE FROM operator_roles WHERE user_id = ?');
  const listRoles = db.prepare('SELECT user_id, role, updated_at FROM operator_roles ORDER BY user_id');
  return {
    async getRole(userId) {
      const id = requireId(userId, 'userId');
      return database.read('get role', () => (getRole.get(id) as Role | undefined) ?? 'user');
    },
    async setRole(userId, role, at) {
      const id = requireId(userId, 'userId');
      const r = requireRole(role);
      await database.write('set role', () => (r === 'user' ? deleteRole.run(id) : upsertRole.run(id, r, at.getTime())));
    },
    async listRoles() {
      const rows = await database.read(
        'list roles',
        () => listRoles.all() as { user_id: string; role: Role; updated_at: number }[],
      );
      return rows.map((r) => ({ userId: r.user_id, role: r.role, updatedAt: new Date(r.updated_at) }));
    },
  };
}

type MfaMethods = 'getMfa' | 'putMfa' | 'enableMfa' | 'claimStep' | 'deleteMfa' | 'takeRecoveryHash';

function sqliteMfa(database: SqliteDatabase): Pick<OperatorStore, MfaMethods> {
  const { db } = database;
  const getMfa = db.prepare('SELECT * FROM operator_mfa WHERE user_id = ?');
  const deleteMfa = db.prepare('DELETE FROM operator_mfa WHERE user_id = ?');
  const putMfa = db.prepare(
    'INSERT INTO operator_mfa (user_id, secret, recovery, enabled_at, last_step) VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET secret = excluded.secret, recovery = excluded.recovery, enabled_at = excluded.enabled_at, last_step = excluded.last_step',
  );
  const enable = db.prepare('UPDATE operator_mfa SET enabled_at = ? WHERE user_id = ?');
  // The WHERE makes the check and the set one statement: of two processes using one code, one changes the row.
  const claim = db.prepare('UPDATE operator_mfa SET last_step = ? WHERE user_id = ? AND last_step < ?');
  return {
    async getMfa(userId) {
      const id = requireId(userId, 'userId');
      const r = await database.read('get mfa', () => getMfa.get(id) as MfaRow | undefined);
      if (!r) return undefined;
      const rec: MfaRecord = {
        userId: r.user_id,
        secret: r.secret,
        recoveryHashes: JSON.parse(r.recovery) as string[],
        lastStep: r.last_step,
      };
      if (r.enabled_at !== null) rec.enabledAt = new Date(r.enabled_at);
      return rec;
    },
    async putMfa(rec) {
      const id = requireId(rec.userId, 'userId');
      await database.write('put mfa', () =>
        putMfa.run(id, rec.secret, JSON.stringify(rec.recoveryHashes), rec.enabledAt?.getTime() ?? null, rec.lastStep),
      );
    },
    async enableMfa(userId, at) {
      const id = requireId(userId, 'userId');
      await database.write('enable mfa', () => enable.run(at.getTime(), id));
    },
    async claimStep(userId, step) {
      const id = requireId(userId, 'userId');
      return database.write('claim totp step', () => claim.run(step, id, step).changes === 1);
    },
    async deleteMfa(userId) {
      const id = requireId(userId, 'userId');
      return database.write('delete mfa', () => deleteMfa.run(id).changes > 0);
    },
    async takeRecoveryHash(userId, hash) {
      const id = requireId(userId, 'userId');
      const h = requireId(hash, 'hash');
      // Read-modify-write inside one BEGIN IMMEDIATE transaction: no other writer between the read and the update.
      return database.write('take recovery code', () => {
        const r = getMfa.get(id) as MfaRow | undefined;
        const hashes = r ? (JSON.parse(r.recovery) as string[]) : [];
        const i = hashes.indexOf(h);
        if (!r || i < 0) return false;
        hashes.splice(i, 1);
        db.prepare('UPDATE operator_mfa SET recovery = ? WHERE user_id = ?').run(JSON.stringify(hashes), id);
        return true;
      });
    },
  };
}

function sqliteSessions(
  database: SqliteDatabase,
): Pick<OperatorStore, 'putSession' | 'getSession' | 'listSessions' | 'markSessionMfa'> {
  const { db } = database;
  const putSession = db.prepare(
    'INSERT OR REPLACE INTO operator_sessions (session_id, user_id, created_at, ip, user_agent, mfa_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const getSession = db.prepare('SELECT * FROM operator_sessions WHERE session_id = ?');
  const listSessions = db.prepare(
    'SELECT * FROM operator_sessions WHERE user_id = ? ORDER BY created_at DESC LIMIT 200',
  );
  const markMfa = db.prepare('UPDATE operator_sessions SET mfa_at = ? WHERE session_id = ?');
  return {
    async putSession(s) {
      const id = requireId(s.sessionId, 'sessionId');
      const userId = requireId(s.userId, 'userId');
      await database.write('put session', () =>
        putSession.run(
          id,
          userId,
          s.createdAt.getTime(),
          s.ip ?? null,
          s.userAgent ?? null,
          s.mfaAt?.getTime() ?? null,
        ),
      );
    },
    async getSession(sessionId) {
      const id = requireId(sessionId, 'sessionId');
      const r = await database.read('get session', () => getSession.get(id) as SessionRow | undefined);
      return r ? toSession(r) : undefined;
    },
    async listSessions(userId) {
      const id = requireId(userId, 'userId');
      return (await database.read('list sessions', () => listSessions.all(id) as SessionRow[])).map(toSession);
    },
    async markSessionMfa(sessionId, at) {
      const id = requireId(sessionId, 'sessionId');
      await database.write('mark session mfa', () => markMfa.run(at.getTime(), id));
    },
  };
}
