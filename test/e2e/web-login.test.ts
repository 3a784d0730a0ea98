import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAi } from '../fakes/openai-server.js';
import { chromiumPath, launchChromium } from './chromium.js';
import { startWebHarness, type WebHarness } from './web-harness.js';

const executable = chromiumPath();
const ci = process.env.CI === 'true' || process.env.CI === '1';
const SUMMARY = '요약: 중앙 전망은 완만한 상승이지만 불확실성이 큽니다.';
// The offline sample ends in April 2020: the engine names its date before any narrator's words, the LLM's too.
const OLD_DATA = /^자료가 2020년 4월 17일까지만 있어\([\d,]+일 전\), 그 뒤의 움직임은 이 답에 반영되지 않았습니다\. /u;
const SHOWN = (text: string) => text.replace(OLD_DATA, '');
const SCENARIO = [
  '기본 시나리오에서는 지수가 완만하게 오를 가능성이 큽니다.',
  '다만 금리가 다시 오르면 상승 폭이 줄어들 수 있어요.',
  '하방 시나리오는 경기 둔화가 확인되는 경우입니다.',
  '상방 시나리오는 기업 실적이 예상보다 좋을 때예요.',
  '어느 경우든 예측은 확률적인 범위일 뿐 투자 권유가 아닙니다.',
].join(' ');

// CI must prove the page works: there a missing Chromium is a failure, never a skip.
it.runIf(!executable)(`Chromium is missing: the end-to-end test ${ci ? 'FAILS on CI' : 'is NOT run locally'}`, () => {
  console.warn(
    'web e2e NOT run: no Chromium found (apt-get install chromium, or set CHROMIUM_PATH). .ci/run installs it.',
  );
  expect(ci, 'CI=true but Chromium is missing: .ci/run should have installed it').toBe(false);
});

