import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Point } from '../src/data/series.js';
import { createMemorySeriesStore } from '../src/store/memory-series-store.js';
import { createMemoryStore } from '../src/store/memory-store.js';
import type { SeriesStore } from '../src/store/series-store.js';
import { openSqliteDatabase } from '../src/store/sqlite-database.js';
import { createSqliteSeriesStore } from '../src/store/sqlite-series-store.js';
import { createSqliteStore } from '../src/store/sqlite-store.js';
import { createRetryingConversationWriter } from '../src/store/retrying-writer.js';
import type { ConversationRecord, Store } from '../src/store/store.js';

function dailyPoints(n: number, start = Date.UTC(1760, 0, 1)): Point[] {
  return Array.from({ length: n }, (_, i) => ({
    date: new Date(start + i * 86_400_000).toISOString().slice(0, 10),
    value: Math.round((2_000 + 300 * Math.sin(i / 50) + i * 0.01) * 100) / 100,
  }));
}

let seq = 0;
/** A conversation as the engine writes it: a 6-month forecast with the 60-point chart tail and ~1 KB of text. */
function record(): ConversationRecord {
  seq += 1;
  const dates = Array.from({ length: 6 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}-28`);
  return {
    id: `bench-${process.pid}-${seq}`,
    platform: 'telegram',
    userId: `telegram:${seq % 500}`,
    request: { question: '앞으로 6개월 코스피 어때?', indicatorId: 'kospi', horizonMonths: 6, locale: 'ko' },
    forecast: {
      method: 'patchtst-q',
      modelVersion: 'v1',
      lastDate: '2025-12-31',
      lastValue: 2_400,
      dates,
      median: dates.map((_, i) => 2_400 + i),
      low: dates.map((_, i) => 2_300 - i),
      high: dates.map((_, i) => 2_500 + i),
      dataSource: 'bench',
      history: Array.from({ length: 60 }, (_, i) => ({
        date: `20${20 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-28`,
        value: 2_000 + i,
      })),
    },
    summary: '코스피는 6개월 뒤 2,406 안팎으로 예상되며, 80% 구간은 2,294~2,506입니다.',
    scenario: '시장 심리는 여전히 조심스럽습니다. '.repeat(30),
    narrator: 'deterministic',
    cached: false,
    timings: { parse: 0.2, forecast: 12.5, chart: 30.1, total: 80.4 },
    createdAt: new Date(),
  };
}

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

async function seriesFigures(store: SeriesStore) {
  const points = dailyPoints(100_000);
  const upsert = await time(() => store.upsert('bench_upsert', points, { source: 'bench' }));
  const again = await time(() => store.upsert('bench_upsert', points, { source: 'bench' }));
  // 30 years of days, as a long FRED series is.
  await store.upsert('bench_30y', dailyPoints(30 * 365 + 8, Date.UTC(1996, 0, 1)), { source: 'bench' });
  const reads: number[] = [];
  for (let i = 0; i < 30; i += 1) reads.push((await time(() => store.read('bench_30y'))).ms);
  return {
    upsertMs: upsert.ms,
    againMs: again.ms,
    readMs: median(reads),
    points: (await store.read('bench_30y'))!.points.length,
  };
}

/** Back-to-back saves (each its own transaction, as the conversation writer does) for `ms`: the ceiling. */
async function maxRate(store: Store, ms: number): Promise<number> {
  const until = performance.now() + ms;
  let n = 0;
  while (performance.now() < until) {
    await store.conversations.save(record());
    n += 1;
  }
  return n / (ms / 1_000);
}

/**
 * The conversation writer draining `n` records queued at once (as under load, when answers arrive faster than they
 * are saved): in batches (`saveMany`, one transaction per 100 records, served) or, as before, one save each.
 */
async function writerRate(store: Store, n: number, batched: boolean): Promise<number> {
  const { saveMany: _batches, ...oneByOne } = store.conversations;
  const writer = createRetryingConversationWriter({
    store: { conversations: batched ? store.conversations : oneByOne },
    maxQueue: n,
    baseDelayMs: 5,
    maxDelayMs: 50,
  });
  const records = Array.from({ length: n }, record);
  const t0 = performance.now();
  for (const r of records) writer.write(r);
  if ((await writer.flush(120_000)) > 0) throw new Error('writer bench: records left unsaved');
  return n / ((performance.now() - t0) / 1_000);
}

/** Saves paced at `perSecond` for `seconds` (a tick every 10 ms): the achieved rate and the p99 save latency. */
async function paced(
  store: Store,
  perSecond: number,
  seconds: number,
): Promise<{ achieved: number; p99Ms: number; behindMs: number }> {
  const perTick = perSecond / 100;
  const latencies: number[] = [];
  const t0 = performance.now();
  let done = 0;
  for (let tick = 0; tick < seconds * 100; tick += 1) {
    const due = t0 + tick * 10;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    for (let i = 0; i < perTick; i += 1) {
      const s = performance.now();
      await store.conversations.save(record());
      latencies.push(performance.now() - s);
      done += 1;
    }
  }
  const elapsed = (performance.now() - t0) / 1_000;
  return { achieved: done / elapsed, p99Ms: pct(latencies, 0.99), behindMs: Math.max(0, (elapsed - seconds) * 1_000) };
}

/**
 * `npm run bench:store`: the embedded SQLite store (a WAL file in a temp folder) beside the in-memory store, in one
 * run: upsert of 100,000 daily points (then the same again, the idempotent reload), read of a 30-year daily series,
 * the maximum sustained conversation write rate, 1,000 writes per second held for 5 s, and the conversation
 * writer's drain rate one record per save against batches, same run.
 */
export async function run(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'rx-bench-store-'));
  const db = openSqliteDatabase(join(dir, 'riskxpert.db'));
  try {
    const sqliteSeries = await seriesFigures(createSqliteSeriesStore(db));
    const memorySeries = await seriesFigures(createMemorySeriesStore());
    const sqliteStore = createSqliteStore(db);
    const memoryStore = createMemoryStore({ maxConversations: 1_000_000 });
    const sqliteMax = await maxRate(sqliteStore, 3_000);
    const memoryMax = await maxRate(memoryStore, 3_000);
    const sqlitePaced = await paced(sqliteStore, 1_000, 5);
    const memoryPaced = await paced(memoryStore, 1_000, 5);
    const sqliteOneByOne = await writerRate(sqliteStore, 20_000, false);
    const sqliteBatched = await writerRate(sqliteStore, 20_000, true);
    const memoryOneByOne = await writerRate(memoryStore, 20_000, false);
    const memoryBatched = await writerRate(memoryStore, 20_000, true);
    const rows: [string, string, string][] = [
      [
        'upsert 100,000 daily points (new)',
        `${sqliteSeries.upsertMs.toFixed(0)} ms`,
        `${memorySeries.upsertMs.toFixed(0)} ms`,
      ],
      [
        'upsert the same 100,000 again',
        `${sqliteSeries.againMs.toFixed(0)} ms`,
        `${memorySeries.againMs.toFixed(0)} ms`,
      ],
      [
        `read a 30-year daily series (${sqliteSeries.points} pts), median of 30`,
        `${sqliteSeries.readMs.toFixed(2)} ms`,
        `${memorySeries.readMs.toFixed(2)} ms`,
      ],
      ['conversation writes, max sustained (3 s)', `${Math.round(sqliteMax)}/s`, `${Math.round(memoryMax)}/s`],
      [
        '1,000 writes/s held 5 s: achieved',
        `${Math.round(sqlitePaced.achieved)}/s`,
        `${Math.round(memoryPaced.achieved)}/s`,
      ],
      [
        '1,000 writes/s held 5 s: p99 save latency',
        `${sqlitePaced.p99Ms.toFixed(2)} ms`,
        `${memoryPaced.p99Ms.toFixed(2)} ms`,
      ],
      [
        'writer, 20,000 queued: one save each (before)',
        `${Math.round(sqliteOneByOne)}/s`,
        `${Math.round(memoryOneByOne)}/s`,
      ],
      [
        'writer, 20,000 queued: batches of 100 (served)',
        `${Math.round(sqliteBatched)}/s`,
        `${Math.round(memoryBatched)}/s`,
      ],
    ];
    const w = Math.max(...rows.map((r) => r[0].length));
    console.log(
      `bench:store — SQLite ${db.db.prepare('SELECT sqlite_version() AS v').pluck().get() as string} (WAL, synchronous=NORMAL, file in ${tmpdir()}) vs in-memory, same run`,
    );
    console.log(`${'measure'.padEnd(w)}  ${'sqlite'.padStart(12)}  ${'memory'.padStart(12)}`);
    for (const [m, s, mem] of rows) console.log(`${m.padEnd(w)}  ${s.padStart(12)}  ${mem.padStart(12)}`);
  } finally {
    db.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run();
}
