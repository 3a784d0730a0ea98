import { Redis } from 'ioredis';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../src/logger.js';
import { totpNow } from '../../src/ops/totp.js';
import { createMemoryAccountStore } from '../../src/store/memory-account-store.js';
import { createMemoryThreatEventStore } from '../../src/store/memory-threat-event-store.js';
import { createRedisDeliveryStore } from '../../src/store/redis-delivery-store.js';
import { startAlertWorkers } from '../../workers/alerts-runtime.js';
import { closeNotifyQueues, createNotifyQueues } from '../../workers/notify-queue.js';
import { DRAWDOWN_10, redisConnection, startAlertStandIns, waitForDrain } from '../fakes/alert-harness.js';
import { useTestRedis } from '../fakes/test-redis.js';
import { waitUntil } from '../fakes/wait-until.js';
import { ADMIN_KAKAO_ID, testClock } from '../ops/ops-helpers.js';
import { chromiumPath, launchChromium } from './chromium.js';
import { startWebHarness, type WebHarness } from './web-harness.js';

const executable = chromiumPath();
const ci = process.env.CI === 'true' || process.env.CI === '1';
const testRedis = useTestRedis();

it.runIf(!executable)(
  `Chromium is missing: the broadcast end-to-end test ${ci ? 'FAILS on CI' : 'is NOT run locally'}`,
  () => {
    console.warn('admin broadcast e2e NOT run: no Chromium found (apt-get install chromium, or set CHROMIUM_PATH).');
    expect(ci).toBe(false);
  },
);

const TEXT = '오늘 02:00 KST에 점검이 있어요. Maintenance at 02:00 KST.';

