import { QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { EtlPassResult } from '../../src/data/etl-pass.js';
import { createRedisKisTokenStore } from '../../src/data/providers/kis-token-store.js';
import { lastClosedKrxSession } from '../../src/data/providers/market-hours.js';
import type { Point } from '../../src/data/series.js';
import { createSilentLogger } from '../../src/logger.js';
import { createMemorySeriesStore } from '../../src/store/memory-series-store.js';
import type { SeriesStore } from '../../src/store/series-store.js';
import {
  createEtlQueue,
  createEtlWorker,
  loadIndicator,
  scheduleEtl,
  type EtlSourceBinding,
} from '../../workers/etl-queue.js';
import { buildEtlBindings } from '../../workers/etl-sources.js';
import { startEcosServer, type EcosFake } from '../fakes/ecos-server.js';
import { startFredServer, type FakeHttp } from '../fakes/fred-server.js';
import { startKisServer, type KisFake } from '../fakes/kis-server.js';
import { useTestRedis } from '../fakes/test-redis.js';

const testRedis = useTestRedis();
const connection = testRedis.lazyConnection;
const ECOS_KEY = 'ECOSTESTKEY1234567890';
const KIS_KEY = 'PSetlTESTAPPKEY0123456789abcdefghij';
const KIS_SECRET = 'etlSECRET/abcdefghijklmnopqrstuvwxyz0123456789+ABCDEFGH=';

/** Weekdays ending `end`, oldest first, a deterministic walk around `level`. */
function weekdays(n: number, end: string, level: number): Point[] {
  const out: Point[] = [];
  const d = new Date(`${end}T00:00:00Z`);
  while (out.length < n) {
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) out.push({ date: d.toISOString().slice(0, 10), value: 0 });
    d.setUTCDate(d.getUTCDate() - 1);
  }
  return out.reverse().map((p, i) => ({
    date: p.date,
    value: Math.round((level * (1 + 0.05 * Math.sin(i / 11)) + i * 0.01) * 100) / 100,
  }));
}

const END = '2026-11-27';
const KOSPI = weekdays(1_200, END, 2_600);
const USDKRW = weekdays(900, END, 1_380);
const DGS10 = weekdays(700, END, 4.2);
const ecosDaily = (pts: Point[]) => pts.map((p) => ({ time: p.date.replace(/-/gu, ''), value: p.value.toFixed(2) }));
const fredRows = (pts: Point[]) => pts.map((p) => ({ date: p.date, value: p.value.toFixed(2) }));

/** Counts upserts, so "lands exactly once" is checked at the store, not inferred. */
function countingStore(): SeriesStore & { upserts: number } {
  const inner = createMemorySeriesStore();
  const s = Object.assign(Object.create(null) as object, inner, {
    upserts: 0,
    async upsert(...a: Parameters<SeriesStore['upsert']>) {
      s.upserts += 1;
      return inner.upsert(...a);
    },
  }) as SeriesStore & { upserts: number };
  return s;
}

describe('market hours', () => {
  it('a KRX series keeps bars only of closed sessions (KST, weekends skipped)', () => {
    const kst = (iso: string) => Date.parse(`${iso}+09:00`);
    expect(lastClosedKrxSession(kst('2026-12-01T15:39:00'))).toBe('2026-11-30'); // Tuesday, still in the closing auction
    expect(lastClosedKrxSession(kst('2026-12-01T15:41:00'))).toBe('2026-12-01');
    expect(lastClosedKrxSession(kst('2026-11-30T08:00:00'))).toBe('2026-11-27'); // Monday morning -> Friday
    expect(lastClosedKrxSession(kst('2026-11-29T20:00:00'))).toBe('2026-11-27'); // Sunday
    expect(lastClosedKrxSession(Date.parse('2026-12-01T06:50:00Z'))).toBe('2026-12-01'); // 15:50 KST on a UTC clock
  });
});

