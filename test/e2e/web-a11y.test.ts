import { createRequire } from 'node:module';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerEvent, Engine } from '../../src/engine/answer-types.js';
import { chromiumPath, launchChromium } from './chromium.js';
import { startWebHarness, type WebHarness } from './web-harness.js';

const executable = chromiumPath();
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

/**
 * The runtime's real engine, with two changes a page test needs: each event comes 40 ms after the previous one
 * (so "while it streams" lasts long enough to look at), and "금리 전망" without a chosen indicator asks back.
 */
function pageTestEngine(real: () => Engine): Engine {
  return {
    async *answer(request, options) {
      if (/금리/u.test(request.question) && !request.indicatorId) {
        const clarify: AnswerEvent = {
          type: 'clarify',
          reason: 'ambiguous-indicator',
          message: '어느 금리를 말씀하시나요?',
          choices: [{ label: 'S&P 500', indicatorId: 'sp500' }],
        };
        yield clarify;
        return;
      }
      for await (const event of real().answer(request, options)) {
        await new Promise((r) => setTimeout(r, 40));
        yield event;
      }
    },
  };
}

interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's WCAG 2.1 A and AA rules on the page as it stands; returns the violations, one line each. */
async function axe(page: Page): Promise<string[]> {
  if (!(await page.evaluate<boolean>('typeof window.axe === "object"'))) await page.addScriptTag({ path: AXE });
  const r = await page.evaluate<{ passes: number; violations: AxeViolation[] }>(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then((r) => ({ passes: r.passes.length, violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })) }))`,
  );
  // axe really looked: colour contrast, names, landmarks and the rest passed on real nodes.
  expect(r.passes).toBeGreaterThan(10);
  return r.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

describe.runIf(executable)('the web page for everyone: axe-core, keyboard only, both languages, asking back', () => {
  let h: WebHarness;
  let browser: Browser;
  const engine: { real?: Engine } = {};

  beforeAll(async () => {
    h = await startWebHarness({}, { engine: pageTestEngine(() => engine.real!) });
    engine.real = h.runtime.engine;
    browser = await launchChromium(executable!);
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  async function open(options: BrowserContextOptions): Promise<Page> {
    // bypassCSP: only so that axe-core can be injected; the page's own scripts are the same either way.
    const context = await browser.newContext({ locale: 'ko-KR', bypassCSP: true, ...options });
    return context.newPage();
  }

  async function askAndWait(page: Page, question: string): Promise<void> {
    await page.fill('#question', question);
    await page.click('#ask');
    await page.waitForSelector('#status[data-state="done"]', { timeout: 30_000 });
    await page.waitForSelector('#history li');
  }

  for (const [name, options] of [
    ['phone', { viewport: PHONE }],
    ['desktop', { viewport: DESKTOP }],
    ['phone, dark', { viewport: PHONE, colorScheme: 'dark' }],
  ] as const) {
    it(`axe-core WCAG 2.1 A/AA, ${name}: no violations signed out, signed in, and after an answer`, async () => {
      const page = await open(options);
      await page.goto(h.base);
      await page.waitForSelector('body[data-ready="true"]');
      expect(await axe(page), 'signed out').toEqual([]);
      await page.click('#login');
      await page.waitForSelector('#history-card:not([hidden])');
      expect(await axe(page), 'signed in').toEqual([]);
      await askAndWait(page, '앞으로 3개월 S&P 500 어때?');
      // The numbers table and a past answer open, so that what they show is checked too.
      await page.click('#chart-caption summary');
      await page.locator('#history li details summary').first().click();
      await page.locator('#history li details img:not([hidden])').first().waitFor();
      expect(await axe(page), 'after an answer').toEqual([]);
      // Every control is at least 44 px tall and wide (WCAG 2.5.5's size, beyond the AA minimum).
      const small = await page.evaluate<
        string[]
      >(`[...document.querySelectorAll('button, a, select, textarea, summary')]
        .filter((e) => e.offsetParent !== null)
        .map((e) => [e, e.getBoundingClientRect()])
        .filter(([, r]) => r.height < 44 || r.width < 44)
        .map(([e, r]) => (e.id || e.className || e.tagName) + ' ' + Math.round(r.width) + 'x' + Math.round(r.height))`);
      expect(small).toEqual([]);
      await page.context().close();
    });
  }

  it('keyboard only: signs in, asks (focus stays on Ask while it streams, then moves to the heading), opens a past answer', async () => {
    const page = await open({ viewport: PHONE });
    await page.goto(h.base);
    await page.waitForSelector('body[data-ready="true"]');
    const focused = () => page.evaluate<string>('document.activeElement?.id || document.activeElement?.tagName || ""');
    async function tabTo(id: string): Promise<void> {
      for (let i = 0; i < 30 && (await focused()) !== id; i += 1) await page.keyboard.press('Tab');
      expect(await focused()).toBe(id);
    }
    await tabTo('login');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#history-card:not([hidden])');
    await tabTo('question');
    await page.keyboard.type('앞으로 6개월 S&P 500 어때?');
    await tabTo('ask');
    await page.evaluate(`(() => {
      window.rxFocus = [];
      new MutationObserver(() => window.rxFocus.push({ state: document.getElementById('status').dataset.state, focus: document.activeElement.id }))
        .observe(document.getElementById('answer'), { childList: true, characterData: true, subtree: true, attributes: true });
    })()`);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#status[data-state="done"]', { timeout: 30_000 });
    const seen = await page.evaluate<{ state: string; focus: string }[]>('window.rxFocus');
    const streaming = seen.filter((s) => s.state === 'streaming');
    expect(streaming.length).toBeGreaterThan(3);
    expect(new Set(streaming.map((s) => s.focus))).toEqual(new Set(['ask']));
    expect(await focused()).toBe('answer-title');
    expect(await page.locator('#answer-title').innerText()).toBe('S&P 500 · 6개월 전망');

    await page.waitForSelector('#history li');
    for (
      let i = 0;
      i < 40 &&
      !(await page.evaluate<boolean>(
        'document.activeElement?.tagName === "SUMMARY" && !!document.activeElement.closest("#history")',
      ));
      i += 1
    ) {
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    await page.locator('#history li details[open] img:not([hidden])').first().waitFor();
    expect(await page.locator('#history li details[open] .scenario').first().innerText()).not.toBe('');
    await page.context().close();
  });

  it('switching language redraws the answer and the past answers; Korean text says lang="ko"; the chart has its numbers as text', async () => {
    const page = await open({ viewport: DESKTOP });
    await page.goto(h.base);
    await page.click('#login');
    await page.waitForSelector('#history-card:not([hidden])');
    await askAndWait(page, '앞으로 3개월 S&P 500 어때?');
    const ko = {
      title: await page.locator('#answer-title').innerText(),
      headline: await page.locator('#headline').innerText(),
      date: await page.locator('#data-date').innerText(),
      nums: await page.locator('#history li .nums').first().innerText(),
    };
    expect(ko.title).toBe('S&P 500 · 3개월 전망');
    expect(ko.headline).toMatch(/^현재 [\d,.]+ → \d{4}년 \d{1,2}월 중앙값 [\d,.]+ \(80% 구간 [\d,.]+ ~ [\d,.]+\)$/u);
    // The sample data ends in 2020, so the date is flagged as old, with its age.
    expect(ko.date).toMatch(/^최신 자료가 아니에요: \d{4}년 \d{1,2}월 \d{1,2}일 자료 기준 \(\d+일 전\)$/u);
    // The chart's text alternative: its caption holds a table with one row per forecast month, and the alt the end point.
    expect(await page.locator('#chart-caption table tbody tr').count()).toBe(3);
    expect(await page.locator('#chart').getAttribute('alt')).toMatch(
      /^S&P 500 · 3개월 전망 차트: \d{4}년 \d{1,2}월 중앙값 [\d,.]+, 80% 구간 [\d,.]+ ~ [\d,.]+$/u,
    );
    const box = await page.locator('#chart').boundingBox();
    expect(box!.height / box!.width).toBeCloseTo(450 / 800, 2);

    await page.getByRole('button', { name: 'EN' }).click();
    expect(await page.evaluate<string>('document.documentElement.lang')).toBe('en');
    expect(await page.locator('#answer-title').innerText()).toBe('S&P 500 · 3-month outlook');
    expect(await page.locator('#headline').innerText()).toMatch(
      /^Now [\d,.]+ → median [\d,.]+ by [A-Z][a-z]{2} \d{4} \(80% range [\d,.]+ to [\d,.]+\)$/u,
    );
    expect(await page.locator('#data-date').innerText()).toMatch(
      /^Not the latest data: as of [A-Z][a-z]{2} \d{1,2}, \d{4} \(\d+ days ago\)$/u,
    );
    expect(await page.locator('#answer-meta').innerText()).toMatch(/^Unit: pt · Source: .+ · Method: /u);
    expect(await page.locator('#chart-caption thead').textContent()).toBe('MonthMedian80% range');
    expect(await page.locator('#history li .nums').first().innerText()).toMatch(
      /^Now [\d,.]+ → median [\d,.]+ by [A-Z][a-z]{2} \d{4} \(80% range [\d,.]+ to [\d,.]+\)$/u,
    );
    expect(await page.locator('#history li .when').first().innerText()).toMatch(/ · S&P 500 · 3 mo$/u);
    // The narration stays in the language it was written in, and says so.
    expect(await page.locator('#answer-text').getAttribute('lang')).toBe('ko');
    expect(await page.locator('#history li .gist').first().getAttribute('lang')).toBe('ko');
    // The language button's accessible name is its visible text, in that text's language.
    const back = page.getByRole('button', { name: '한국어' });
    expect(await back.getAttribute('lang')).toBe('ko');
    await back.click();
    expect(await page.locator('#answer-title').innerText()).toBe(ko.title);
    expect(await page.locator('#history li .nums').first().innerText()).toBe(ko.nums);
    await page.context().close();
  });

  it('an ambiguous question asks back with choices; choosing one answers the original question with it', async () => {
    const page = await open({ viewport: PHONE });
    await page.goto(h.base);
    await page.click('#login');
    await page.waitForSelector('#history-card:not([hidden])');
    await page.fill('#question', '금리 전망');
    await page.click('#ask');
    await page.waitForSelector('#status[data-state="clarify"]');
    expect(await page.locator('#clarify p').innerText()).toBe('어느 금리를 말씀하시나요?');
    expect(await page.locator('#clarify p').getAttribute('lang')).toBe('ko');
    expect(await page.evaluate<string>('document.activeElement.id')).toBe('answer-title');
    await page.getByRole('button', { name: 'S&P 500' }).click();
    await page.waitForSelector('#status[data-state="done"]', { timeout: 30_000 });
    expect(await page.locator('#clarify').isVisible()).toBe(false);
    expect(await page.locator('#answer-title').innerText()).toBe('S&P 500 · 6개월 전망');
    await page.waitForSelector('#history li');
    expect(await page.locator('#history li .q').first().innerText()).toBe('금리 전망');
    await page.context().close();
  });
});