describe.runIf(executable)(
  'the console in Chromium: stored LLM use, and a broadcast that reaches Telegram through the notify worker',
  () => {
    const clock = testClock();
    let h: WebHarness;
    let standIns: Awaited<ReturnType<typeof startAlertStandIns>>;
    let workers: ReturnType<typeof startAlertWorkers>;
    let redis: Redis;
    let browser: Browser;
    let page: Page;
    const problems: string[] = [];

    beforeAll(async () => {
      standIns = await startAlertStandIns();
      // The web server queues on this Redis; the notify worker below takes its jobs from it, as two processes would.
      h = await startWebHarness(
        { ADMIN_KAKAO_IDS: String(ADMIN_KAKAO_ID), QUEUE_REDIS_URL: testRedis.url },
        { now: clock.now },
      );
      const subscriptions = h.runtime.stores.subscriptions;
      const sub = (id: number, locale?: 'en') =>
        subscriptions.add({
          userId: `telegram:${id}`,
          platform: 'telegram',
          target: String(id),
          indicatorId: 'kospi',
          rule: DRAWDOWN_10,
          ...(locale ? { locale } : {}),
        });
      await sub(7001);
      await sub(7002, 'en');
      // Discord without opt-in is never pushed to: not a recipient of anything.
      await subscriptions.add({
        userId: 'discord:d9',
        platform: 'discord',
        target: 'd9',
        indicatorId: 'kospi',
        rule: DRAWDOWN_10,
      });
      redis = new Redis(redisConnection(testRedis.url));
      workers = startAlertWorkers({
        config: standIns.config(),
        connection: redisConnection(testRedis.url),
        redis,
        stores: {
          subscriptions,
          accounts: createMemoryAccountStore(),
          events: createMemoryThreatEventStore(),
          deliveries: createRedisDeliveryStore({ redis, keyPrefix: 'rxtest-broadcast:delivery:' }),
        },
        readPoints: async () => [],
        logger: createSilentLogger(),
      });
      await Promise.all(workers.notifyWorkers.map((w) => w.waitUntilReady()));
      browser = await launchChromium(executable!);
      page = await (await browser.newContext({ locale: 'ko-KR' })).newPage();
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      page.on('response', (r) => {
        if (r.status() >= 400 && r.status() !== 401 && r.status() !== 403) problems.push(`${r.status()} ${r.url()}`);
      });
      page.on('console', (m) => {
        if (m.type() === 'error' && !/status of (401|403)/u.test(m.text())) problems.push(`console: ${m.text()}`);
      });
    }, 60_000);
    afterAll(async () => {
      await browser?.close();
      await workers?.close();
      redis?.disconnect();
      await h?.close();
      await standIns?.close();
    });

    const sentTexts = () =>
      standIns.tg.calls
        .filter((c) => c.method === 'sendMessage' && c.outcome === 'ok')
        .map((c) => [Number(c.params.chat_id), String(c.params.text)] as const);

    it('an admin with a fresh code previews, confirms, and each Telegram subscriber gets it once in their language', async () => {
      // One recorded LLM call, so the console's LLM section has a stored row to draw.
      h.runtime.llmUsage.record({
        feature: 'explanation',
        model: 'gpt-4o-mini',
        tokensIn: 120,
        tokensOut: 40,
        latencyMs: 800,
        outcome: 'ok',
      });
      await h.runtime.llmUsage.flush();
      h.kakao.setUser({ id: ADMIN_KAKAO_ID, nickname: '관리자' });
      await page.goto(`${h.base}/admin`);
      await page.click('#login a');
      await page.waitForURL(`${h.base}/`);
      await page.goto(`${h.base}/admin`);
      await page.click('#enroll-start');
      await page.waitForSelector('#enroll-out:not([hidden])');
      const secret = (await page.textContent('#secret'))!.trim();
      await page.fill('#mfa-code', await totpNow(secret, clock.now()));
      await page.click('#mfa-form button');
      await page.waitForSelector('#admin-only:not([hidden])');
      const llmRow = await page.$$eval('#llm tbody tr td', (tds) => tds.map((td) => td.textContent));
      expect(llmRow.slice(1)).toEqual(['explanation', 'gpt-4o-mini', '1', '0', '800', '120', '40', '0.0000']);

      // Minutes later the code is no longer fresh: the console asks for a new one before it previews.
      clock.advance(6 * 60_000);
      await page.selectOption('#bc-target', 'platform:telegram');
      await page.fill('#bc-text', TEXT);
      await page.click('#bc-form button');
      await expect.poll(() => page.textContent('#bc-result')).toContain('Enter a fresh code first');
      await page.waitForSelector('#mfa:not([hidden])');
      expect(await page.isHidden('#bc-send')).toBe(true);
      await page.fill('#mfa-code', await totpNow(secret, clock.now()));
      await page.click('#mfa-form button');
      await page.waitForSelector('#mfa', { state: 'hidden' });

      await page.selectOption('#bc-target', 'platform:telegram');
      await page.fill('#bc-text', TEXT);
      await page.click('#bc-form button');
      await page.waitForSelector('#bc-send:not([hidden])');
      const preview = (await page.textContent('#bc-preview'))!;
      expect(preview).toContain('Telegram 2 · Discord 0 · Kakao 0 (2)');
      expect(preview).toContain(`[RiskXpert 공지]\n${TEXT}`);
      // Nothing goes out on a preview.
      expect(sentTexts()).toEqual([]);

      await page.click('#bc-send');
      await expect.poll(() => page.textContent('#bc-result')).toContain('Queued 2');
      await waitUntil(() => sentTexts().length >= 2, 'both Telegram subscribers to receive the broadcast', 15_000);
      // Once the notify queues are empty nothing more can arrive: exactly one message per chat.
      const queues = createNotifyQueues(redisConnection(testRedis.url));
      await waitForDrain(Object.values(queues), 10_000).finally(() => closeNotifyQueues(queues));
      expect(sentTexts().sort(([a], [b]) => a - b)).toEqual([
        [7001, `[RiskXpert 공지]\n${TEXT}`],
        [7002, `[RiskXpert notice]\n${TEXT}`],
      ]);

      // The send is in the audit log the console shows.
      await page.click('#audit-form button');
      await page.waitForSelector('#audit tbody tr[data-type="broadcast"]');
      expect(problems).toEqual([]);
    }, 120_000);
  },
);
