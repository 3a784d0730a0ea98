import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import { openSqliteHandle } from '../app/clients/sqlite.js';
import { RiskXpertError } from '../errors.js';
import { registerHolder } from './sqlite-holders.js';
import { isSqliteBusy, toSqliteError } from './sqlite-errors.js';
import { RISKXPERT_APPLICATION_ID, SQLITE_MIGRATIONS, SQLITE_SCHEMA_VERSION } from './sqlite-migrations.js';

export type SqliteDb = Database.Database;

export interface SqliteDatabase {
  readonly file: string;
  readonly db: SqliteDb;
  /** Runs `fn` in one BEGIN IMMEDIATE transaction (the write lock taken up front, so it never fails half-way on a lock). */
  write<T>(what: string, fn: (db: SqliteDb) => T): Promise<T>;
  /** Runs a read; a lock or a damaged page becomes a RiskXpertError naming the file. */
  read<T>(what: string, fn: (db: SqliteDb) => T): Promise<T>;
  ping(): boolean;
  close(): void;
}

export interface OpenSqliteOptions {
  /** How long opening the file, and then each write, waits for another process's lock before STORE_LOCKED (default 5 s). */
  busyTimeoutMs?: number;
  /** PRAGMA quick_check at start, so a damaged file is refused before anything is read from it (default true). */
  checkIntegrity?: boolean;
  /** Marks this process as a holder of the file, so `riskxpert restore` refuses to replace it (default true). */
  registerHolder?: boolean;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
// SQLite's own (blocking) wait for a lock after the database is open: short, the rest is waited for asynchronously.
const SPIN_MS = 20;

/**
 * Checks what the file is before touching it: an empty or new file becomes ours; a RiskXpert database at the
 * code's schema or older is migrated; a newer schema or another application's database is refused, never rewritten.
 */
function migrate(db: SqliteDb, file: string): void {
  const appId = db.pragma('application_id', { simple: true }) as number;
  const version = db.pragma('user_version', { simple: true }) as number;
  const tables = (db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number }).n;
  if (appId !== RISKXPERT_APPLICATION_ID && (tables > 0 || version > 0)) {
    throw new RiskXpertError(
      'STORE_CORRUPT',
      `${file} is a SQLite database of another application, not a RiskXpert database; refusing to change it.`,
      { details: { file } },
    );
  }
  if (version > SQLITE_SCHEMA_VERSION) {
    throw new RiskXpertError(
      'STORE_SCHEMA_NEWER',
      `${file} has schema version ${version}, newer than this RiskXpert understands (${SQLITE_SCHEMA_VERSION}). Upgrade riskxpert, or point RISKXPERT_HOME at another folder; the file was left unchanged.`,
      { details: { file, version, supported: SQLITE_SCHEMA_VERSION } },
    );
  }
  if (version === SQLITE_SCHEMA_VERSION) return;
  db.transaction(() => {
    // Read again under the write lock: another process may have migrated while this one waited.
    const current = db.pragma('user_version', { simple: true }) as number;
    for (let v = current; v < SQLITE_SCHEMA_VERSION; v += 1) db.exec(SQLITE_MIGRATIONS[v]!);
    db.pragma(`user_version = ${SQLITE_SCHEMA_VERSION}`);
    db.pragma(`application_id = ${RISKXPERT_APPLICATION_ID}`);
  }).immediate();
}

/**
 * Opens (creating if needed) the embedded database: WAL so readers never wait for the writer and several processes
 * (serve, worker, a one-shot etl run) share the file, a busy timeout so a short write of another process is waited
 * for instead of failing, then the schema migrations. Every failure is a RiskXpertError with a code; nothing falls
 * back to memory.
 */
export function openSqliteDatabase(file: string, options: OpenSqliteOptions = {}): SqliteDatabase {
  const busyTimeoutMs = options.busyTimeoutMs ?? 5_000;
  let db: SqliteDb;
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    db = openSqliteHandle(file, { timeout: busyTimeoutMs });
  } catch (err) {
    throw toSqliteError(err, 'open the database', file);
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    if (options.checkIntegrity ?? true) {
      const rows = db.pragma('quick_check(5)') as { quick_check: string }[];
      if (rows[0]?.quick_check !== 'ok') {
        throw new RiskXpertError(
          'STORE_CORRUPT',
          `The database ${file} failed its integrity check (${rows.map((r) => r.quick_check).join('; ')}). Restore a backup with \`riskxpert restore FILE\`.`,
          { details: { file } },
        );
      }
    }
    migrate(db, file);
    // From here a lock is waited for off the event loop (write() below): SQLite's own busy wait sleeps in the
    // calling thread, and serve must keep answering while the worker commits a long load.
    db.pragma(`busy_timeout = ${SPIN_MS}`);
  } catch (err) {
    db.close();
    throw toSqliteError(err, 'open the database', file);
  }
  const holder = options.registerHolder === false ? undefined : registerHolder(file);

  /** Retries `op` while another connection holds the lock, sleeping between tries, until busyTimeoutMs is spent. */
  async function whileBusy<T>(what: string, op: () => T): Promise<T> {
    const deadline = Date.now() + busyTimeoutMs;
    for (let attempt = 0; ; attempt += 1) {
      try {
        return op();
      } catch (err) {
        if (isSqliteBusy(err) && Date.now() < deadline) {
          await sleep(
            Math.min(5 * 2 ** Math.min(attempt, 6), Math.max(1, deadline - Date.now())) * (0.5 + Math.random() / 2),
          );
          continue;
        }
        throw toSqliteError(err, what, file);
      }
    }
  }

  return {
    file,
    db,
    write(what, fn) {
      const tx = db.transaction(fn);
      // BEGIN IMMEDIATE takes the write lock before any statement runs, so a busy lock fails the whole attempt
      // cleanly (nothing half-done) and the retry starts over.
      return whileBusy(what, () => tx.immediate(db));
    },
    read(what, fn) {
      return whileBusy(what, () => fn(db));
    },
    ping() {
      try {
        return db.open && db.prepare('SELECT 1 AS ok').get() !== undefined;
      } catch {
        return false;
      }
    },
    close() {
      if (db.open) db.close();
      holder?.release();
    },
  };
}
