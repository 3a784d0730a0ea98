import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { loadConfig } from '../../src/config.js';
import { newsFeedStatusText } from '../../src/news/feed-status.js';
import { createSqliteNewsStore } from '../../src/news/sqlite-news-store.js';
import { openSqliteDatabase } from '../../src/store/sqlite-database.js';
import { registerEtlCommands } from '../../workers/etl-commands.js';

async function status(env: Record<string, string>) {
  let out = '';
  let err = '';
  const code = await main(
    ['status'],
    [registerEtlCommands],
    { LOG_LEVEL: 'silent', ...env },
    { out: (t) => (out += t), err: (t) => (err += t) },
  );
  return { code, out, err };
}

describe('riskxpert status: news feeds', () => {
  it('lists each feed with its last status, time, item count and error, from the SQLite news store', async () => {
    const env = { RISKXPERT_HOME: await mkdtemp(join(tmpdir(), 'rx-feed-status-')) };
    const before = await status(env);
    expect(before.code, before.err).toBe(0);
    expect(before.out).toContain('News feeds: none fetched yet');

    const db = openSqliteDatabase(loadConfig(env).store.sqlitePath);
    const store = createSqliteNewsStore(db);
    await store.putFeedState({
      url: 'https://www.yna.co.kr/rss/economy.xml',
      lastStatus: 'ok',
      lastFetchedAt: '2026-12-02T09:00:00.000Z',
      lastItemCount: 42,
      etag: '"abc"',
    });
    await store.putFeedState({
      url: 'https://bad.example/feed.xml',
      lastStatus: 'error',
      lastFetchedAt: '2026-12-02T09:01:00.000Z',
      lastError: 'The feed declares entities\n(refused: possible XML bomb or XXE)',
    });
    await store.putFeedState({
      url: 'https://www.mk.co.kr/rss/30100041/',
      lastStatus: 'not-modified',
      lastFetchedAt: '2026-12-02T09:02:00.000Z',
    });
    db.close();

    const after = await status(env);
    expect(after.code, after.err).toBe(0);
    expect(after.out).toContain('News feeds (3, 1 failing):');
    expect(after.out).toMatch(
      /^https:\/\/www\.yna\.co\.kr\/rss\/economy\.xml {2}✓ ok at 2026-12-02 09:00 UTC, 42 item\(s\)$/mu,
    );
    expect(after.out).toMatch(
      /^https:\/\/bad\.example\/feed\.xml {2}✗ error at 2026-12-02 09:01 UTC: The feed declares entities \(refused: possible XML bomb or XXE\)$/mu,
    );
    expect(after.out).toMatch(
      /^https:\/\/www\.mk\.co\.kr\/rss\/30100041\/ {2}✓ not modified \(304\) at 2026-12-02 09:02 UTC$/mu,
    );
  });

  it('a news store that cannot be read is one line, not a failed status', async () => {
    const text = await newsFeedStatusText({
      listFeedStates: async () => Promise.reject(new Error('database is locked')),
    });
    expect(text).toBe('News feeds: cannot be read (database is locked).\n');
  });
});
