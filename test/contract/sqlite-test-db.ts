import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteDatabase, type SqliteDatabase } from '../../src/store/sqlite-database.js';

/** A real database file in a temp folder (WAL, as in production), and its removal. Shared by the SQLite suites. */
export function sqliteTestDb(name: string): { dir: string; file: string; open(): SqliteDatabase; drop(): void } {
  const dir = mkdtempSync(join(tmpdir(), `rx-${name}-`));
  const file = join(dir, 'riskxpert.db');
  const opened: SqliteDatabase[] = [];
  return {
    dir,
    file,
    open() {
      const db = openSqliteDatabase(file);
      opened.push(db);
      return db;
    },
    drop() {
      for (const db of opened) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The plan SQLite picks for a query, as one string: tests check that every query the stores make uses an index. */
export function queryPlan(db: SqliteDatabase, sql: string, ...params: unknown[]): string {
  return (db.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
    .map((r) => r.detail)
    .join(' | ');
}
