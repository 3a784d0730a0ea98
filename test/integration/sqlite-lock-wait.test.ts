import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteDatabase } from '../../src/store/sqlite-database.js';
import { createSqliteStore } from '../../src/store/sqlite-store.js';
import { conversation } from '../contract/store.contract.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe("a write that meets another process's lock", () => {
  it('waits without blocking the event loop, then commits once the lock is released', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rx-lockwait-'));
    dirs.push(dir);
    const file = join(dir, 'riskxpert.db');
    const db = openSqliteDatabase(file);
    const other = new Database(file);
    try {
      // Another process in the middle of a long write transaction (the worker committing a large load).
      other.exec('BEGIN IMMEDIATE');
      const store = createSqliteStore(db);
      const c = conversation({ userId: 'telegram:lockwait' });
      let ticks = 0;
      const ticker = setInterval(() => (ticks += 1), 10);
      let released = false;
      const release = new Promise<void>((resolve) =>
        setTimeout(() => {
          other.exec('COMMIT');
          released = true;
          resolve();
        }, 300),
      );
      const saved = store.conversations.save(c).then(() => released);
      // The save resolved only after the release, and timers kept firing while it waited.
      expect(await saved).toBe(true);
      await release;
      clearInterval(ticker);
      expect(ticks).toBeGreaterThanOrEqual(10);
      expect(await store.conversations.get(c.id)).toEqual(c);
    } finally {
      other.close();
      db.close();
    }
  });

  it('gives up with STORE_LOCKED after the busy timeout when the lock is never released', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rx-lockwait-'));
    dirs.push(dir);
    const file = join(dir, 'riskxpert.db');
    const db = openSqliteDatabase(file, { busyTimeoutMs: 250 });
    const other = new Database(file);
    try {
      other.exec('BEGIN IMMEDIATE');
      const t0 = Date.now();
      await expect(
        createSqliteStore(db).conversations.save(conversation({ userId: 'telegram:locked' })),
      ).rejects.toMatchObject({ code: 'STORE_LOCKED', retryable: true });
      expect(Date.now() - t0).toBeGreaterThanOrEqual(240);
      other.exec('ROLLBACK');
    } finally {
      other.close();
      db.close();
    }
  });
});
