import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { createChartRenderer } from '../src/chart/chartjs-renderer.js';
import { createChartStore } from '../src/chart/chart-store.js';
import { createLogger } from '../src/logger.js';
import { createMemoryAccountStore } from '../src/store/memory-account-store.js';
import { createMemorySubscriptionStore } from '../src/store/memory-subscription-store.js';
import { createMemoryThreatEventStore } from '../src/store/memory-threat-event-store.js';
import { createRedisDeliveryStore } from '../src/store/redis-delivery-store.js';
import { startAlertWorkers } from '../workers/alerts-runtime.js';
import {
  crossingSeries,
  deletePrefix,
  redisConnection,
  seedSubscribers,
  startAlertStandIns,
  waitForDrain,
} from '../test/fakes/alert-harness.js';

// The bench's Redis: REDIS_URL, or the local default.
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * One threat event fanned out to N subscribers over Telegram, Discord and Kakao through the real alerts and notify
 * queues (BullMQ on the Redis at 127.0.0.1:6379) against stand-ins that enforce the platform limits:
 * Telegram ~30 msg/s per bot (token bucket, 30 burst) and 1/s per chat; Discord 50 requests/s global, and a DM is
 * two requests (open the DM channel, send); Kakao at most 100 users per request and `kakaoRps` requests/s (Kakao
 * documents no rate; 5/s is what RiskXpert is configured to respect). The platforms run in parallel, so the fastest
 * time the limits allow is the slowest platform's (messages − burst) / rate.
 */
