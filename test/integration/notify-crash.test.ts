import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../src/logger.js';
import { createMemorySubscriptionStore } from '../../src/store/memory-subscription-store.js';
import { createMemoryThreatEventStore } from '../../src/store/memory-threat-event-store.js';
import { createRedisDeliveryStore } from '../../src/store/redis-delivery-store.js';
import { runAlertsEvaluation } from '../../workers/alerts-queue.js';
import { closeNotifyQueues, createNotifyQueues } from '../../workers/notify-queue.js';
import type { ThreatRule } from '../../src/sim/threat-rules.js';
import {
  DRAWDOWN_10,
  crossingSeries,
  deletePrefix,
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

function startChild(prefix: string, env: Record<string, string>, counts: object): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'test/fakes/notify-worker-child.ts',
      prefix,
      JSON.stringify(env),
      JSON.stringify(counts),
      testRedis.url,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise((r) => child.once('exit', r));
  closers.push(async () => {
    child.kill('SIGKILL');
    await exited;
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('notify child never became ready')), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
  });
}

describe('a notify worker killed during the fan-out', () => {
  it('is restarted and sends the rest, with no duplicates; only a push cut off mid-request can stay in doubt', async () => {
    const prefix = `rxtest-crash-${process.pid}-${Date.now()}`;
    const standIns = await startAlertStandIns({
      telegramPerSecond: 30,
      discordPerSecond: 50,
      kakaoRequestsPerSecond: 2,
    });
    const redis = new Redis(redisConnection(testRedis.url));
    const queues = createNotifyQueues(redisConnection(testRedis.url), prefix);
    closers.push(async () => {
      await closeNotifyQueues(queues);
      redis.disconnect();
      await standIns.close();
      await deletePrefix(prefix, testRedis.url);
    });
    const env = {
      ...standIns.env,
      ALERTS_TELEGRAM_PER_SECOND: '29',
      ALERTS_DISCORD_PER_SECOND: '20',
      ALERTS_KAKAO_REQUESTS_PER_SECOND: '2',
    };
    const counts = { telegram: 90, discord: 40, kakao: 500 };
    const subscriptions = createMemorySubscriptionStore();
    const subs = await seedSubscribers(subscriptions, counts);
    const planned = await runAlertsEvaluation(
      {
        readPoints: async () => crossingSeries(),
        subscriptions,
        events: createMemoryThreatEventStore(),
        notify: queues,
        logger: createSilentLogger(),
      },
      { indicatorId: 'kospi', version: 'v1' },
    );
    expect(planned).toMatchObject({ events: 1, jobs: 90 + 40 + 5 });

    const delivered = () =>
      standIns.tg.deliveredPerChat().size + standIns.discord.deliveredPerUser().size + standIns.kakao.delivered.size;
    const first = await startChild(prefix, env, counts);
    const t0 = Date.now();
    while (standIns.tg.deliveredPerChat().size < 30 && Date.now() - t0 < 30_000)
      await new Promise((r) => setTimeout(r, 10));
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const atKill = delivered();
    expect(standIns.tg.deliveredPerChat().size).toBeGreaterThanOrEqual(30);
    expect(atKill).toBeLessThan(90 + 40 + 500);

    await startChild(prefix, env, counts);
    await waitForDrain(Object.values(queues), 60_000);

    const perRecipient = new Map<string, number>();
    for (const [chat, n] of standIns.tg.deliveredPerChat()) perRecipient.set(`telegram:${chat}`, n);
    for (const [user, n] of standIns.discord.deliveredPerUser()) perRecipient.set(`discord:${user}`, n);
    for (const [key, n] of standIns.kakao.delivered) perRecipient.set(`kakao:${key}`, n);
    // No duplicates: nobody got the alert twice, on any platform.
    expect([...perRecipient.values()].filter((n) => n !== 1)).toEqual([]);
    // The restarted worker sent the rest.
    expect(delivered()).toBeGreaterThan(atKill);
    // Everyone not reached was mid-request when the worker died (status 'sending'): in doubt, never resent.
    const ledger = createRedisDeliveryStore({ redis, keyPrefix: `${prefix}:delivery:` });
    const { dedupKey } = await import('../../src/sim/threat-rules.js');
    const rule = DRAWDOWN_10 as ThreatRule;
    const lastDate = crossingSeries().at(-1)!.date;
    const missing = subs.filter((s) => !perRecipient.has(`${s.platform}:${s.target}`));
    for (const s of missing)
      expect((await ledger.get(dedupKey(s.id, rule, 'kospi', lastDate)))?.status).toBe('sending');
    // At most what one process had in flight: 16 Telegram + 16 Discord sends and 4 Kakao batches of 100.
    expect(missing.length).toBeLessThanOrEqual(16 + 16 + 400);
    console.info(
      `notify crash: ${atKill} delivered before SIGKILL, ${delivered()} after restart, ${missing.length} in doubt, 0 duplicates`,
    );
  }, 120_000);
});
