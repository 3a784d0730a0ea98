import { spawn } from 'node:child_process';
import { QueueEvents } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { createStoreRepository } from '../../src/data/store-repository.js';
import { runEtlPass, validatePoints, type PointSource } from '../../src/data/etl-pass.js';
import type { Point } from '../../src/data/series.js';
import { RiskXpertError } from '../../src/errors.js';
import { createSilentLogger } from '../../src/logger.js';
import { createMemorySeriesStore } from '../../src/store/memory-series-store.js';
import { createEtlQueue, createEtlWorker, requestRefresh, scheduleEtl } from '../../workers/etl-queue.js';
import { useTestRedis } from '../fakes/test-redis.js';

const testRedis = useTestRedis();
const connection = testRedis.lazyConnection;
const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!().catch(() => undefined);
});

function monthly(n: number, start = 2020): Point[] {
  return Array.from({ length: n }, (_, i) => {
    const y = start + Math.floor(i / 12);
    const m = String((i % 12) + 1).padStart(2, '0');
    return { date: `${y}-${m}-28`, value: 1000 + i };
  });
}

/** A scriptable source: fails `failures` times, then returns `points`; counts calls. */
function source(points: Point[], failures = 0): PointSource & { calls: number } {
  const s = {
    id: 'test-source',
    calls: 0,
    async fetch() {
      s.calls += 1;
      if (s.calls <= failures) throw new RiskXpertError('PROVIDER_FAILED', `upstream 503 (call ${s.calls})`);
      return points;
    },
  };
  return s;
}

