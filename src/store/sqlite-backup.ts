import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import { openSqliteHandle } from '../app/clients/sqlite.js';
import { RiskXpertError } from '../errors.js';
import { liveHolders } from './sqlite-holders.js';
import { toSqliteError } from './sqlite-errors.js';
import { RISKXPERT_APPLICATION_ID, SQLITE_SCHEMA_VERSION } from './sqlite-migrations.js';

/** Rows per table: what a backup or a restore reports, and what a test compares. */
export type TableCounts = Record<string, number>;

const TABLES = [
  'conversations',
  'users',
  'series_points',
  'series_meta',
  'subscriptions',
  'accounts',
  'threat_events',
  'deliveries',
  'refresh_tokens',
] as const;

function counts(db: Database.Database): TableCounts {
  return Object.fromEntries(
    TABLES.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]),
  );
}

/**
 * Opens a file read-only and checks it is a whole RiskXpert database this code can use: a SQLite file, our
 * application id, a schema no newer than ours, and a clean integrity check. Returns its row counts.
 */
export function inspectDatabase(file: string): { schemaVersion: number; counts: TableCounts } {
  if (!existsSync(file)) throw new RiskXpertError('NOT_FOUND', `${file} does not exist.`);
  let db: Database.Database | undefined;
  try {
    db = openSqliteHandle(file, { readonly: true, fileMustExist: true });
    const appId = db.pragma('application_id', { simple: true }) as number;
    const version = db.pragma('user_version', { simple: true }) as number;
    if (appId !== RISKXPERT_APPLICATION_ID)
      throw new RiskXpertError('STORE_CORRUPT', `${file} is not a RiskXpert database (application id ${appId}).`, {
        details: { file },
      });
    if (version > SQLITE_SCHEMA_VERSION) {
      throw new RiskXpertError(
        'STORE_SCHEMA_NEWER',
        `${file} has schema version ${version}, newer than this RiskXpert understands (${SQLITE_SCHEMA_VERSION}); upgrade riskxpert first.`,
        { details: { file, version } },
      );
    }
    const check = db.pragma('quick_check(5)') as { quick_check: string }[];
    if (check[0]?.quick_check !== 'ok')
      throw new RiskXpertError(
        'STORE_CORRUPT',
        `${file} failed its integrity check: ${check.map((r) => r.quick_check).join('; ')}`,
        { details: { file } },
      );
    return { schemaVersion: version, counts: counts(db) };
  } catch (err) {
    throw toSqliteError(err, 'read the database', file);
  } finally {
    db?.close();
  }
}

/**
 * A consistent online copy with SQLite's backup API while serve and the worker keep writing: pages are copied in
 * steps between which the event loop runs, and a step that sees the source changed starts over, so the copy is one
 * moment's database. Written next to `dest` and renamed, so `dest` is never a half copy; then checked like a restore.
 */
export async function backupDatabase(source: string, dest: string): Promise<{ counts: TableCounts; pages: number }> {
  if (!existsSync(source))
    throw new RiskXpertError(
      'NOT_FOUND',
      `No database at ${source} yet: nothing to back up (is RISKXPERT_HOME right?).`,
    );
  const tmp = `${dest}.partial-${process.pid}`;
  let db: Database.Database | undefined;
  try {
    mkdirSync(dirname(dest), { recursive: true });
    db = openSqliteHandle(source, { readonly: true, fileMustExist: true, timeout: 5_000 });
    const r = await db.backup(tmp);
    renameSync(tmp, dest);
    return { counts: inspectDatabase(dest).counts, pages: r.totalPages };
  } catch (err) {
    rmSync(tmp, { force: true });
    throw toSqliteError(err, 'back up the database', source);
  } finally {
    db?.close();
  }
}

/**
 * Throws STORE_LOCKED when any process has the database open: the pids registered beside it, and a lock probe
 * for anything else (switching a WAL database out of WAL needs every other connection gone).
 */
export function assertNotInUse(file: string): void {
  const pids = liveHolders(file);
  if (pids.length > 0) {
    throw new RiskXpertError(
      'STORE_LOCKED',
      `${file} is in use by running RiskXpert process(es) ${pids.join(', ')}; stop them (serve, worker) before restoring.`,
      { details: { file, pids }, retryable: false },
    );
  }
  if (!existsSync(file)) return;
  let probe: Database.Database | undefined;
  try {
    probe = openSqliteHandle(file, { timeout: 0, fileMustExist: true });
    // Folds the WAL into the file as well, so the copy moved aside is whole on its own.
    probe.pragma('journal_mode = DELETE');
  } catch (err) {
    const e = toSqliteError(err, 'check that no process uses the database', file);
    if (e.code === 'STORE_LOCKED')
      throw new RiskXpertError('STORE_LOCKED', `${file} is open in another process; stop it before restoring.`, {
        details: { file },
        retryable: false,
      });
    throw e;
  } finally {
    probe?.close();
  }
}

/**
 * Replaces the database at `target` with the backup `source`: the backup is checked first, the target must be
 * unused, and the database it replaces is kept beside it (`<target>.before-restore-<time>`), so nothing is lost.
 */
export async function restoreDatabase(
  source: string,
  target: string,
  now = new Date(),
): Promise<{ counts: TableCounts; previous?: string }> {
  inspectDatabase(source);
  assertNotInUse(target);
  mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
  const tmp = `${target}.restoring-${process.pid}`;
  let previous: string | undefined;
  let src: Database.Database | undefined;
  try {
    src = openSqliteHandle(source, { readonly: true, fileMustExist: true });
    await src.backup(tmp);
    if (existsSync(target)) {
      previous = `${target}.before-restore-${now.toISOString().replace(/[:.]/gu, '-')}`;
      renameSync(target, previous);
    }
    for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
    renameSync(tmp, target);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw toSqliteError(err, 'restore the database', target);
  } finally {
    src?.close();
  }
  return { counts: inspectDatabase(target).counts, ...(previous ? { previous } : {}) };
}
