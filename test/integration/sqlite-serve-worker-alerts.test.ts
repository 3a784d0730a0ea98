import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { ETL_QUEUE, type EtlJobData } from '../../src/data/etl-jobs.js';
import { requestRefresh } from '../../workers/queue-driver.js';
import { startFredServer } from '../fakes/fred-server.js';
import { freePort, startPrivateRedis } from '../fakes/private-redis.js';
import {
  eventually,
  runRiskxpert,
  startRiskxpert,
  telegramUpdate,
  type LongRunning,
} from '../fakes/riskxpert-process.js';
import { startFakeTelegram } from '../fakes/telegram-bot-api.js';

const TOKEN = '4343:SQLITE-alerts';
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

// 300 quiet days of WTI around 70 $, then a day at +8%: a "move 5%" subscription must fire once.
const days = Array.from({ length: 301 }, (_, i) =>
  new Date(Date.UTC(2025, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
);
const wti = days.map((date, i) => ({ date, value: i < 300 ? (70 + (i % 3) * 0.1).toFixed(2) : '75.82' }));

describe('serve, worker and a one-shot etl run as separate processes on one embedded database', () => {
  it('a subscription made through serve is evaluated by the worker after it loads data, and delivered once; serve answers all along', async () => {
    const home = await mkdtemp(join(tmpdir(), 'rx-two-proc-'));
    dirs.push(home);
    const redis = await startPrivateRedis();
    const tg = await startFakeTelegram({ token: TOKEN });
    const fred = await startFredServer({
      series: { DCOILWTICO: wti, DGS10: days.map((date, i) => ({ date, value: (4 + (i % 5) / 100).toFixed(2) })) },
    });
    const port = await freePort();
    const common = {
      RISKXPERT_HOME: home,
      FORECASTER: 'drift',
      LLM_ENABLED: 'false',
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: tg.apiRoot,
      DISCORD_TOKEN: '',
      KAKAO_REST_API_KEY: '',
    };
    const procs: LongRunning[] = [];
    const queueRedis = new Redis(redis.url, { maxRetriesPerRequest: null });
    const etlQueue = new Queue<EtlJobData>(ETL_QUEUE, { connection: queueRedis });
    const chat = 8_001;
    const toChat = (id: number) =>
      tg.calls
        .filter(
          (c) =>
            (c.method === 'sendMessage' || c.method === 'sendPhoto') &&
            Number(c.params.chat_id) === id &&
            c.outcome === 'ok',
        )
        .map((c) => String(c.params.text ?? c.params.caption));
    const post = (id: number, text: string) =>
      fetch(`http://127.0.0.1:${port}/telegram/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(telegramUpdate(id, text)),
      });
    try {
      const serve = startRiskxpert(['serve'], {
        ...common,
        PORT: String(port),
        PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
        LOG_LEVEL: 'warn',
        RATE_LIMIT_IP_PER_MINUTE: '0',
      });
      procs.push(serve);
      const worker = startRiskxpert(['worker'], {
        ...common,
        QUEUE_REDIS_URL: redis.url,
        ETL_PROVIDERS: 'fred',
        FRED_BASE_URL: fred.url,
        WORKER_METRICS_PORT: '0',
        LOG_LEVEL: 'info',
      });
      procs.push(worker);
      await eventually(
        'serve up',
        () =>
          fetch(`http://127.0.0.1:${port}/healthz`).then(
            (r) => (r.ok ? true : undefined),
            () => undefined,
          ),
        120_000,
      );
      await worker.waitForOutput(/alerts and notify workers running/u, 120_000);

      // The user subscribes on Telegram, through serve.
      expect((await post(chat, '/subscribe wti 급변 5')).status).toBe(200);
      const confirmation = await eventually('the subscription reply', () =>
        toChat(chat).find((t) => t.startsWith('🔔')),
      );
      expect(confirmation).toBe('🔔 알림 설정: WTI 국제유가 — 하루 ±5% 이상 변동');

      // The worker loads WTI (a refresh job, as a stale answer would ask for) while serve answers questions.
      await requestRefresh(etlQueue, 'wti');
      // A third process at the same time: a one-shot `etl run` writing another series into the same file.
      const oneShot = runRiskxpert(['etl', 'run', '--indicator', 'us10y'], {
        ...common,
        ETL_PROVIDERS: 'fred',
        FRED_BASE_URL: fred.url,
        QUEUE_REDIS_URL: redis.url,
      });
      const answering = Array.from({ length: 6 }, (_, i) => 9_000 + i);
      for (const id of answering) expect((await post(id, '/forecast S&P 500 3')).status).toBe(200);

      // The alert arrives in the subscriber's chat: sent by the worker, which read the subscription serve wrote.
      const alert = await eventually(
        'the WTI alert in the chat',
        () => toChat(chat).find((t) => !t.startsWith('🔔')),
        120_000,
      );
      expect(alert).toMatch(/WTI/u);
      expect(alert).toMatch(/8(\.\d)?%/u);
      for (const id of answering)
        await eventually(`the answer in chat ${id}`, () => toChat(id).find((t) => /S&P 500/u.test(t)), 120_000);

      // Serve answers from what the worker loaded, in its own process.
      const before = toChat(9_100).length;
      await post(9_100, '/forecast wti 3');
      const wtiAnswer = await eventually(
        'the WTI answer',
        () =>
          toChat(9_100)
            .slice(before)
            .find((t) => /WTI/u.test(t)),
        120_000,
      );
      expect(wtiAnswer).toMatch(/75\.8/u);
      const etl = await oneShot;
      expect(etl.code, etl.err).toBe(0);
      expect(etl.out).toMatch(/✓ us10y +301 points \(301 new, 0 changed\) from fred/u);
      const status = await runRiskxpert(['status'], { RISKXPERT_HOME: home });
      expect(status.out).toMatch(/^us10y +fred:DGS10 +301 pts/mu);
      expect(status.out).toMatch(/^wti +fred:DCOILWTICO +301 pts +2025-01-01\.\.2025-10-28/mu);

      // Exactly one alert, and no lock error reached anyone.
      expect(toChat(chat).filter((t) => !t.startsWith('🔔'))).toHaveLength(1);
      for (const out of [...procs.map((p) => p.output()), etl.out + etl.err])
        expect(out).not.toMatch(/SQLITE_BUSY|STORE_LOCKED|database is locked/u);
      // Serve's 🔔 reply and the worker's alert go to the same chat from two processes, and the worker paces only its
      // own sends: when they land within Telegram's per-chat second, the stand-in answers 429 as Telegram would, and
      // the worker waits its retry_after and delivers (the single alert above). Anything else is a failure.
      const refused = tg.calls.filter((c) => c.outcome !== 'ok' && c.method !== 'getMe');
      for (const c of refused)
        expect(c, JSON.stringify(c.params)).toMatchObject({
          outcome: expect.stringMatching(/^Too Many Requests: retry after \d+$/u),
          params: { chat_id: chat },
        });
      expect(refused.length).toBeLessThanOrEqual(1);
    } finally {
      for (const p of procs) await p.stop();
      await etlQueue.close();
      queueRedis.disconnect();
      await Promise.all([tg.close(), fred.close()]);
      await redis.stop();
    }
  }, 300_000);
});
