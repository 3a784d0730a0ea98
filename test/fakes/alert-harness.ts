// Shared by the alert tests, the notify crash child and the fan-out benchmark: the three platform stand-ins and a
// config pointing at them, deterministic subscriptions, a series that crosses the rules, and queue helpers.
import { Redis } from 'ioredis';
import type { Queue } from 'bullmq';
import { loadConfig, type Config } from '../../src/config.js';
import type { Point } from '../../src/data/series.js';
import type { Subscription, SubscriptionRule, SubscriptionStore } from '../../src/store/subscription-store.js';
import { startFakeDiscord } from './discord-rest.js';
import { startFakeKakaoEventApi } from './kakao-event-api.js';
import { startFakeTelegram } from './telegram-bot-api.js';

export const TG_TOKEN = '77:ALERTS';
export const KAKAO_BOT = 'bot-alerts';
export const KAKAO_KEY = 'kakao-rest-key';

export async function startAlertStandIns(
  o: {
    telegramPerSecond?: number;
    discordPerSecond?: number;
    kakaoRequestsPerSecond?: number;
    blockedTelegram?: number[];
    blockedDiscord?: string[];
    blockedKakao?: string[];
  } = {},
) {
  const tg = await startFakeTelegram({
    token: TG_TOKEN,
    globalPerSecond: o.telegramPerSecond ?? 30,
    ...(o.blockedTelegram ? { blocked: o.blockedTelegram } : {}),
  });
  const discord = await startFakeDiscord({
    globalPerSecond: o.discordPerSecond ?? 50,
    ...(o.blockedDiscord ? { blockedUsers: o.blockedDiscord } : {}),
  });
  const kakao = await startFakeKakaoEventApi({
    botId: KAKAO_BOT,
    restApiKey: KAKAO_KEY,
    requestsPerSecond: o.kakaoRequestsPerSecond ?? 5,
    ...(o.blockedKakao ? { blocked: o.blockedKakao } : {}),
  });
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    TELEGRAM_BOT_TOKEN: TG_TOKEN,
    TELEGRAM_API_ROOT: tg.apiRoot,
    DISCORD_TOKEN: 'discord-bot-token',
    DISCORD_API_BASE: discord.api,
    KAKAO_REST_API_KEY: KAKAO_KEY,
    KAKAO_BOT_ID: KAKAO_BOT,
    KAKAO_EVENT_API_BASE: kakao.baseUrl,
    PUBLIC_BASE_URL: 'http://127.0.0.1:9',
  };
  return {
    tg,
    discord,
    kakao,
    env,
    config: (extra: Record<string, string> = {}): Config => loadConfig({ ...env, ...extra }),
    async close() {
      await Promise.all([tg.close(), discord.close(), kakao.close()]);
    },
  };
}

/** 200 flat days at 2,500 and a last day at 2,150: a 14% drawdown and a 14% daily fall. */
export function crossingSeries(lastValue = 2_150): Point[] {
  const start = Date.UTC(2026, 0, 1);
  const pts: Point[] = [];
  for (let i = 0; i < 200; i += 1)
    pts.push({ date: new Date(start + i * 86_400_000).toISOString().slice(0, 10), value: 2_500 + (i % 3) });
  pts.push({ date: new Date(start + 200 * 86_400_000).toISOString().slice(0, 10), value: lastValue });
  return pts;
}

export const DRAWDOWN_10: SubscriptionRule = { kind: 'drawdown', lookbackDays: 90, thresholdPct: 10 };

/**
 * Deterministic subscribers: Telegram chats 100001.., Discord users 200001.., Kakao keys k300001.. (opted in),
 * so a child process can rebuild the same store and a checker knows every recipient.
 */
export async function seedSubscribers(
  store: SubscriptionStore,
  counts: { telegram: number; discord: number; kakao: number },
  rule: SubscriptionRule = DRAWDOWN_10,
  indicatorId = 'kospi',
): Promise<Subscription[]> {
  const out: Subscription[] = [];
  for (let i = 0; i < counts.telegram; i += 1)
    out.push(
      await store.add({
        userId: `telegram:${100_001 + i}`,
        platform: 'telegram',
        target: String(100_001 + i),
        indicatorId,
        rule,
      }),
    );
  for (let i = 0; i < counts.discord; i += 1)
    out.push(
      await store.add({
        userId: `discord:${200_001 + i}`,
        platform: 'discord',
        target: String(200_001 + i),
        indicatorId,
        rule,
        optIn: true,
      }),
    );
  for (let i = 0; i < counts.kakao; i += 1)
    out.push(
      await store.add({
        userId: `kakao:k${300_001 + i}`,
        platform: 'kakao',
        target: `k${300_001 + i}`,
        indicatorId,
        rule,
        optIn: true,
      }),
    );
  return out;
}

/** BullMQ connection options for a Redis URL (the test file's own Redis, test/fakes/test-redis.ts). */
export const redisConnection = (url: string) => {
  const u = new URL(url);
  return { host: u.hostname, port: Number(u.port || 6379), maxRetriesPerRequest: null };
};

/** Resolves once no notify job is waiting, active, delayed or prioritized (twice in a row, 100 ms apart). */
export async function waitForDrain(queues: readonly Queue[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let quiet = 0;
  for (;;) {
    const counts = await Promise.all(
      queues.map((q) => q.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children')),
    );
    const pending = counts.reduce((s, c) => s + Object.values(c).reduce((a, b) => a + b, 0), 0);
    quiet = pending === 0 ? quiet + 1 : 0;
    if (quiet >= 2) return;
    if (Date.now() > deadline) throw new Error(`queues not drained: ${JSON.stringify(counts)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Deletes every key under the prefix (this test's queues, ledger, per-chat gaps and caps). */
export async function deletePrefix(prefix: string, url: string): Promise<void> {
  const redis = new Redis(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1_000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
