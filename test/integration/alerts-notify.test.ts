import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { formatQuietHours, seoulMinuteOfDay } from '../../src/alerts/quiet-hours.js';
import { createChartRenderer } from '../../src/chart/chartjs-renderer.js';
import { createChartStore } from '../../src/chart/chart-store.js';
import type { Point } from '../../src/data/series.js';
import { createSilentLogger } from '../../src/logger.js';
import { createMemoryAccountStore } from '../../src/store/memory-account-store.js';
import { createMemorySeriesStore } from '../../src/store/memory-series-store.js';
import { createMemorySubscriptionStore } from '../../src/store/memory-subscription-store.js';
import { createMemoryThreatEventStore } from '../../src/store/memory-threat-event-store.js';
import { createRedisDeliveryStore } from '../../src/store/redis-delivery-store.js';
import { createEtlQueue, createEtlWorker } from '../../workers/etl-queue.js';
import { runAlertsEvaluation } from '../../workers/alerts-queue.js';
import { startAlertWorkers } from '../../workers/alerts-runtime.js';
import type { NotifyOutcome } from '../../workers/notify-worker.js';
import {
  crossingSeries,
  deletePrefix,
  DRAWDOWN_10,
  redisConnection,
  seedSubscribers,
  startAlertStandIns,
  waitForDrain,
} from '../fakes/alert-harness.js';
import { useTestRedis } from '../fakes/test-redis.js';

let closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.reverse()) await c().catch(() => undefined);
  closers = [];
});

const testRedis = useTestRedis();
let seq = 0;
async function system(
  o: {
    env?: Record<string, string>;
    standIns?: Parameters<typeof startAlertStandIns>[0];
    points?: Point[];
    now?: () => number;
    charts?: boolean;
  } = {},
) {
  seq += 1;
  const prefix = `rxtest-alerts-${process.pid}-${Date.now()}-${seq}`;
  const standIns = await startAlertStandIns(o.standIns);
  const redis = new Redis(redisConnection(testRedis.url));
  const stores = {
    subscriptions: createMemorySubscriptionStore(),
    accounts: createMemoryAccountStore(),
    events: createMemoryThreatEventStore(),
    deliveries: createRedisDeliveryStore({ redis, keyPrefix: `${prefix}:delivery:` }),
  };
  const outcomes: Record<string, number> = {};
  const points = o.points ?? crossingSeries();
  const sys = startAlertWorkers({
    config: standIns.config({
      ALERTS_TELEGRAM_PER_SECOND: '29',
      ALERTS_DISCORD_PER_SECOND: '20',
      ALERTS_KAKAO_REQUESTS_PER_SECOND: '5',
      ...o.env,
    }),
    connection: redisConnection(testRedis.url),
    redis,
    prefix,
    stores,
    readPoints: async () => points,
    ...(o.charts
      ? {
          charts: {
            renderer: createChartRenderer({}),
            store: createChartStore({ ttlSeconds: 600, maxEntries: 100, backend: { kind: 'memory' } }),
          },
        }
      : {}),
    logger: createSilentLogger(),
    onOutcome: (p, outcome: NotifyOutcome, n) =>
      void (outcomes[`${p}:${outcome}`] = (outcomes[`${p}:${outcome}`] ?? 0) + n),
    ...(o.now ? { now: o.now } : {}),
  });
  closers.push(async () => {
    await sys.close();
    redis.disconnect();
    await standIns.close();
    await deletePrefix(prefix, testRedis.url);
  });
  const notifyQueues = Object.values(sys.notifyQueues);
  return {
    prefix,
    standIns,
    stores,
    sys,
    outcomes,
    points,
    redis,
    drain: (ms = 20_000) => waitForDrain([sys.alertsQueue as unknown as Queue, ...notifyQueues], ms),
  };
}