describe('ETL over the FRED, ECOS and KIS stand-ins with the real BullMQ and Redis', () => {
  let fred: FakeHttp;
  let ecos: EcosFake;
  let kis: KisFake;
  let redis: Redis;
  const runId = `${process.pid}-${Date.now()}`;
  const closers: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    redis = new Redis(connection);
    fred = await startFredServer({
      series: { DGS10: fredRows(DGS10), DEXKOUS: fredRows(USDKRW.map((p) => ({ ...p, value: p.value + 1.5 }))) },
    });
    ecos = await startEcosServer({
      apiKey: ECOS_KEY,
      series: { '802Y001/D/0001000': ecosDaily(KOSPI), '731Y001/D/0000001': ecosDaily(USDKRW) },
    });
    kis = await startKisServer({
      appKey: KIS_KEY,
      appSecret: KIS_SECRET,
      indices: { '0001': KOSPI },
      tokenMinIntervalMs: 0,
    });
  });
  afterEach(async () => {
    while (closers.length) await closers.pop()!().catch(() => undefined);
  });
  afterAll(async () => {
    const keys = await redis.keys(`rx-test-etlp-${runId}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    await Promise.all([fred.close(), ecos.close(), kis.close()]);
  });

  async function bindings() {
    const config = loadConfig({
      ETL_PROVIDERS: 'kis,ecos,fred',
      FRED_BASE_URL: fred.url,
      ECOS_API_KEY: ECOS_KEY,
      ECOS_BASE_URL: ecos.url,
      KIS_APP_KEY: KIS_KEY,
      KIS_APP_SECRET: KIS_SECRET,
      KIS_BASE_URL: kis.url,
    });
    const tokenStore = createRedisKisTokenStore({ redis, prefix: `rx-test-etlp-${runId}:`, pollMs: 20 });
    return buildEtlBindings(config, {
      kisTokenStore: tokenStore,
      tuning: { retries: 1, minBackoffMs: 5, maxBackoffMs: 20, timeoutMs: 1_000, requestsPerSecond: 1_000 },
    });
  }

  function setup(b: Record<string, EtlSourceBinding>, store: SeriesStore, onLoaded?: (r: EtlPassResult) => void) {
    const prefix = `rx-test-etlp-${runId}-${Math.random().toString(36).slice(2, 8)}`;
    const queue = createEtlQueue(connection, prefix);
    const events = new QueueEvents('riskxpert-etl', { connection, prefix });
    const worker = createEtlWorker({
      connection,
      prefix,
      store,
      bindings: b,
      logger: createSilentLogger(),
      ...(onLoaded ? { onLoaded } : {}),
    });
    closers.push(async () => {
      await worker.close();
      await events.close();
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
    });
    return { queue, events, worker };
  }

  it('binds each indicator to its catalog providers in order, only where a key is configured', async () => {
    const b = await bindings();
    const chain = (id: string) => [b[id]!.source.id, ...(b[id]!.fallbacks ?? []).map((f) => f.source.id)];
    expect(chain('kospi')).toEqual(['kis', 'ecos']);
    expect(b['kospi']).toMatchObject({ symbol: '0001', market: 'KRX', cron: '10 16 * * 1-5' });
    expect(chain('usdkrw')).toEqual(['ecos', 'fred']);
    expect(b['us10y']).toMatchObject({ symbol: 'DGS10', cron: '0 9 * * *' });
    expect(chain('wti')).toEqual(['fred']);
    expect(b['gold']).toBeUndefined(); // CSV-only indicator, no CSV folder here
    const keyless = await buildEtlBindings(loadConfig({ ETL_PROVIDERS: 'kis,ecos,fred', FRED_BASE_URL: fred.url }));
    expect([keyless['usdkrw']!.source.id, keyless['kospi']]).toEqual(['fred', undefined]);
  });

  it('a job scheduler fires and KOSPI lands from KIS, paged past 100 rows', async () => {
    const b = await bindings();
    const store = createMemorySeriesStore();
    const { queue } = setup({ kospi: b['kospi']! }, store);
    await scheduleEtl(queue, { kospi: b['kospi']! }, { every: 300 });
    for (let i = 0; i < 100 && !(await store.read('kospi')); i += 1) await new Promise((r) => setTimeout(r, 100));
    const stored = await store.read('kospi');
    expect(stored?.points).toEqual(KOSPI);
    expect(stored?.source).toBe('kis:0001');
  });

  it('after EGW00201 and 429 beyond the provider retries, the queue retries and the data lands exactly once', async () => {
    const b = await bindings();
    const store = countingStore();
    const loaded: string[] = [];
    const { queue, events, worker } = setup(
      { kospi: { ...b['kospi']!, fallbacks: [] }, us10y: b['us10y']! },
      store,
      (r) => void loaded.push(`${r.indicatorId}@${r.version}`),
    );
    const failedAttempts: string[] = [];
    worker.on(
      'failed',
      (job, err) => void failedAttempts.push(`${job?.data.indicatorId}: ${err.message.slice(0, 40)}`),
    );
    await events.waitUntilReady();
    kis.misbehave('EGW00201', 'EGW00201', 'ok', 'EGW00201', 'EGW00201');
    fred.misbehave(429, 429);
    const opts = { attempts: 4, backoff: { type: 'fixed' as const, delay: 50 }, removeOnComplete: true };
    const jobs = [
      await queue.add('etl', { indicatorId: 'kospi' }, opts),
      await queue.add('etl', { indicatorId: 'us10y' }, opts),
    ];
    const results = (await Promise.all(jobs.map((j) => j.waitUntilFinished(events, 30_000)))) as EtlPassResult[];
    expect(results.map((r) => [r.indicatorId, r.inserted, r.changed])).toEqual([
      ['kospi', KOSPI.length, true],
      ['us10y', DGS10.length, true],
    ]);
    expect(failedAttempts.sort()).toEqual([
      expect.stringMatching(/^kospi: KIS: 0001: EGW00201/u),
      expect.stringMatching(/^kospi: KIS: 0001: EGW00201/u),
      expect.stringMatching(/^us10y: FRED: HTTP 429/u),
    ]);
    expect(store.upserts).toBe(2);
    expect(loaded).toHaveLength(2);
    expect((await store.read('kospi'))!.points).toEqual(KOSPI);
    expect((await store.read('us10y'))!.points).toEqual(DGS10);
  });

  it('a failing provider (timeout, half-written CSV) never erases good data; status keeps the error', async () => {
    const b = await bindings();
    const store = createMemorySeriesStore();
    const first = await loadIndicator({ indicatorId: 'us10y', binding: b['us10y']!, store });
    const { queue, events } = setup({ us10y: b['us10y']! }, store);
    await events.waitUntilReady();
    fred.misbehave('hang', 'half', 'half-clean', 'stall');
    const job = await queue.add(
      'etl',
      { indicatorId: 'us10y' },
      { attempts: 2, backoff: { type: 'fixed', delay: 20 }, removeOnFail: 10 },
    );
    await expect(job.waitUntilFinished(events, 30_000)).rejects.toThrow(/FRED/u);
    expect((await queue.getJob(job.id!))?.failedReason).toMatch(/FRED: .*(cut off|ends mid-line|no complete answer)/u);
    const after = await store.read('us10y');
    expect(after?.points).toEqual(DGS10);
    expect(after?.version).toBe(first.version);
    const [status] = await store.status();
    expect(status).toMatchObject({
      indicatorId: 'us10y',
      points: DGS10.length,
      source: 'fred:DGS10',
      lastError: expect.stringMatching(/PROVIDER_FAILED/u),
    });
  });

  it('the primary failing, the fallback loads and only appends; status shows both', async () => {
    const b = await bindings();
    // ECOS loaded all but the last week; FRED (the fallback) quotes 1.5 won higher and must not rewrite that history.
    const older = USDKRW.slice(0, -5);
    const trimmed = createMemorySeriesStore();
    await trimmed.upsert('usdkrw', older, { source: 'ecos:731Y001/D/0000001' });
    ecos.misbehave('ERROR-602', 'ERROR-602');
    const r = await loadIndicator({ indicatorId: 'usdkrw', binding: b['usdkrw']!, store: trimmed });
    expect(r).toMatchObject({ source: 'fred', inserted: 5, updated: 0, changed: true });
    expect(r.fellBackFrom?.[0]).toMatch(/^ecos: RATE_LIMITED: ECOS: .*ERROR-602/u);
    const points = (await trimmed.read('usdkrw'))!.points;
    expect(points.slice(0, -5)).toEqual(older);
    expect(points.slice(-5)).toEqual(USDKRW.slice(-5).map((p) => ({ ...p, value: p.value + 1.5 })));
    const [status] = await trimmed.status();
    expect(status).toMatchObject({
      source: 'fred:DEXKOUS',
      lastError: expect.stringMatching(/ERROR-602.*\(loaded from fred\)/u),
    });
    expect(JSON.stringify(await trimmed.status())).not.toContain(ECOS_KEY);
    // ECOS still down the next day: the fallback, now the latest source, still leaves ECOS's days alone.
    ecos.misbehave('ERROR-602', 'ERROR-602');
    const again = await loadIndicator({ indicatorId: 'usdkrw', binding: b['usdkrw']!, store: trimmed });
    expect(again).toMatchObject({ source: 'fred', inserted: 0, updated: 0, changed: false });
    expect((await trimmed.read('usdkrw'))!.points.slice(0, -5)).toEqual(older);
    // ECOS back: its numbers replace the fallback's week, and it is the source again.
    const back = await loadIndicator({ indicatorId: 'usdkrw', binding: b['usdkrw']!, store: trimmed });
    expect(back).toMatchObject({ source: 'ecos', updated: 5 });
    expect((await trimmed.read('usdkrw'))!.points).toEqual(USDKRW);
  });

  it('KOSPI: KIS reloads only its last month, refreshing an expired token; KIS down falls back to ECOS for the whole history when nothing is stored', async () => {
    const b = await bindings();
    const store = createMemorySeriesStore();
    const full = await loadIndicator({ indicatorId: 'kospi', binding: b['kospi']!, store });
    expect(b['kospi']!.incrementalDays).toBe(31);
    kis.expireTokens();
    const before = kis.requests.length;
    const again = await loadIndicator({ indicatorId: 'kospi', binding: b['kospi']!, store });
    expect(again).toMatchObject({ source: 'kis', changed: false, version: full.version });
    // Once loaded, a KIS index reloads only its last month: one chart call (after the refused one and a new token).
    const charts = kis.requests.slice(before).filter((r) => r.path.endsWith('indexchartprice'));
    expect(charts.map((c) => c.query.get('FID_INPUT_DATE_1'))).toEqual(['20261027', '20261027']);
    expect(again.fetched).toBe(KOSPI.filter((p) => p.date >= '2026-10-27').length);
    expect((await store.read('kospi'))!.points).toEqual(KOSPI);
    const fresh = createMemorySeriesStore();
    kis.misbehave(500, 500);
    const r = await loadIndicator({ indicatorId: 'kospi', binding: b['kospi']!, store: fresh });
    expect(r).toMatchObject({ source: 'ecos', inserted: KOSPI.length });
    expect((await fresh.read('kospi'))!.points).toEqual(KOSPI);
  });
});
