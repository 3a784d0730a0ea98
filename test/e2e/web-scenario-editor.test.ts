import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicDir } from '../../adapters/web/create-web-router.js';
import { chromiumPath, launchChromium } from './chromium.js';
import { startWebHarness, type WebHarness } from './web-harness.js';

const executable = chromiumPath();
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

async function axe(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const r = await page.evaluate<{
    passes: number;
    violations: { id: string; help: string; nodes: { target: string[] }[] }[];
  }>(
    `axe.run(document.getElementById('scenario-card'), { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then((r) => ({ passes: r.passes.length, violations: r.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })) }))`,
  );
  expect(r.passes).toBeGreaterThan(5);
  return r.violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('scenario editor text catalog', () => {
  it('has the same keys and placeholders in ko and en', () => {
    // Exactly as the browser runs them: text.js, then scenario-text.js, in one sandbox.
    const sandbox: { globalThis?: unknown; RX_TEXT?: Record<string, Record<string, string>> } = {};
    sandbox.globalThis = sandbox;
    for (const file of ['text.js', 'scenario-text.js'])
      runInNewContext(readFileSync(join(publicDir(), file), 'utf8'), sandbox);
    const { ko, en } = sandbox.RX_TEXT as { ko: Record<string, string>; en: Record<string, string> };
    expect(Object.keys(en).sort()).toEqual(Object.keys(ko).sort());
    expect(Object.keys(ko).length).toBeGreaterThan(30);
    const holes = (s: string) => (s.match(/\{\w+\}/gu) ?? []).sort();
    for (const k of Object.keys(ko)) expect(holes(en[k]!), k).toEqual(holes(ko[k]!));
    // No editor key overwrote a page key.
    expect(ko.logout).toBe('로그아웃');
  });
});

describe.runIf(executable)('the web scenario editor in Chromium', () => {
  let h: WebHarness;
  let browser: Browser;

  beforeAll(async () => {
    h = await startWebHarness();
    browser = await launchChromium(executable!);
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  async function signedIn(locale: string): Promise<Page> {
    const context = await browser.newContext({ locale, bypassCSP: true, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(h.base);
    await page.click('#login');
    await page.waitForSelector('#scenario-card[data-ready="true"]:not([hidden])');
    return page;
  }
  const preview = (page: Page) => page.waitForSelector('#sc-preview[data-state="done"] tbody tr', { timeout: 30_000 });

  it('creates a scenario with a live preview, saves, edits, shows two versions and their diff, runs on holdings', async () => {
    const page = await signedIn('ko-KR');
    // Units follow the indicator: % for USD/KRW, %p for a rate.
    expect(await page.locator('#sc-shocks .sc-unit').first().innerText()).toBe('%');
    await page.fill('#sc-name', '원화 약세');
    await page.fill('#sc-shocks .sc-move', '10');
    await page.fill('#sc-horizon', '3');
    await preview(page);
    const first = await page.locator('#sc-preview tbody tr').first().innerText();
    // Median, 80% band, and the unconditional forecast beside it, all in %.
    expect(first).toMatch(/[+-]?[\d.,]+%?(%p)?\s+[+-]?[\d.,]+%?p?\s*~\s*[+-]?[\d.,]+%?p?\s+[+-]?[\d.,]+%?p? \(/u);
    expect(await page.locator('#sc-preview caption').innerText()).toMatch(
      /^3개월 뒤 변화 \(\d{4}년 \d{1,2}월 자료 기준\)$/u,
    );

    // A second shock on a rate is stated in %p.
    await page.click('#sc-add');
    const rateIds = await page.evaluate<string[]>(
      `[...document.querySelectorAll('#sc-shocks li:last-child option')].map((o) => o.value)`,
    );
    const rate = rateIds.find((id) => /10y|rate|base/u.test(id))!;
    expect(rate).toBeTruthy();
    await page.locator('#sc-shocks li:last-child select').selectOption(rate);
    expect(await page.locator('#sc-shocks li:last-child .sc-unit').innerText()).toBe('%p');
    await page.locator('#sc-shocks li:last-child .sc-move').fill('0.5');
    await page.waitForFunction(
      `document.querySelector('#sc-preview tbody tr') && !document.querySelector('#sc-preview tbody tr[data-id="${rate}"]')`,
    );

    await page.click('#sc-save');
    await page.waitForSelector('#sc-versions li');
    expect(await page.locator('#sc-message').innerText()).toBe('버전 1로 저장했어요.');

    // Edit: a bigger USD/KRW shock and a new name make version 2.
    await page.fill('#sc-shocks li:first-child .sc-move', '15');
    await page.fill('#sc-name', '원화 급락');
    await page.click('#sc-save');
    await page.waitForFunction(`document.querySelectorAll('#sc-versions li').length === 2`);
    expect(await page.locator('#sc-message').innerText()).toBe('버전 2로 저장했어요.');
    const diff = await page.locator('#sc-diff li').allInnerTexts();
    expect(diff).toContain('이름: 원화 약세 → 원화 급락');
    expect(diff.some((l) => l.endsWith(': +10.0% → +15.0%'))).toBe(true);

    // Run on stated holdings: one row per holding and a total in won.
    // The offline sample has S&P 500 among its indicators; USD/KRW is shocked directly.
    await page.fill('#sc-holdings', 'sp500 5000000\nusdkrw 1000000');
    await page.click('#sc-run');
    await page.waitForSelector('#sc-total');
    expect(await page.locator('#sc-run-result caption').innerText()).toBe('예상 손익 (버전 2)');
    const rows = await page.locator('#sc-run-result tbody tr th').allInnerTexts();
    expect(rows).toContain('sp500');
    expect(rows.slice(-2)).toEqual(['합계 (중앙값)', '합계 80% 구간 (함께 모의실험)']);
    expect(await page.locator('#sc-total').innerText()).toMatch(/^[+-][\d,]+원$/u);
    expect(await page.locator('#sc-band').innerText()).toMatch(/^[+-][\d,]+원 ~ [+-][\d,]+원$/u);
    // The explanation streamed in after the numbers (no LLM here: our text, whole).
    await page.waitForFunction(
      "/투자 권유가 아닙니다/u.test(document.querySelector('.sc-explain')?.textContent ?? '')",
    );

    // The saved list (read back from GET /api/scenarios) names the scenario at version 2.
    expect(await page.locator('#sc-saved option:checked').innerText()).toBe('원화 급락 (v2)');

    expect(await axe(page)).toEqual([]);
    await page.context().close();
  });

  it('shows an out-of-range shock refusal beside the shocks, in the page language; bad holdings beside holdings', async () => {
    const page = await signedIn('en-US');
    await page.getByRole('button', { name: 'EN' }).click();
    await page.fill('#sc-shocks .sc-move', '500');
    await page.waitForSelector('#sc-shocks-error:not([hidden])', { timeout: 30_000 });
    expect(await page.locator('#sc-shocks-error').getAttribute('lang')).toBe('en');
    expect(await page.locator('#sc-shocks-error').innerText()).toMatch(/500/u);
    expect(await page.locator('#sc-shocks .sc-move').getAttribute('aria-invalid')).toBe('true');
    await page.fill('#sc-shocks .sc-move', '5');
    await preview(page);
    expect(await page.locator('#sc-shocks-error').isHidden()).toBe(true);
    // Empty name is refused by the server's own check, beside the name field.
    await page.click('#sc-save');
    await page.waitForSelector('#sc-name-error:not([hidden])');
    expect(await page.locator('#sc-name').getAttribute('aria-invalid')).toBe('true');
    await page.fill('#sc-name', 'Weak won');
    await page.click('#sc-save');
    await page.waitForSelector('#sc-versions li');
    await page.fill('#sc-holdings', 'kospi lots');
    await page.click('#sc-run');
    expect(await page.locator('#sc-holdings-error').innerText()).toBe(
      'Line 1 cannot be read. Write it like "kospi 5000000".',
    );
    expect(await axe(page)).toEqual([]);
    await page.context().close();
  });
});
