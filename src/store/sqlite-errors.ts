import { RiskXpertError } from '../errors.js';

/** better-sqlite3 throws SqliteError with the extended result code as a string (SQLITE_BUSY_SNAPSHOT, ...). */
export function sqliteCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}

/** A lock held by another connection: the write may succeed if tried again shortly. */
export function isSqliteBusy(err: unknown): boolean {
  const code = sqliteCode(err);
  return code !== undefined && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/**
 * Maps a SQLite failure onto the one error type, with a code an operator can act on: a corrupt file, a lock held
 * too long, a full disk, a read-only or missing file. Anything else is STORE_UNAVAILABLE. The path is named (it is
 * ours, not a secret) so the message says which file to look at.
 */
export function toSqliteError(err: unknown, what: string, file: string): RiskXpertError {
  if (err instanceof RiskXpertError) return err;
  const code = sqliteCode(err) ?? '';
  const message = (err as Error | undefined)?.message ?? String(err);
  const details = { sqliteCode: code, file };
  if (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB')) {
    return new RiskXpertError(
      'STORE_CORRUPT',
      `The database ${file} is damaged or is not a SQLite file (${what}: ${message}). Restore a backup with \`riskxpert restore FILE\`, or move the file away to start empty.`,
      { cause: err, details },
    );
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new RiskXpertError(
      'STORE_LOCKED',
      `The database ${file} stayed locked by another process (${what}: ${message}).`,
      { cause: err, details },
    );
  }
  if (code.startsWith('SQLITE_FULL')) {
    return new RiskXpertError(
      'STORE_FULL',
      `The disk holding ${file} is full (${what}); free some space. Nothing was written.`,
      { cause: err, details },
    );
  }
  if (
    code.startsWith('SQLITE_READONLY') ||
    code.startsWith('SQLITE_CANTOPEN') ||
    code.startsWith('SQLITE_PERM') ||
    code.startsWith('SQLITE_IOERR')
  ) {
    return new RiskXpertError(
      'STORE_UNAVAILABLE',
      `Cannot ${what} in ${file}: ${message}. Check the file and folder permissions and RISKXPERT_HOME.`,
      { cause: err, details, retryable: false },
    );
  }
  return new RiskXpertError('STORE_UNAVAILABLE', `SQLite ${what} failed on ${file}: ${message}`, {
    cause: err,
    details,
  });
}