describe.runIf(executable)(
  'the web page in headless Chromium against the running server and the Kakao Login stand-in',
  () => {
    let h: WebHarness;
    let llm: Awaited<ReturnType<typeof startFakeOpenAi>>;
    let browser: Browser;
    let page: Page;
    const problems: string[] = [];

    beforeAll(async () => {
      llm = await startFakeOpenAi();
      // The summary, then the scenario in small pieces 120 ms apart: the page must show it grow, not all at the end.
      llm.script({ kind: 'ok', text: SUMMARY }, { kind: 'ok', text: SCENARIO, chunkSize: 8, delayMs: 120 });
      h = await startWebHarness({
        LLM_ENABLED: 'true',
        OPENAI_API_KEY: 'sk-test',
        OPENAI_BASE_URL: llm.url,
        LLM_MAX_RETRIES: '0',
      });
      browser = await launchChromium(executable!);
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 1,
        locale: 'ko-KR',
      });
      page = await context.newPage();
      page.on('console', (m) => {
        // A logged-out page asks /auth/refresh once and is told 401: expected. Anything else (CSP, script errors) is not.
        if (m.type() === 'error' && !/status of 401/u.test(m.text())) problems.push(`console: ${m.text()}`);
      });
      page.on('response', (r) => {
        if (r.status() === 401 && new URL(r.url()).pathname !== '/auth/refresh') problems.push(`401 from ${r.url()}`);
      });
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    });

    afterAll(async () => {
      await browser?.close();
      await h?.close();
      await llm?.close();
    });

    it('logs in with Kakao, asks, sees the scenario stream in and the chart appear, finds it in history, logs out', async () => {
      await page.goto(h.base);
      await page.waitForSelector('body[data-ready="true"]');
      expect(await page.locator('#login').isVisible()).toBe(true);
      expect(await page.locator('#login').innerText()).toBe('카카오 로그인');

      // Real redirects: our /auth/kakao/login -> the stand-in's /oauth/authorize -> our callback -> "/".
      await page.click('#login');
      await page.waitForSelector('#ask-card:not([hidden])');
      expect(new URL(page.url()).pathname).toBe('/');
      expect(page.url()).not.toContain('code=');
      expect(await page.locator('#user-name').innerText()).toBe('테스트 사용자님');
      const cookies = await page.context().cookies();
      expect(cookies.find((c) => c.name === 'rx_refresh')).toMatchObject({
        httpOnly: true,
        sameSite: 'Strict',
        path: '/auth',
      });
      // The access token is not readable from storage or cookies by page scripts.
      expect(await page.evaluate<string>('JSON.stringify(localStorage) + document.cookie')).not.toMatch(/eyJ/u);

      await page.selectOption('#indicator', 'sp500');
      await page.selectOption('#months', '3');
      await page.fill('#question', '앞으로 3개월 S&P 500 어때?');
      // Browser-side snippets are strings: this project's TypeScript has no DOM library (it is Node code).
      await page.evaluate(`(() => {
      window.rxSeen = [];
      const scenario = document.getElementById('scenario');
      new MutationObserver(() => window.rxSeen.push({ len: scenario.textContent.length, state: document.getElementById('status').dataset.state }))
        .observe(scenario, { childList: true, characterData: true, subtree: true });
    })()`);
      await page.click('#ask');
      await page.waitForSelector('#status[data-state="done"]', { timeout: 60_000 });

      const seen = await page.evaluate<{ len: number; state: string }[]>('window.rxSeen');
      const grew = seen.filter((s, i) => s.len > 0 && (i === 0 || s.len > seen[i - 1]!.len));
      // One DOM update per streamed sentence, each while the answer was still streaming.
      expect(grew.length).toBeGreaterThanOrEqual(4);
      expect(grew.every((s) => s.state === 'streaming')).toBe(true);
      expect(await page.locator('#scenario').innerText()).toBe(SCENARIO);
      const summary = await page.locator('#summary').innerText();
      expect(summary).toMatch(OLD_DATA);
      expect(SHOWN(summary)).toBe(SUMMARY);
      expect(await page.locator('#answer-title').innerText()).toBe('S&P 500 · 3개월 전망');

      await page.waitForFunction(
        `document.getElementById('chart').complete && document.getElementById('chart').naturalWidth > 0`,
      );
      const chart = await page.evaluate<{ src: string; width: number; shown: boolean }>(`(() => {
      const img = document.getElementById('chart');
      return { src: new URL(img.src).pathname, width: img.naturalWidth, shown: !document.getElementById('chart-box').hidden };
    })()`);
      expect(chart.src).toMatch(/^\/charts\/[A-Za-z0-9_-]{43}\.png$/u);
      expect(chart.width).toBeGreaterThan(300);
      expect(chart.shown).toBe(true);

      await page.waitForSelector('#history li');
      const first = page.locator('#history li').first();
      expect(await first.locator('.q').innerText()).toBe('앞으로 3개월 S&P 500 어때?');
      expect(SHOWN(await first.locator('.gist').innerText())).toBe(SUMMARY);
      // Past answers show their numbers.
      expect(await first.locator('.nums').innerText()).toMatch(
        /^현재 [\d,.]+ → \d{4}년 \d{1,2}월 중앙값 [\d,.]+ \(80% 구간 [\d,.]+ ~ [\d,.]+\)$/u,
      );
      // Opening a past answer draws its chart from the stored record (fetched with the access token; CSP allows blob:).
      await first.locator('details summary').click();
      // Polled from here: waitForFunction's in-page polling would need 'unsafe-eval', which the CSP rightly refuses.
      await first.locator('details img:not([hidden])').waitFor();
      let past = { src: '', width: 0, height: 0 };
      for (let i = 0; i < 100 && past.width === 0; i += 1) {
        past = await page.evaluate<typeof past>(`(() => {
        const img = document.querySelector('#history li details img');
        return { src: img.src, width: img.complete ? img.naturalWidth : 0, height: img.naturalHeight };
      })()`);
        if (past.width === 0) await new Promise((r) => setTimeout(r, 50));
      }
      expect(past.src).toMatch(/^blob:/u);
      expect(past).toMatchObject({ width: 800, height: 450 });

      // English is one click away, and the choice survives a reload.
      await page.click('#lang');
      expect(await page.locator('#ask').innerText()).toBe('Ask');
      expect(await page.locator('h2[data-i18n="history"]').innerText()).toBe('Your past answers');
      await page.reload();
      await page.waitForSelector('body[data-ready="true"]');
      expect(await page.locator('#logout').innerText()).toBe('Log out');
      // Still logged in after a reload: the page renewed its access token from the rotated refresh cookie.
      await page.waitForSelector('#history li');
      await page.click('#lang');

      await page.click('#logout');
      await page.waitForSelector('#welcome:not([hidden])');
      expect(await page.locator('#ask-card').isHidden()).toBe(true);
      expect((await page.context().cookies()).find((c) => c.name === 'rx_refresh')).toBeUndefined();
      await page.reload();
      await page.waitForSelector('body[data-ready="true"]');
      expect(await page.locator('#welcome').isVisible()).toBe(true);

      expect(problems).toEqual([]);
      expect(llm.requests).toHaveLength(2);
    });
  },
);
