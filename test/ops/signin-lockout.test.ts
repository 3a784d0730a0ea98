import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpNow } from '../../src/ops/totp.js';
import { createCookieBrowser } from '../e2e/cookie-browser.js';
import { loginOverHttp } from '../e2e/web-login-helper.js';
import { startWebHarness, type WebHarness } from '../e2e/web-harness.js';
import { waitUntil } from '../fakes/wait-until.js';
import { ADMIN_KAKAO_ID, enrollAndVerify, signIn, testClock, type Signed } from './ops-helpers.js';

const clock = testClock();
let h: WebHarness;
let admin: Signed;
let secret: string;

beforeAll(async () => {
  h = await startWebHarness(
    { ADMIN_KAKAO_IDS: String(ADMIN_KAKAO_ID), LOCKOUT_THRESHOLD: '3', LOCKOUT_BASE_SECONDS: '60' },
    { now: clock.now },
  );
  admin = await signIn(h, ADMIN_KAKAO_ID);
  secret = await enrollAndVerify(admin, clock.now);
}, 60_000);
afterAll(() => h?.close());

const auditTypes = async (type: string) =>
  (
    (await (await admin.call(`/admin/api/audit?type=${type}`)).json()) as {
      entries: { details?: { reason?: string } }[];
    }
  ).entries;

/** A callback whose state was never issued (a forged or replayed callback URL). */
const forged = () => fetch(`${h.base}/auth/kakao/callback?state=${'A'.repeat(43)}&code=stolen`, { redirect: 'manual' });

/** A real login the user cancels at Kakao: the callback carries the real state and error=access_denied. */
async function cancelled(): Promise<Response> {
  const b = createCookieBrowser();
  const start = await b.fetch(`${h.base}/auth/kakao/login`);
  const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
  return b.fetch(`${h.base}/auth/kakao/callback?state=${state}&error=access_denied`);
}

describe('failed Kakao sign-ins count against the address, like wrong codes', () => {
  it('a cancelled login does not count; forged callbacks lock the address for sign-ins and codes, until the lock ends', async () => {
    for (let i = 0; i < 3; i += 1) expect((await cancelled()).status).toBe(400);
    await waitUntil(async () => (await auditTypes('signin.failure')).length >= 3, 'three cancelled logins logged');
    // Three failures at a threshold of 3, but none counted: a real login still works.
    await loginOverHttp(h.base);

    for (let i = 0; i < 3; i += 1) {
      const res = await forged();
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('data-login-error="state"');
    }
    // The count is taken when each failure page has been sent; the lock shows in the audit log.
    await waitUntil(async () => (await auditTypes('signin.locked')).length === 1, 'the address lock to be logged');

    const b = createCookieBrowser();
    const start = await b.fetch(`${h.base}/auth/kakao/login`);
    const atKakao = await b.fetch(start.headers.get('location')!);
    const refused = await b.fetch(atKakao.headers.get('location')!);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(50);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(await refused.text()).toContain('data-login-error="locked"');
    // The same address lock stops two-factor codes, even a right one.
    clock.advance(30_000);
    const code = await admin.call('/admin/api/mfa/verify', {
      method: 'POST',
      body: { code: await totpNow(secret, clock.now()) },
    });
    expect(code.status).toBe(429);

    const reasons = (await auditTypes('signin.failure')).map((e) => e.details?.reason);
    expect(reasons.filter((r) => r === 'denied')).toHaveLength(3);
    expect(reasons.filter((r) => r === 'state')).toHaveLength(3);
    expect(reasons).toContain('locked');

    // After LOCKOUT_BASE_SECONDS the address may sign in again.
    clock.advance(31_000);
    await loginOverHttp(h.base);
  }, 60_000);
});
