import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpNow } from '../../src/ops/totp.js';
import { ADMIN_KAKAO_ID, bearerCall, signIn, testClock, USER_KAKAO_ID, webUserId } from '../ops/ops-helpers.js';
import { chromiumPath, launchChromium } from './chromium.js';
import { startWebHarness, type WebHarness } from './web-harness.js';

const executable = chromiumPath();
const ci = process.env.CI === 'true' || process.env.CI === '1';

it.runIf(!executable)(
  `Chromium is missing: the console end-to-end test ${ci ? 'FAILS on CI' : 'is NOT run locally'}`,
  () => {
    console.warn('admin console e2e NOT run: no Chromium found (apt-get install chromium, or set CHROMIUM_PATH).');
    expect(ci).toBe(false);
  },
);

describe.runIf(executable)('the operator console in headless Chromium through the Kakao Login stand-in', () => {
  const clock = testClock();
  let h: WebHarness;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    h = await startWebHarness({ ADMIN_KAKAO_IDS: String(ADMIN_KAKAO_ID) }, { now: clock.now });
    browser = await launchChromium(executable!);
    page = await (await browser.newContext({ locale: 'ko-KR' })).newPage();
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of (401|403)/u.test(m.text())) problems.push(`console: ${m.text()}`);
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  const signInAsAdmin = async () => {
    h.kakao.setUser({ id: ADMIN_KAKAO_ID, nickname: '관리자' });
    await page.goto(`${h.base}/admin`);
    await page.click('#login a');
    await page.waitForURL(`${h.base}/`);
    await page.goto(`${h.base}/admin`);
  };
  const enterCode = async (code: string) => {
    await page.fill('#mfa-code', code);
    await page.click('#mfa-form button');
  };

  it('enrolls TOTP from the QR secret, signs in again with a code, opens the queues, grants a role and revokes a session, all audited', async () => {
    await signInAsAdmin();
    await page.waitForSelector('#enroll:not([hidden])');
    await page.click('#enroll-start');
    await page.waitForSelector('#enroll-out:not([hidden])');
    const secret = (await page.textContent('#secret'))!.trim();
    expect(await page.getAttribute('#qr', 'src')).toMatch(/^data:image\/png;base64,/u);
    expect(await page.locator('#recovery li').count()).toBe(10);
    const first = await totpNow(secret, clock.now());
    await enterCode(first);
    await page.waitForSelector('#console:not([hidden])');
    expect(await page.textContent('#status')).toContain('2FA ✓');
    // Their own sessions, this browser's marked.
    expect(await page.textContent('#my-list')).toContain('this browser');

    // Sign out; sign in again: the console wants a code, and the one just used is refused (replay).
    await page.click('#signout');
    await page.waitForSelector('#login:not([hidden])');
    await signInAsAdmin();
    await page.waitForSelector('#mfa:not([hidden])');
    expect(await page.isHidden('#console')).toBe(true);
    await enterCode(first);
    await expect.poll(() => page.textContent('#mfa-error')).toContain('코드가 맞지 않아요');
    clock.advance(30_000);
    await enterCode(await totpNow(secret, clock.now()));
    await page.waitForSelector('#console:not([hidden])');

    // The queues view (bull-board), on the console cookie.
    const board = await page.goto(`${h.base}/admin/queues/`);
    expect(board?.status(), `${await board?.text()} ${JSON.stringify(await page.context().cookies())}`).toBe(200);
    expect(await page.title()).toMatch(/RiskXpert queues|Bull/u);
    // bull-board asks Google for its web font, which our CSP refuses (font-src 'none'): that error is expected there only.
    problems.splice(0, problems.length, ...problems.filter((p) => !/fonts\.googleapis|status of 404/u.test(p)));
    await page.goto(`${h.base}/admin`);
    await page.waitForSelector('#admin-only:not([hidden])');

    // A user signs in elsewhere; the admin grants them operator, then revokes their session.
    const user = await signIn(h, USER_KAKAO_ID);
    expect((await user.call('/account/api/sessions')).status).toBe(200);
    await page.fill('#role-user', webUserId(USER_KAKAO_ID));
    await page.selectOption('#role-role', 'operator');
    await page.click('#role-form button');
    await expect.poll(() => page.textContent('#role-result')).toContain('Applied');
    await page.fill('#user-id', webUserId(USER_KAKAO_ID));
    await page.click('#user-form button');
    await page.waitForSelector('#user-out button[data-session]', { timeout: 5_000 }).catch(async (err: unknown) => {
      throw new Error(`${String(err)}\n${await page.textContent('#user-out')}\n${problems.join('\n')}`);
    });
    await page.click('#user-out button[data-session]');
    await page.waitForSelector('#user-out p:has-text("ended")', { timeout: 5_000 }).catch(async (err: unknown) => {
      throw new Error(`${String(err)}\n${await page.textContent('#user-out')}\n${problems.join('\n')}`);
    });
    expect((await user.call('/account/api/sessions')).status).toBe(401);
    expect((await bearerCall(h.base, user.token, '/admin/api/me')).status).toBe(401);

    // Every step is in the audit log the console shows.
    await page.click('#audit-form button');
    await page.waitForSelector('#audit tbody tr[data-type="session.revoke"]');
    const types = await page.$$eval('#audit tbody tr', (rows) => rows.map((r) => r.getAttribute('data-type')));
    for (const t of [
      'signin.success',
      'mfa.enroll.start',
      'mfa.enroll.done',
      'mfa.success',
      'mfa.failure',
      'admin.access',
      'role.grant',
      'session.revoke',
    ])
      expect(types, t).toContain(t);
    // Two sign-ins of the admin, and the sign-out as a revocation of their own session.
    expect(types.filter((t) => t === 'signin.success').length).toBeGreaterThanOrEqual(3);
    expect(types.filter((t) => t === 'session.revoke').length).toBe(2);
    expect(problems).toEqual([]);
  }, 120_000);
});
