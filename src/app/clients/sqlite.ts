import Database from 'better-sqlite3';

export type SqliteHandle = Database.Database;

/** Every handle on the embedded database file is opened here (the store, backups, restores, lock probes). */
export function openSqliteHandle(file: string, options: Database.Options): SqliteHandle {
  return new Database(file, options);
}
