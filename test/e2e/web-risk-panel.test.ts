import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarioDataDir } from '../fakes/scenario-data.js';
import { chromiumPath, launchChromium } from './chromium.js';
import { startWebHarness, type WebHarness } from './web-harness.js';

const executable = chromiumPath();

describe.runIf(executable)('the web risk panel in headless Chromium', () => {
  const data = scenarioDataDir();
  const home = mkdtempSync(join(tmpdir(), 'rx-web-risk-panel-'));
  let h: WebHarness;
  let browser: Browser;
  beforeAll(async () => {
    h = await startWebHarness({ RISKXPERT_DATA_DIR: data.dir, STORE: 'sqlite', RISKXPERT_HOME: home });
    browser = await launchChromium(executable!);
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
    data.drop();
    rmSync(home, { recursive: true, force: true });
  });

  it('hidden until signed in; states holdings, shows the risk text and the report link, and a parse error in Korean', async () => {
    const page = await (await browser.newContext({ locale: 'ko-KR' })).newPage();
    await page.goto(h.base);
    expect(await page.locator('#risk-card').isHidden()).toBe(true);
    await page.click('#login');
    await page.waitForSelector('#risk-card:not([hidden])');
    await page.fill('#risk-holdings', '코스피 60%, 달러 40%');
    await page.click('#risk-run');
    await page.waitForSelector('#risk-text:not([hidden])', { timeout: 30_000 });
    expect(await page.locator('#risk-text').innerText()).toMatch(/한 달 95% VaR는 −\d+\.\d%/u);
    const href = await page.locator('#risk-report').getAttribute('href');
    expect(href).toMatch(/^\/risk\/reports\//u);
    expect((await fetch(`${h.base}${href!}`)).status).toBe(200);

    await page.fill('#risk-holdings', '코스피 70%, 달러 40%');
    await page.click('#risk-run');
    await expect
      .poll(() => page.locator('#risk-status').innerText(), { timeout: 30_000 })
      .toBe('비중 합계가 110%예요. 100% 이하로 적어 주세요(나머지는 현금으로 봐요).');
    expect(await page.locator('#risk-text').isHidden()).toBe(true);
  }, 90_000);
});
