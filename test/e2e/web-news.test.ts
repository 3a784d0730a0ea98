import { createRequire } from 'node:module';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newsItem } from '../contract/news-store.contract.js';
import { chromiumPath, launchChromium } from './chromium.js';
import { startWebHarness, type WebHarness } from './web-harness.js';

const executable = chromiumPath();
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const recent = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

let h: WebHarness;
beforeAll(async () => {
  h = await startWebHarness();
  await h.runtime.news.store.upsert([
    newsItem({
      title: '코스피, 외국인 매도에 2% 급락',
      url: 'https://www.yna.co.kr/view/1',
      source: '연합뉴스',
      indicators: ['kospi'],
      publishedAt: recent(1),
    }),
    // Hostile stored values: markup in a title must stay text, a non-http(s) link must not become a link.
    newsItem({
      title: '<img src=x onerror="window.pwned=1"> 코스피 반등',
      url: 'javascript:window.pwned=2',
      source: '익명',
      indicators: ['kospi'],
      publishedAt: recent(2),
    }),
    newsItem({
      title: '환율 1,480원 돌파',
      url: 'https://www.mk.co.kr/n/3',
      source: '매일경제',
      indicators: ['usdkrw'],
      publishedAt: recent(3),
    }),
  ]);
});
afterAll(async () => h?.close());

describe('GET /api/news over real HTTP', () => {
  it('answers a query read as an indicator with its items and the deterministic digest, with no login', async () => {
    const res = await fetch(`${h.base}/api/news?q=${encodeURIComponent('코스피')}&limit=5`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      items: { title: string; url: string; source: string; indicators: string[] }[];
      summary: string;
      summaryNarrator: string;
      indicatorId: string;
    };
    expect(body.indicatorId).toBe('kospi');
    expect(body.items.map((i) => i.title)).toEqual([
      '코스피, 외국인 매도에 2% 급락',
      '<img src=x onerror="window.pwned=1"> 코스피 반등',
    ]);
    expect(body.summary).toMatch(/^주요 헤드라인 2건:/u);
    const byIndicator = (await (await fetch(`${h.base}/api/news?indicator=usdkrw&limit=1`)).json()) as {
      items: { url: string }[];
    };
    expect(byIndicator.items.map((i) => i.url)).toEqual(['https://www.mk.co.kr/n/3']);
  });

  it("refuses bad queries with 400 and a message in the asker's language", async () => {
    for (const q of ['limit=0', 'limit=21', 'limit=abc', 'indicator=nope', `q=${'가'.repeat(61)}`]) {
      const res = await fetch(`${h.base}/api/news?${q}`, { headers: { 'accept-language': 'en-US' } });
      expect(res.status, q).toBe(400);
      expect(((await res.json()) as { error: { code: string; message: string } }).error).toEqual({
        code: 'BAD_REQUEST',
        message: 'q is at most 60 characters, indicator a catalog id, limit 1 to 20.',
      });
    }
    const ko = await fetch(`${h.base}/api/news?limit=99`);
    expect(((await ko.json()) as { error: { message: string } }).error.message).toMatch(/limit는 1~20/u);
  });
});

describe.runIf(executable)('the news panel in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium(executable!);
  });
  afterAll(async () => browser?.close());

  it('lists stored headlines as text with http(s) links only, searches, switches language, and passes axe', async () => {
    const context = await browser.newContext({ locale: 'ko-KR', bypassCSP: true });
    const page = await context.newPage();
    await page.goto(h.base);
    await page.waitForSelector('#news-list li');
    expect(await page.textContent('#news-title')).toBe('금융 뉴스');
    const items = page.locator('#news-list li');
    expect(await items.count()).toBe(3);
    expect(await page.evaluate<string[]>(`[...document.querySelectorAll('#news-list a')].map((a) => a.href)`)).toEqual([
      'https://www.yna.co.kr/view/1',
      'https://www.mk.co.kr/n/3',
    ]);
    expect(await items.nth(1).textContent()).toContain('<img src=x onerror="window.pwned=1"> 코스피 반등');
    expect(await page.locator('#news-list img').count()).toBe(0);

    await page.fill('#news-q', '환율');
    await page.click('#news-search');
    await page.waitForFunction(`document.querySelectorAll('#news-list li').length === 1`);
    expect(await page.textContent('#news-list li')).toContain('환율 1,480원 돌파');
    await page.fill('#news-q', '없는검색어');
    await page.click('#news-search');
    await page.waitForFunction(`document.getElementById('news-status')?.textContent === '저장된 뉴스가 없어요.'`);

    await page.waitForSelector('body[data-ready="true"]');
    await page.click('#lang');
    await page.waitForFunction(`document.getElementById('news-title')?.textContent === 'Financial news'`);
    expect(await page.evaluate<unknown>('window.pwned')).toBeUndefined();

    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate<string[]>(
      `axe.run('#news-panel', { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then((r) => r.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`,
    );
    expect(violations).toEqual([]);
    await context.close();
  });
});