describe('alerts and notify queues with real BullMQ, real Redis and the platform stand-ins', () => {
  it('a data update that crosses a rule sends exactly one alert per subscriber per platform, with its chart, even when evaluated again', async () => {
    const s = await system({ charts: true });
    const subs = await seedSubscribers(s.stores.subscriptions, { telegram: 6, discord: 4, kakao: 5 });
    // Not opted in to Discord DMs: never messaged.
    await s.stores.subscriptions.add({
      userId: 'discord:299999',
      platform: 'discord',
      target: '299999',
      indicatorId: 'kospi',
      rule: DRAWDOWN_10,
    });
    // Another indicator's subscriber: not evaluated by a KOSPI load.
    await s.stores.subscriptions.add({
      userId: 'telegram:199999',
      platform: 'telegram',
      target: '199999',
      indicatorId: 'usdkrw',
      rule: DRAWDOWN_10,
    });

    // The data update: an ETL pass through the etl queue whose onLoaded hook enqueues the alerts job.
    const seriesStore = createMemorySeriesStore();
    const etl = createEtlWorker({
      connection: redisConnection(testRedis.url),
      prefix: s.prefix,
      store: seriesStore,
      logger: createSilentLogger(),
      onLoaded: (r) => s.sys.onLoaded(r),
      bindings: {
        kospi: { symbol: '0001', cron: '* * * * *', source: { id: 'scripted', fetch: async () => s.points } },
      },
    });
    closers.push(() => etl.close());
    const etlQueue = createEtlQueue(redisConnection(testRedis.url), s.prefix);
    closers.push(() => etlQueue.close());
    await etlQueue.add('etl', { indicatorId: 'kospi' }, { jobId: 'load-1' });
    // The same data loaded again changes nothing, so it enqueues no second evaluation.
    await etlQueue.add('etl', { indicatorId: 'kospi' }, { jobId: 'load-2' });
    await waitForDrain([etlQueue], 30_000);
    expect(
      await Promise.all(['load-1', 'load-2'].map(async (id) => (await etlQueue.getJob(id))?.returnvalue?.changed)),
    ).toEqual([true, false]);
    await s.drain(30_000);

    const tg = s.standIns.tg.deliveredPerChat();
    const dc = s.standIns.discord.deliveredPerUser();
    const kk = s.standIns.kakao.delivered;
    expect([...tg.entries()].sort()).toEqual(
      subs.filter((x) => x.platform === 'telegram').map((x) => [Number(x.target), 1]),
    );
    expect([...dc.entries()].sort()).toEqual(subs.filter((x) => x.platform === 'discord').map((x) => [x.target, 1]));
    expect([...kk.entries()].sort()).toEqual(subs.filter((x) => x.platform === 'kakao').map((x) => [x.target, 1]));
    expect(s.standIns.kakao.requests.filter((r) => r.status === 200 && r.users.length > 0)).toHaveLength(1);
    expect(s.standIns.kakao.billedKrw()).toBe(5 * 15);

    // The alert: a one-line Korean explanation and a small chart (a photo on Telegram, an attachment on Discord).
    const photo = s.standIns.tg.calls.find((c) => c.method === 'sendPhoto' && c.outcome === 'ok')!;
    expect(String(photo.params.caption)).toMatch(/^⚠️ 코스피가 최근 90일 고점 대비 14\.1% 떨어졌습니다/u);
    expect(photo.photoBytes).toBeGreaterThan(1_000);
    expect(
      s.standIns.discord.calls.some((c) => c.path.endsWith('/messages') && c.files.length === 1 && c.status === 200),
    ).toBe(true);
    expect(s.standIns.kakao.requests.find((r) => r.status === 200 && r.event)!.event!.data!.chart).toMatch(
      /^http:\/\/127\.0\.0\.1:9\/charts\/[A-Za-z0-9_-]{43}\.png$/u,
    );

    // A retried evaluation after the completed notify jobs were removed: the ledger refuses every second push.
    for (const q of Object.values(s.sys.notifyQueues)) await q.clean(0, 10_000, 'completed');
    const again = await runAlertsEvaluation(
      {
        readPoints: async () => s.points,
        subscriptions: s.stores.subscriptions,
        events: s.stores.events,
        notify: s.sys.notifyQueues,
        logger: createSilentLogger(),
      },
      { indicatorId: 'kospi', version: 'again' },
    );
    expect(again).toMatchObject({ events: 1, jobs: 6 + 4 + 1 });
    await s.drain(30_000);
    expect([...s.standIns.tg.deliveredPerChat().values()].every((n) => n === 1)).toBe(true);
    expect([...s.standIns.discord.deliveredPerUser().values()].every((n) => n === 1)).toBe(true);
    expect([...s.standIns.kakao.delivered.values()].every((n) => n === 1)).toBe(true);
    expect(s.outcomes).toMatchObject({
      'telegram:sent': 6,
      'discord:sent': 4,
      'kakao:sent': 5,
      'telegram:duplicate': 6,
      'discord:duplicate': 4,
      'kakao:duplicate': 5,
    });
  }, 60_000);

  it('deactivates the subscriptions of a user who blocked the bot (Telegram 403, Discord 50007, Kakao task failure)', async () => {
    const s = await system({
      standIns: { blockedTelegram: [100_002], blockedDiscord: ['200002'], blockedKakao: ['k300002'] },
    });
    const subs = await seedSubscribers(s.stores.subscriptions, { telegram: 3, discord: 3, kakao: 3 });
    const second = await s.stores.subscriptions.add({
      userId: 'telegram:100002',
      platform: 'telegram',
      target: '100002',
      indicatorId: 'usdkrw',
      rule: DRAWDOWN_10,
    });
    await s.sys.onLoaded({ indicatorId: 'kospi', version: 'v1' });
    await s.drain();
    const byTarget = new Map(subs.map((x) => [x.target, x]));
    for (const [target, platform] of [
      ['100002', 'telegram'],
      ['200002', 'discord'],
      ['k300002', 'kakao'],
    ] as const) {
      const sub = (await s.stores.subscriptions.get(byTarget.get(target)!.id))!;
      expect(sub).toMatchObject({ active: false, deactivatedReason: `blocked on ${platform}` });
    }
    // Every subscription of the blocked user stops, not only the one that was being delivered.
    expect((await s.stores.subscriptions.get(second.id))!.active).toBe(false);
    for (const target of ['100001', '100003', '200001', '200003', 'k300001', 'k300003'])
      expect((await s.stores.subscriptions.get(byTarget.get(target)!.id))!.active).toBe(true);
    expect(s.outcomes).toMatchObject({
      'telegram:blocked': 1,
      'discord:blocked': 1,
      'kakao:blocked': 1,
      'telegram:sent': 2,
      'discord:sent': 2,
      'kakao:sent': 2,
    });
    // A later crossing no longer reaches them.
    await s.sys.onLoaded({ indicatorId: 'kospi', version: 'v2' });
    await s.drain();
    expect((await s.stores.subscriptions.listActiveByIndicator('kospi')).map((x) => x.target).sort()).toEqual([
      '100001',
      '100003',
      '200001',
      '200003',
      'k300001',
      'k300003',
    ]);
  }, 60_000);

  it('caps Kakao pushes per user per day: three crossings, cap two, the third is recorded as capped and not sent', async () => {
    const s = await system({ env: { ALERTS_KAKAO_DAILY_CAP: '2' } });
    for (const rule of [
      DRAWDOWN_10,
      { kind: 'drawdown' as const, lookbackDays: 30, thresholdPct: 5 },
      { kind: 'move' as const, period: 'day' as const, thresholdPct: 5 },
    ]) {
      await s.stores.subscriptions.add({
        userId: 'kakao:kcap1',
        platform: 'kakao',
        target: 'kcap1',
        indicatorId: 'kospi',
        rule,
        optIn: true,
      });
      await s.stores.subscriptions.add({
        userId: 'kakao:kcap2',
        platform: 'kakao',
        target: 'kcap2',
        indicatorId: 'kospi',
        rule,
        optIn: true,
      });
    }
    // Not opted in: Kakao bills every push, so nothing goes to a user who did not ask.
    await s.stores.subscriptions.add({
      userId: 'kakao:knoopt',
      platform: 'kakao',
      target: 'knoopt',
      indicatorId: 'kospi',
      rule: DRAWDOWN_10,
    });
    const r = await runAlertsEvaluation(
      {
        readPoints: async () => s.points,
        subscriptions: s.stores.subscriptions,
        events: s.stores.events,
        notify: s.sys.notifyQueues,
        logger: createSilentLogger(),
      },
      { indicatorId: 'kospi', version: 'v1' },
    );
    expect(r).toMatchObject({ events: 3, jobs: 3 });
    await s.drain();
    expect(Object.fromEntries(s.standIns.kakao.delivered)).toEqual({ kcap1: 2, kcap2: 2 });
    expect(s.outcomes).toMatchObject({ 'kakao:sent': 4, 'kakao:capped': 2 });
    expect(s.standIns.kakao.billedKrw()).toBe(4 * 15);
  }, 60_000);

  it('spaces several alerts to one chat or DM a second apart (no 429), across the three crossings of one load', async () => {
    const s = await system();
    const rules = [
      DRAWDOWN_10,
      { kind: 'drawdown' as const, lookbackDays: 30, thresholdPct: 5 },
      { kind: 'move' as const, period: 'day' as const, thresholdPct: 5 },
    ];
    for (const rule of rules) {
      await s.stores.subscriptions.add({
        userId: 'telegram:100777',
        platform: 'telegram',
        target: '100777',
        indicatorId: 'kospi',
        rule,
      });
      await s.stores.subscriptions.add({
        userId: 'discord:200777',
        platform: 'discord',
        target: '200777',
        indicatorId: 'kospi',
        rule,
        optIn: true,
      });
    }
    await s.sys.onLoaded({ indicatorId: 'kospi', version: 'v1' });
    await s.drain();
    const tgTimes = s.standIns.tg.calls.filter((c) => c.outcome === 'ok').map((c) => c.at);
    const dcTimes = s.standIns.discord.calls
      .filter((c) => c.path === '/api/v10/channels/dm-200777/messages' && c.status === 200)
      .map((c) => c.at);
    for (const times of [tgTimes, dcTimes]) {
      expect(times).toHaveLength(3);
      for (let i = 1; i < times.length; i += 1) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(990);
    }
    expect(s.standIns.tg.calls.filter((c) => c.outcome.startsWith('Too Many'))).toEqual([]);
    expect(s.standIns.discord.calls.filter((c) => c.status === 429)).toEqual([]);
  }, 60_000);

  it('holds an alert that falls in quiet hours and sends it when they end', async () => {
    // Quiet hours that ended at the start of the current Seoul minute; the evaluation believes it runs 1.5 s before
    // that end, so the notify job is delayed ~1.5 s, and then delivered (by a worker that lives in real time).
    const realNow = Date.now();
    const minuteStart = realNow - (realNow % 60_000);
    const end = seoulMinuteOfDay(minuteStart);
    const quietHours = { startMinute: (end + 1_440 - 30) % 1_440, endMinute: end };
    const s = await system({ now: () => minuteStart - 1_500 });
    // The worker checks quiet hours again with real time: outside them now.
    const sub = await s.stores.subscriptions.add({
      userId: 'telegram:100500',
      platform: 'telegram',
      target: '100500',
      indicatorId: 'kospi',
      rule: DRAWDOWN_10,
      quietHours,
    });
    expect(formatQuietHours(sub.quietHours!)).toMatch(/^\d\d:\d\d-\d\d:\d\d$/u);
    const t0 = Date.now();
    await s.sys.onLoaded({ indicatorId: 'kospi', version: 'v1' });
    const q = s.sys.notifyQueues.telegram;
    let delayed: number | undefined;
    for (let i = 0; i < 50 && delayed === undefined; i += 1) {
      const jobs = await q.getDelayed();
      if (jobs[0]) delayed = jobs[0].opts.delay;
      else await new Promise((r) => setTimeout(r, 20));
    }
    expect(delayed).toBe(1_500);
    await s.drain();
    const sent = s.standIns.tg.calls.find((c) => c.outcome === 'ok' && Number(c.params.chat_id) === 100_500)!;
    expect(sent).toBeDefined();
    expect(sent.at - t0).toBeGreaterThanOrEqual(1_400);
  }, 60_000);
});
