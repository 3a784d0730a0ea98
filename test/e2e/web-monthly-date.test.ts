import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, launchChromium } from './chromium.js';
import { startWebHarness, type WebHarness } from './web-harness.js';

const executable = chromiumPath();
const ci = process.env.CI === 'true' || process.env.CI === '1';

it.runIf(!executable)(
  `Chromium is missing: the monthly-date page test ${ci ? 'FAILS on CI' : 'is NOT run locally'}`,
  () => {
    console.warn('web monthly-date e2e NOT run: no Chromium found (apt-get install chromium, or set CHROMIUM_PATH).');
    expect(ci).toBe(false);
  },
);

/**
 * A monthly series (gold, as the shared folder has it) is dated by its month on the page, as in the answer's text:
 * its rows carry the 1st, which is no day anything was observed.
 */
describe.runIf(executable)('the web page dates a monthly series by its month', () => {
  let h: WebHarness;
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), 'rx-web-monthly-'));

  beforeAll(async () => {
    const rows = ['Date,Price'];
    for (let i = 0; i < 120; i++)
      rows.push(`${2010 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01,${1_200 + 5 * i}`);
    writeFileSync(join(dir, 'gold_monthly.csv'), `${rows.join('\n')}\n`);
    h = await startWebHarness({ RISKXPERT_DATA_DIR: dir });
    browser = await launchChromium(executable!);
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('says "2019년 12월" for old monthly data, not the 1st of that month; in English "Dec 2019"', async () => {
    const page = await (await browser.newContext({ locale: 'ko-KR' })).newPage();
    await page.goto(h.base);
    await page.click('#login');
    await page.waitForSelector('#history-card:not([hidden])');
    await page.fill('#question', '금값 3개월 뒤 어때?');
    await page.click('#ask');
    await page.waitForSelector('#status[data-state="done"]', { timeout: 30_000 });
    expect(await page.locator('#data-date').innerText()).toMatch(
      /^최신 자료가 아니에요: 2019년 12월 자료 기준 \([\d,]+일 전\)$/u,
    );
    await page.getByRole('button', { name: 'EN' }).click();
    expect(await page.locator('#data-date').innerText()).toMatch(
      /^Not the latest data: as of Dec 2019 \([\d,]+ days ago\)$/u,
    );
    await page.context().close();
  });
});