function setup(
  bindings: Parameters<typeof createEtlWorker>[0]['bindings'],
  extra: Partial<Parameters<typeof createEtlWorker>[0]> = {},
) {
  const prefix = `rx-test-bull-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const store = extra.store ?? createMemorySeriesStore();
  const queue = createEtlQueue(connection, prefix);
  const events = new QueueEvents('riskxpert-etl', { connection, prefix });
  const worker = createEtlWorker({ connection, prefix, store, bindings, logger: createSilentLogger(), ...extra });
  closers.push(async () => {
    await worker.close();
    await events.close();
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
  });
  return { queue, events, worker, store };
}

describe('ETL pass', () => {
  it('validates points: dates, numbers, no future, duplicates keep the last', () => {
    expect(
      validatePoints(
        [
          { date: '2024-01-31', value: 1 },
          { date: '2024-01-31', value: 2 },
          { date: '2023-12-31', value: 0 },
        ],
        '2025-01-01',
      ),
    ).toEqual([
      { date: '2023-12-31', value: 0 },
      { date: '2024-01-31', value: 2 },
    ]);
    expect(() => validatePoints([{ date: '2024-02-30', value: 1 }], '2025-01-01')).toThrow(/Invalid date/u);
    expect(() => validatePoints([{ date: '2024-02-01', value: Number.NaN }], '2025-01-01')).toThrow(/Non-finite/u);
    expect(() => validatePoints([{ date: '2030-01-01', value: 1 }], '2025-01-01')).toThrow(/Future date/u);
  });

  it('loads idempotently and reports whether anything changed', async () => {
    const store = createMemorySeriesStore();
    const first = await runEtlPass({ indicatorId: 'kospi', symbol: '0001', source: source(monthly(24)), store });
    expect(first).toMatchObject({ inserted: 24, updated: 0, changed: true, fetched: 24 });
    const again = await runEtlPass({ indicatorId: 'kospi', symbol: '0001', source: source(monthly(24)), store });
    expect(again).toMatchObject({ inserted: 0, updated: 0, changed: false, version: first.version });
    const more = await runEtlPass({ indicatorId: 'kospi', symbol: '0001', source: source(monthly(25)), store });
    expect(more).toMatchObject({ inserted: 1, changed: true });
    const series = await createStoreRepository(store).get('kospi');
    expect(series.points).toHaveLength(25);
    expect(series.version).toBe(more.version);
    expect(series.source).toMatch(/^test-source:0001, loaded \d{4}-\d{2}-\d{2}$/u);
  });

  it('a failing provider never erases good data, and its error shows in the status', async () => {
    const store = createMemorySeriesStore();
    await runEtlPass({ indicatorId: 'usdkrw', symbol: 'DEXKOUS', source: source(monthly(12)), store });
    await expect(
      runEtlPass({ indicatorId: 'usdkrw', symbol: 'DEXKOUS', source: source([], 5), store }),
    ).rejects.toMatchObject({ code: 'PROVIDER_FAILED' });
    await expect(
      runEtlPass({
        indicatorId: 'usdkrw',
        symbol: 'DEXKOUS',
        source: source([{ date: '2099-01-01', value: 1 }]),
        store,
      }),
    ).rejects.toMatchObject({ code: 'SERIES_INVALID' });
    expect((await store.read('usdkrw'))!.points).toHaveLength(12);
    const [status] = await store.status();
    expect(status).toMatchObject({
      indicatorId: 'usdkrw',
      points: 12,
      lastError: expect.stringMatching(/SERIES_INVALID: Future date/u),
    });
  });
});

describe('ETL queue on BullMQ with the real Redis', () => {
  it('a job scheduler fires and the data lands in the store', async () => {
    const src = source(monthly(36));
    const { queue, store } = setup({ kospi: { source: src, symbol: '0001', cron: '30 16 * * 1-5' } });
    await scheduleEtl(queue, { kospi: { cron: '30 16 * * 1-5' } }, { every: 400 });
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => s.key)).toContain('etl:kospi');
    for (let i = 0; i < 100 && !(await store.read('kospi')); i += 1) await new Promise((r) => setTimeout(r, 100));
    expect((await store.read('kospi'))!.points).toHaveLength(36);
    expect(src.calls).toBeGreaterThanOrEqual(1);
    // the schedule is idempotent: upserting it again keeps one scheduler
    await scheduleEtl(queue, { kospi: { cron: '0 17 * * 1-5' } });
    expect((await queue.getJobSchedulers()).filter((s) => s.key === 'etl:kospi')).toHaveLength(1);
  });

  it('retries a failing provider with backoff and lands the data exactly once; no secrets in job data', async () => {
    const src = source(monthly(30), 2);
    const loaded: string[] = [];
    const { queue, events, store } = setup(
      { usdkrw: { source: src, symbol: 'DEXKOUS', cron: '0 7 * * 2-6' } },
      { onLoaded: (r) => void loaded.push(r.version) },
    );
    await events.waitUntilReady();
    const job = await queue.add(
      'etl',
      { indicatorId: 'usdkrw' },
      { attempts: 4, backoff: { type: 'fixed', delay: 50 }, removeOnComplete: true },
    );
    const result = await job.waitUntilFinished(events, 30_000);
    expect(result).toMatchObject({ inserted: 30, changed: true });
    expect(src.calls).toBe(3);
    expect(loaded).toHaveLength(1);
    expect((await store.read('usdkrw'))!.points).toHaveLength(30);
    expect(JSON.stringify(job.data)).toBe('{"indicatorId":"usdkrw"}');
    // completed jobs are removed automatically
    expect(await queue.getJob(job.id!)).toBeUndefined();
  });

  it('keeps the failure reason of a job that ran out of attempts, and the old data', async () => {
    const store = createMemorySeriesStore();
    await runEtlPass({ indicatorId: 'gold', symbol: 'GOLD', source: source(monthly(10)), store });
    const { queue, events } = setup({ gold: { source: source([], 99), symbol: 'GOLD', cron: '0 9 * * *' } }, { store });
    await events.waitUntilReady();
    const job = await queue.add(
      'etl',
      { indicatorId: 'gold' },
      { attempts: 2, backoff: { type: 'fixed', delay: 20 }, removeOnFail: 100 },
    );
    await expect(job.waitUntilFinished(events, 30_000)).rejects.toThrow(/upstream 503/u);
    const failed = await queue.getJob(job.id!);
    expect(failed?.failedReason).toMatch(/upstream 503/u);
    expect((await store.read('gold'))!.points).toHaveLength(10);
  });

  it('coalesces on-demand refreshes for the same indicator within ten minutes', async () => {
    const { queue, worker } = setup({});
    await worker.pause();
    const now = Date.UTC(2026, 0, 1, 12, 0, 0);
    await requestRefresh(queue, 'kospi', now);
    await requestRefresh(queue, 'kospi', now + 60_000);
    await requestRefresh(queue, 'usdkrw', now);
    const waiting = await queue.getJobs(['waiting', 'prioritized']);
    expect(waiting.map((j) => j.data.indicatorId).sort()).toEqual(['kospi', 'usdkrw']);
  });

  it('a worker killed mid-job leaves nothing half-written, and another worker picks the job up again', async () => {
    const prefix = `rx-test-bull-kill-${process.pid}-${Date.now()}`;
    const queue = createEtlQueue(connection, prefix);
    const events = new QueueEvents('riskxpert-etl', { connection, prefix });
    closers.push(async () => {
      await events.close();
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
    });
    await events.waitUntilReady();
    const job = await queue.add(
      'etl',
      { indicatorId: 'kospi' },
      { attempts: 3, backoff: { type: 'fixed', delay: 50 }, removeOnComplete: true },
    );

    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/fakes/etl-worker-child.ts', prefix, testRedis.url],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('child worker never took the job')), 30_000);
      child.stdout.on('data', (d: Buffer) => {
        if (d.toString().includes('active')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    const store = createMemorySeriesStore();
    const src = source(monthly(12));
    const worker = createEtlWorker({
      connection,
      prefix,
      store,
      bindings: { kospi: { source: src, symbol: '0001', cron: '* * * * *' } },
      logger: createSilentLogger(),
      lockDuration: 1_000,
      stalledInterval: 500,
    });
    closers.push(() => worker.close());
    const result = await job.waitUntilFinished(events, 90_000);
    expect(result).toMatchObject({ inserted: 12, changed: true });
    expect(src.calls).toBe(1);
    expect((await store.read('kospi'))!.points).toHaveLength(12);
  }, 150_000);
});
