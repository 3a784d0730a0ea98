import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, launchChromium } from './chromium.js';
import { startWebHarness, type WebHarness } from './web-harness.js';

const executable = chromiumPath();
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/**
 * "The answer says what forecasted it and how well" on the web page: the served selection forecaster (not the
 * harness's drift default, which has no track record), a real runtime and headless Chromium.
 */
describe.runIf(executable)('the web answer shows the forecaster and its track record', () => {
  let h: WebHarness;
  let browser: Browser;

  beforeAll(async () => {
    h = await startWebHarness({ FORECASTER: 'selection' });
    browser = await launchChromium(executable!);
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  async function ask(page: Page, question: string): Promise<void> {
    await page.fill('#question', question);
    await page.click('#ask');
    await page.waitForSelector('#status[data-state="done"]', { timeout: 30_000 });
    await page.waitForSelector('#history li');
  }

  it('one line of its own, in the language asked, the same line the stored answer ends with, and not twice on screen', async () => {
    // bypassCSP: only so that axe-core can be injected.
    const page = await (
      await browser.newContext({ locale: 'ko-KR', viewport: { width: 1280, height: 900 }, bypassCSP: true })
    ).newPage();
    await page.goto(h.base);
    await page.click('#login');
    await page.waitForSelector('#history-card:not([hidden])');
    expect(await page.locator('#track-record').isHidden()).toBe(true);

    await ask(page, '앞으로 6개월 S&P 500 어때?');
    const line = page.locator('#track-record');
    expect(await line.isVisible()).toBe(true);
    expect(await line.getAttribute('lang')).toBe('ko');
    const ko = await line.innerText();
    // An equity: the median is the last value (chosen on pre-2016 origins), so the line says so and gives the band's record.
    expect(ko).toMatch(
      /^예측 방법: 최근 값 유지\. .+ 지난 5년간 6개월 앞 80% 구간이 실제 값을 맞힌 비율은 \d{1,3}%였습니다\(보정 전 구간 \d{1,3}%\)\.$/u,
    );
    // The chat platforms get it at the end of the summary (stored with the answer); the page shows it once, apart.
    await page.locator('#history li details summary').first().click();
    expect((await page.locator('#history li .gist').first().innerText()).endsWith(ko)).toBe(true);
    const summary = await page.locator('#summary').innerText();
    expect(summary.length).toBeGreaterThan(20);
    expect(summary).not.toContain('예측 방법:');
    // The new line passes axe-core's WCAG 2.1 A/AA rules (contrast included) like the rest of the answer.
    await page.addScriptTag({ path: AXE });
    const axe = await page.evaluate<{ passes: string[]; violations: string[] }>(
      `axe.run(document.querySelector('#track-record'), { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then((r) => ({ passes: r.passes.map((v) => v.id), violations: r.violations.map((v) => v.id) }))`,
    );
    expect(axe.passes).toContain('color-contrast');
    expect(axe.violations).toEqual([]);

    await page.getByRole('button', { name: 'EN' }).click();
    await ask(page, 'S&P 500 in 6 months?');
    expect(await line.getAttribute('lang')).toBe('en');
    expect(await line.innerText()).toMatch(
      /^Forecast by: last value\. .+Over the last 5 years, its 6-month 80% band held the outcome \d{1,3}% of the time/u,
    );
    expect(await page.locator('#summary').innerText()).not.toContain('Forecast by:');
    await page.context().close();
  });
});
