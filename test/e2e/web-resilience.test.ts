import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, launchChromium } from './chromium.js';
import { startWebHarness, type WebHarness } from './web-harness.js';

const executable = chromiumPath();

/** A proxy's error page: what nginx or a load balancer answers when the app behind it is down. */
const PROXY_502 = { status: 502, contentType: 'text/html', body: '<html><body><h1>502 Bad Gateway</h1></body></html>' };

describe.runIf(executable)('the web page degrades per request (headless Chromium, requests intercepted)', () => {
  let h: WebHarness;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    h = await startWebHarness();
    browser = await launchChromium(executable!);
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ko-KR' });
    contexts.push(context);
    return { context, page: await context.newPage() };
  }

  async function signIn(page: Page): Promise<void> {
    await page.goto(h.base);
    await page.waitForSelector('body[data-ready="true"]');
    await page.click('#login');
    await page.waitForSelector('#user-name:not([hidden])');
  }

  const signedIn = async (page: Page) => ({
    askCard: await page.locator('#ask-card').isVisible(),
    welcome: await page.locator('#welcome').isVisible(),
    user: await page.locator('#user-name').innerText(),
  });

  it('/api/config and /api/indicators failing at start: each failure is worded, and Retry fixes both', async () => {
    const { context, page } = await newPage();
    await context.route('**/api/config', (route) => route.abort('connectionrefused'));
    await context.route('**/api/indicators', (route) => route.fulfill(PROXY_502));
    await page.goto(h.base);
    await page.waitForSelector('body[data-ready="true"]');
    const problems = await page.locator('#start-problems li').allInnerTexts();
    expect(problems).toEqual([
      '서버 설정을 불러오지 못했어요. 서버에 연결하지 못했어요. 인터넷 연결을 확인해 주세요.',
      '지표 목록을 불러오지 못했어요. 서버 앞단(게이트웨이)이 오류를 돌려줬어요 (HTTP 502). 잠시 후 다시 시도해 주세요.',
    ]);
    // The page is not blank: the welcome card is there beside the message.
    expect(await page.locator('#welcome').isVisible()).toBe(true);
    // In English too, redrawn in place.
    await page.click('#lang');
    expect(await page.locator('#start-problems li').first().innerText()).toBe(
      'Could not load the server settings. Could not reach the server. Please check your connection.',
    );
    await page.click('#lang');

    await context.unrouteAll();
    await page.click('#start-retry');
    await page.waitForSelector('#start-error', { state: 'hidden' });
    await page.click('#login');
    await page.waitForSelector('#user-name:not([hidden])');
    expect(await page.locator('#indicator option').allInnerTexts()).toEqual(['질문에서 찾기', 'S&P 500']);
    await context.close();
  });

  it('/auth/refresh failing at start (a proxy 502): the form stays, the message says so, and Retry signs in', async () => {
    const { context, page } = await newPage();
    await signIn(page);
    await context.route('**/auth/refresh', (route) => route.fulfill(PROXY_502));
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.locator('#start-problems li').allInnerTexts()).toEqual([
      '로그인 상태를 확인하지 못했어요. 로그인은 그대로일 수 있어요. 서버 앞단(게이트웨이)이 오류를 돌려줬어요 (HTTP 502). 잠시 후 다시 시도해 주세요.',
    ]);
    expect(await page.locator('#welcome').isVisible()).toBe(false);
    await context.unrouteAll();
    await page.click('#start-retry');
    await page.waitForSelector('#start-error', { state: 'hidden' });
    await page.waitForSelector('#user-name:not([hidden])');
    expect(await signedIn(page)).toEqual({ askCard: true, welcome: false, user: '테스트 사용자님' });
    await context.close();
  });

  it('a scheduled renewal answered 503, then 429, keeps the user signed in and retries after Retry-After; only a 401 signs out', async () => {
    const { context, page } = await newPage();
    await page.clock.install();
    await signIn(page);
    const answers = [
      {
        status: 503,
        contentType: 'application/json',
        headers: { 'retry-after': '7' },
        body: JSON.stringify({
          error: { code: 'STORE_UNAVAILABLE', message: 'Sessions cannot be renewed right now; try again shortly.' },
        }),
      },
      {
        status: 429,
        contentType: 'application/json',
        headers: { 'retry-after': '3' },
        body: JSON.stringify({
          error: { code: 'RATE_LIMITED', message: 'Too many login attempts; try again in a minute.' },
        }),
      },
    ];
    const seen: number[] = [];
    await context.route('**/auth/refresh', async (route: Route) => {
      const next = answers.shift();
      seen.push(next?.status ?? 200);
      if (next) await route.fulfill(next);
      else await route.continue();
    });
    // The access token lives 15 minutes; the page renews a minute before it runs out.
    await page.clock.fastForward('14:01');
    await expect.poll(() => seen).toEqual([503]);
    expect(await signedIn(page)).toEqual({ askCard: true, welcome: false, user: '테스트 사용자님' });
    // Retry-After: 7 is honoured (the backoff alone would have been 2 s).
    await page.clock.fastForward(7_000);
    await expect.poll(() => seen).toEqual([503, 429]);
    expect(await signedIn(page)).toEqual({ askCard: true, welcome: false, user: '테스트 사용자님' });
    await page.clock.fastForward(4_000);
    await expect.poll(() => seen).toEqual([503, 429, 200]);
    expect(await signedIn(page)).toEqual({ askCard: true, welcome: false, user: '테스트 사용자님' });

    // A 401 is the one answer that ends the session.
    await context.unrouteAll();
    await context.route('**/auth/refresh', (route) =>
      route.fulfill({
        status: 401,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'UNAUTHORIZED', reason: 'revoked' } }),
      }),
    );
    await page.clock.fastForward('15:00');
    await page.waitForSelector('#welcome:not([hidden])');
    expect(await page.locator('#login-off').innerText()).toBe('세션이 끝났어요. 다시 로그인해 주세요.');
    await context.close();
  });

  it('two tabs renewing with the same cookie at the same moment both stay signed in', async () => {
    const { context, page } = await newPage();
    await signIn(page);
    const second = await context.newPage();
    await second.goto(h.base);
    await second.waitForSelector('#user-name:not([hidden])');
    // Hold both renewals until both have been sent, so the server sees the same refresh token twice at once.
    const held: Route[] = [];
    const cookies: string[] = [];
    let release!: () => void;
    const both = new Promise<void>((r) => (release = r));
    await context.route('**/auth/refresh', async (route) => {
      held.push(route);
      cookies.push((await route.request().allHeaders()).cookie ?? '');
      if (cookies.length === 2) release();
      await both;
      await route.continue();
    });
    await Promise.all([page.reload(), second.reload()]);
    await both;
    expect(cookies[0]).toMatch(/rx_refresh=/u);
    expect(cookies[1]).toBe(cookies[0]);
    for (const p of [page, second]) {
      await p.waitForSelector('body[data-ready="true"]');
      await p.waitForSelector('#user-name:not([hidden])');
      expect(await signedIn(p)).toEqual({ askCard: true, welcome: false, user: '테스트 사용자님' });
      expect(await p.locator('#start-error').isVisible()).toBe(false);
    }
    // And the session lives on: a later reload renews with whichever sibling the browser kept.
    await context.unrouteAll();
    await second.reload();
    await second.waitForSelector('#user-name:not([hidden])');
    expect(await signedIn(second)).toEqual({ askCard: true, welcome: false, user: '테스트 사용자님' });
    await context.close();
  });

  it('a malformed event, a 500, a proxy 502, a dropped stream and a lost connection each get a human message in both languages, and Retry answers', async () => {
    const { context, page } = await newPage();
    await signIn(page);
    const cases: { name: string; reply: (route: Route) => Promise<void>; ko: string; en: string }[] = [
      {
        name: 'malformed SSE event',
        reply: (r) =>
          r.fulfill({
            status: 200,
            contentType: 'text/event-stream',
            body: 'event: forecast\ndata: {"indicator": {"id": \n\n',
          }),
        ko: '서버에서 알아볼 수 없는 응답이 왔어요. 다시 시도해 주세요.',
        en: 'The server sent a reply the page could not read. Please try again.',
      },
      {
        name: '500 with our JSON',
        reply: (r) =>
          r.fulfill({
            status: 500,
            contentType: 'application/json',
            body: JSON.stringify({ error: { code: 'INTERNAL', message: 'Internal error' } }),
          }),
        ko: '서버에 문제가 생겼어요 (HTTP 500). 잠시 후 다시 시도해 주세요.',
        en: 'Something went wrong on the server (HTTP 500). Please try again shortly.',
      },
      {
        name: "a proxy's HTML 502",
        reply: (r) => r.fulfill(PROXY_502),
        ko: '서버 앞단(게이트웨이)이 오류를 돌려줬어요 (HTTP 502). 잠시 후 다시 시도해 주세요.',
        en: 'A gateway in front of the server answered with an error (HTTP 502). Please try again shortly.',
      },
      {
        name: 'stream that ends before done',
        reply: (r) =>
          r.fulfill({
            status: 200,
            contentType: 'text/event-stream',
            body: 'event: summary\ndata: {"text":"요약"}\n\n',
          }),
        ko: '답변을 받는 중에 연결이 끊겼어요. 다시 시도해 주세요.',
        en: 'The connection dropped while the answer was arriving. Please try again.',
      },
      {
        name: 'no connection at all',
        reply: (r) => r.abort('internetdisconnected'),
        ko: '서버에 연결하지 못했어요. 인터넷 연결을 확인해 주세요.',
        en: 'Could not reach the server. Please check your connection.',
      },
    ];
    await page.fill('#question', '앞으로 3개월 S&P 500 어때?');
    for (const c of cases) {
      await context.unrouteAll();
      await context.route('**/api/forecast', c.reply);
      await page.click('#ask');
      await page.waitForSelector('#status[data-state="error"]');
      expect(await page.locator('#form-error span').innerText(), c.name).toBe(c.ko);
      await page.click('#lang');
      expect(await page.locator('#form-error span').innerText(), c.name).toBe(c.en);
      expect(await page.locator('#status').innerText()).toBe('Error');
      await page.click('#lang');
    }
    await context.unrouteAll();
    await page.click('#form-error button');
    await page.waitForSelector('#status[data-state="done"]', { timeout: 30_000 });
    expect(await page.locator('#form-error').isVisible()).toBe(false);
    expect(await page.locator('#answer-title').innerText()).toBe('S&P 500 · 3개월 전망');
    await context.close();
  });
});
