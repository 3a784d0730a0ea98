import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { backupDatabase, restoreDatabase } from '../../src/store/sqlite-backup.js';
import { openSqliteDatabase } from '../../src/store/sqlite-database.js';
import { holdersDir, liveHolders } from '../../src/store/sqlite-holders.js';
import { SQLITE_SCHEMA_VERSION } from '../../src/store/sqlite-migrations.js';
import { createSqliteSubscriptionStore } from '../../src/store/sqlite-subscription-store.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});
async function folder(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'rx-restore-'));
  dirs.push(d);
  return d;
}

async function seeded(file: string, userId: string): Promise<void> {
  const db = openSqliteDatabase(file);
  try {
    await createSqliteSubscriptionStore(db).add({
      userId,
      platform: 'telegram',
      target: userId.slice(9),
      indicatorId: 'kospi',
      rule: { kind: 'move', period: 'day', thresholdPct: 5 },
    });
  } finally {
    db.close();
  }
}
const users = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT user_id FROM subscriptions ORDER BY 1').pluck().all();
  } finally {
    db.close();
  }
};

describe('restore refuses to overwrite a database in use, and loses nothing', () => {
  it('a connection that registered no pid (an sqlite3 shell, another tool) is found by the lock probe', async () => {
    const d = await folder();
    const live = join(d, 'riskxpert.db');
    const backup = join(d, 'backup.db');
    await seeded(live, 'telegram:1');
    await backupDatabase(live, backup);
    await seeded(live, 'telegram:2');
    const other = new Database(live);
    other.prepare('SELECT count(*) FROM subscriptions').get();
    try {
      await expect(restoreDatabase(backup, live)).rejects.toMatchObject({
        code: 'STORE_LOCKED',
        message: expect.stringContaining('is open in another process'),
      });
      expect(users(live)).toEqual(['telegram:1', 'telegram:2']);
    } finally {
      other.close();
    }
    // Closed: the restore goes through, and the database it replaced is kept whole beside it.
    const r = await restoreDatabase(backup, live, new Date(Date.UTC(2026, 11, 2, 3, 15)));
    expect(r.previous).toBe(`${live}.before-restore-2026-12-02T03-15-00-000Z`);
    expect(users(live)).toEqual(['telegram:1']);
    expect(users(r.previous!)).toEqual(['telegram:1', 'telegram:2']);
    expect(r.counts.subscriptions).toBe(1);
  });

  it('a pid file left by a process that died does not block; a live one does', async () => {
    const d = await folder();
    const live = join(d, 'riskxpert.db');
    await seeded(live, 'telegram:3');
    mkdirSync(holdersDir(live), { recursive: true });
    // PIDs above the kernel's pid_max are never alive.
    writeFileSync(join(holdersDir(live), '4194305'), '');
    expect(liveHolders(live)).toEqual([]);
    expect(readdirSync(holdersDir(live))).toEqual([]);
    // The parent of this test process is alive (and is not this process).
    writeFileSync(join(holdersDir(live), String(process.ppid)), '');
    expect(liveHolders(live)).toEqual([process.ppid]);
    const backup = join(d, 'b.db');
    await backupDatabase(live, backup);
    await expect(restoreDatabase(backup, live)).rejects.toMatchObject({
      code: 'STORE_LOCKED',
      message: expect.stringContaining(`process(es) ${process.ppid}`),
    });
  });

  it('refuses a file that is not a RiskXpert database, or one from a newer version, before touching anything', async () => {
    const d = await folder();
    const live = join(d, 'riskxpert.db');
    await seeded(live, 'telegram:4');
    const foreign = join(d, 'photos.db');
    const f = new Database(foreign);
    f.exec('CREATE TABLE photos (id INTEGER PRIMARY KEY)');
    f.close();
    await expect(restoreDatabase(foreign, live)).rejects.toMatchObject({
      code: 'STORE_CORRUPT',
      message: expect.stringContaining('not a RiskXpert database'),
    });
    const text = join(d, 'notes.txt');
    writeFileSync(text, 'hello '.repeat(2_000));
    await expect(restoreDatabase(text, live)).rejects.toMatchObject({ code: 'STORE_CORRUPT' });
    const newer = join(d, 'newer.db');
    await backupDatabase(live, newer);
    const n = new Database(newer);
    n.pragma(`user_version = ${SQLITE_SCHEMA_VERSION + 1}`);
    n.close();
    await expect(restoreDatabase(newer, live)).rejects.toMatchObject({ code: 'STORE_SCHEMA_NEWER' });
    await expect(restoreDatabase(join(d, 'missing.db'), live)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(users(live)).toEqual(['telegram:4']);
    expect(existsSync(`${live}.before-restore`)).toBe(false);
  });
});
