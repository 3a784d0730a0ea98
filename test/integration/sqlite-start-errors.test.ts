import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createSilentLogger } from '../../src/logger.js';
import { createRuntime } from '../../src/runtime.js';
import { openSqliteDatabase } from '../../src/store/sqlite-database.js';
import { toSqliteError } from '../../src/store/sqlite-errors.js';
import { createSqliteStore } from '../../src/store/sqlite-store.js';
import { conversation } from '../contract/store.contract.js';
import { SQLITE_SCHEMA_VERSION } from '../../src/store/sqlite-migrations.js';
import { runRiskxpert } from '../fakes/riskxpert-process.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});
async function home(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'rx-start-'));
  dirs.push(d);
  return d;
}

describe('a database that cannot be used stops the start with its reason, never a silent memory store', () => {
  it('a corrupt file: STORE_CORRUPT from the runtime and from `riskxpert status`, and the file is left as it was', async () => {
    const h = await home();
    const file = join(h, 'riskxpert.db');
    const garbage = Buffer.from('this is not a database, just 4 KB of noise '.repeat(100));
    await writeFile(file, garbage);
    await expect(
      createRuntime(loadConfig({ RISKXPERT_HOME: h, FORECASTER: 'drift' }), { logger: createSilentLogger() }),
    ).rejects.toMatchObject({ code: 'STORE_CORRUPT', message: expect.stringContaining(file) });
    const r = await runRiskxpert(['status'], { RISKXPERT_HOME: h });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/The database .*riskxpert\.db is damaged or is not a SQLite file .*riskxpert restore FILE/u);
    expect(r.out).toBe('');
    const { readFile } = await import('node:fs/promises');
    expect(Buffer.compare(await readFile(file), garbage)).toBe(0);
  }, 120_000);

  it('a damaged page inside a real database fails the integrity check at open', async () => {
    const h = await home();
    const file = join(h, 'riskxpert.db');
    const db = openSqliteDatabase(file);
    const insert = db.db.prepare('INSERT INTO series_points VALUES (?, ?, ?)');
    db.db.transaction(() => {
      for (let i = 0; i < 5_000; i += 1) insert.run('kospi', `d${String(i).padStart(6, '0')}`, i);
    })();
    db.db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    // Overwrite a page in the middle of the b-tree (page size 4096) with zeros.
    const { open } = await import('node:fs/promises');
    const fh = await open(file, 'r+');
    await fh.write(Buffer.alloc(4096, 0xab), 0, 4096, 4096 * 8);
    await fh.close();
    expect(() => openSqliteDatabase(file)).toThrow(expect.objectContaining({ code: 'STORE_CORRUPT' }));
  });

  it('a schema newer than the code: STORE_SCHEMA_NEWER, the file untouched', async () => {
    const h = await home();
    const file = join(h, 'riskxpert.db');
    openSqliteDatabase(file).close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${SQLITE_SCHEMA_VERSION + 1}`);
    raw.close();
    expect(() => openSqliteDatabase(file)).toThrow(
      expect.objectContaining({
        code: 'STORE_SCHEMA_NEWER',
        message: expect.stringMatching(
          new RegExp(
            `schema version ${SQLITE_SCHEMA_VERSION + 1}, newer than this RiskXpert understands \\(${SQLITE_SCHEMA_VERSION}\\)`,
            'u',
          ),
        ),
      }),
    );
    const r = await runRiskxpert(['status'], { RISKXPERT_HOME: h });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/newer than this RiskXpert understands/u);
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(SQLITE_SCHEMA_VERSION + 1);
    check.close();
  }, 120_000);

  it("another application's SQLite file is refused, not migrated", async () => {
    const h = await home();
    const file = join(h, 'riskxpert.db');
    const other = new Database(file);
    other.exec('CREATE TABLE photos (id INTEGER PRIMARY KEY, path TEXT)');
    other.close();
    expect(() => openSqliteDatabase(file)).toThrow(
      expect.objectContaining({ code: 'STORE_CORRUPT', message: expect.stringContaining('not a RiskXpert database') }),
    );
  });

  it('a database held locked by another process past the busy timeout: STORE_LOCKED at start', async () => {
    const h = await home();
    const file = join(h, 'riskxpert.db');
    // A new file, locked before RiskXpert ever migrated it (an admin's sqlite3 shell holding a write transaction).
    const holder = new Database(file);
    holder.exec('BEGIN EXCLUSIVE; CREATE TABLE scratch (x);');
    try {
      const t0 = Date.now();
      expect(() => openSqliteDatabase(file, { busyTimeoutMs: 300 })).toThrow(
        expect.objectContaining({
          code: 'STORE_LOCKED',
          retryable: true,
          message: expect.stringContaining('stayed locked by another process'),
        }),
      );
      expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    // Released: the same file opens and migrates.
    openSqliteDatabase(file).close();
  });

  it('a full disk: STORE_FULL (retryable: the conversation writer holds the record until space is freed), and what was stored stays whole', async () => {
    const h = await home();
    const db = openSqliteDatabase(join(h, 'riskxpert.db'));
    try {
      const store = createSqliteStore(db);
      const first = conversation({ userId: 'telegram:full' });
      await store.conversations.save(first);
      // SQLite answers SQLITE_FULL when the file may not grow: the same code a full disk gives.
      db.db.pragma(`max_page_count = ${db.db.pragma('page_count', { simple: true }) as number}`);
      const big = conversation({ userId: 'telegram:full', scenario: 'x'.repeat(200_000) });
      await expect(store.conversations.save(big)).rejects.toMatchObject({
        code: 'STORE_FULL',
        retryable: true,
        message: expect.stringContaining('is full'),
      });
      expect(await store.conversations.listByUser('telegram:full')).toEqual([first]);
    } finally {
      db.close();
    }
  });

  it('an unreadable file maps to STORE_UNAVAILABLE, not retried', () => {
    const ro = Object.assign(new Error('attempt to write a readonly database'), { code: 'SQLITE_READONLY' });
    expect(toSqliteError(ro, 'save conversation', '/x/riskxpert.db')).toMatchObject({
      code: 'STORE_UNAVAILABLE',
      retryable: false,
    });
  });
});