export async function run(argv: string[] = []): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      telegram: { type: 'string', default: '3000' },
      discord: { type: 'string', default: '2000' },
      kakao: { type: 'string', default: '5000' },
      kakaoRps: { type: 'string', default: '5' },
    },
  });
  const counts = { telegram: Number(values.telegram), discord: Number(values.discord), kakao: Number(values.kakao) };
  const kakaoRps = Number(values.kakaoRps);
  const total = counts.telegram + counts.discord + counts.kakao;
  const load0 = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  console.log(
    `# alerts fan-out: 1 event → ${total} subscribers (telegram ${counts.telegram}, discord ${counts.discord}, kakao ${counts.kakao})`,
  );

  const prefix = `rxbench-alerts-${process.pid}-${Date.now()}`;
  const standIns = await startAlertStandIns({
    telegramPerSecond: 30,
    discordPerSecond: 50,
    kakaoRequestsPerSecond: kakaoRps,
  });
  const redis = new Redis(redisConnection(REDIS_URL));
  const subscriptions = createMemorySubscriptionStore();
  const subs = await seedSubscribers(subscriptions, counts);
  const outcomes: Record<string, number> = {};
  const points = crossingSeries();
  const system = startAlertWorkers({
    // Each queue at the platform's limit: Telegram 30 messages/s, Discord 25 DMs/s (50 requests), Kakao the stand-in's rate.
    config: standIns.config({
      ALERTS_TELEGRAM_PER_SECOND: '30',
      ALERTS_DISCORD_PER_SECOND: '25',
      ALERTS_KAKAO_REQUESTS_PER_SECOND: String(kakaoRps),
      ALERTS_KAKAO_DAILY_CAP: '100',
    }),
    connection: redisConnection(REDIS_URL),
    redis,
    prefix,
    stores: {
      subscriptions,
      accounts: createMemoryAccountStore(),
      events: createMemoryThreatEventStore(),
      deliveries: createRedisDeliveryStore({ redis, keyPrefix: `${prefix}:delivery:` }),
    },
    readPoints: async () => points,
    charts: {
      renderer: createChartRenderer({}),
      store: createChartStore({ ttlSeconds: 600, maxEntries: 10, backend: { kind: 'memory' } }),
    },
    // Warnings (an alert in doubt, a refused push) are printed: the figures below should come with no surprises.
    logger: createLogger({ level: 'warn', name: 'bench' }),
    onOutcome: (p, o, n) => void (outcomes[`${p}:${o}`] = (outcomes[`${p}:${o}`] ?? 0) + n),
  });
  try {
    await Promise.all(system.notifyWorkers.map((w) => w.waitUntilReady()));
    const t0 = performance.now();
    await system.onLoaded({ indicatorId: 'kospi', version: 'bench' });
    await waitForDrain([system.alertsQueue as never], 60_000);
    const enqueuedAt = (performance.now() - t0) / 1000;
    const finished: Record<string, number> = {};
    const watch = setInterval(() => {
      const s = (performance.now() - t0) / 1000;
      if (finished.telegram === undefined && standIns.tg.deliveredPerChat().size >= counts.telegram)
        finished.telegram = s;
      if (finished.discord === undefined && standIns.discord.deliveredPerUser().size >= counts.discord)
        finished.discord = s;
      if (finished.kakao === undefined && standIns.kakao.delivered.size >= counts.kakao) finished.kakao = s;
    }, 50);
    await waitForDrain([system.alertsQueue as never, ...Object.values(system.notifyQueues)], 30 * 60_000);
    const elapsed = (performance.now() - t0) / 1000;
    clearInterval(watch);

    const perRecipient = new Map<string, number>();
    for (const [chat, n] of standIns.tg.deliveredPerChat()) perRecipient.set(`telegram:${chat}`, n);
    for (const [user, n] of standIns.discord.deliveredPerUser()) perRecipient.set(`discord:${user}`, n);
    for (const [key, n] of standIns.kakao.delivered) perRecipient.set(`kakao:${key}`, n);
    const lost = subs.filter((s) => !perRecipient.has(`${s.platform}:${s.target}`)).length;
    const duplicated = [...perRecipient.values()].reduce((a, n) => a + Math.max(0, n - 1), 0);
    const minimum = {
      telegram: Math.max(0, counts.telegram - 30) / 30,
      discord: Math.max(0, 2 * counts.discord - 50) / 50,
      kakao: Math.max(0, Math.ceil(counts.kakao / 100) - kakaoRps) / kakaoRps,
    };
    const floor = Math.max(minimum.telegram, minimum.discord, minimum.kakao);
    const r429 = {
      telegram: standIns.tg.calls.filter((c) => c.outcome.startsWith('Too Many')).length,
      discord: standIns.discord.calls.filter((c) => c.status === 429).length,
      kakao: standIns.kakao.requests.filter((r) => r.status === 429).length,
    };
    for (const p of ['telegram', 'discord', 'kakao'] as const) {
      console.log(
        `  ${p.padEnd(9)} ${String(counts[p]).padStart(6)} subscribers  done at ${(finished[p] ?? elapsed).toFixed(1).padStart(6)} s  limit allows ${minimum[p].toFixed(1).padStart(6)} s  429s ${r429[p]}`,
      );
    }
    console.log(`  evaluation, chart and ${total} notify jobs enqueued in ${enqueuedAt.toFixed(2)} s (included below)`);
    console.log(
      `  elapsed ${elapsed.toFixed(1)} s; fastest the rate limits allow ${floor.toFixed(1)} s; ratio ${(elapsed / floor).toFixed(3)} (target ≤ 1.10)`,
    );
    console.log(
      `  lost=${lost} duplicated=${duplicated}  kakao sends=${standIns.kakao.requests.filter((r) => r.status === 200 && r.users.length > 0).length} (+ task reads) billed=${standIns.kakao.billedKrw()} KRW`,
    );
    console.log(`  outcomes ${JSON.stringify(outcomes)}`);
    console.log(
      `  load average before ${load0}, after ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} (shared machine)`,
    );
    if (lost || duplicated) process.exitCode = 1;
  } finally {
    await system.close();
    redis.disconnect();
    await standIns.close();
    await deletePrefix(prefix, REDIS_URL);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run(process.argv.slice(2));
