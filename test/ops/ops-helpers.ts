import { totpNow } from '../../src/ops/totp.js';
import type { CookieBrowser } from '../e2e/cookie-browser.js';
import { loginOverHttp } from '../e2e/web-login-helper.js';
import type { WebHarness } from '../e2e/web-harness.js';

export const ADMIN_KAKAO_ID = 1001;
export const OPERATOR_KAKAO_ID = 1002;
export const USER_KAKAO_ID = 1003;
export const webUserId = (kakaoId: number) => `web:kakao:${kakaoId}`;

/** A clock the console reads (TOTP steps, MFA freshness, lockout ends) that a test moves without sleeping. */
export function testClock() {
  let offset = 0;
  return { now: () => Date.now() + offset, advance: (ms: number) => void (offset += ms) };
}

export interface Signed {
  b: CookieBrowser;
  token: string;
  call(path: string, init?: { method?: string; body?: unknown }): Promise<Response>;
}

/** Kakao Login (the stand-in) as this Kakao user, over plain HTTP; `call` sends the access token. */
export async function signIn(h: WebHarness, kakaoId: number): Promise<Signed> {
  h.kakao.setUser({ id: kakaoId, nickname: `user ${kakaoId}` });
  const { b, accessToken } = await loginOverHttp(h.base);
  return { b, token: accessToken, call: (path, init = {}) => bearerCall(h.base, accessToken, path, init) };
}

export function bearerCall(
  base: string,
  token: string | undefined,
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<Response> {
  return fetch(`${base}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
}

/** Enrolls TOTP for the signed-in user and passes MFA in this session; returns the secret. */
export async function enrollAndVerify(s: Signed, now: () => number): Promise<string> {
  const e = await s.call('/admin/api/mfa/enroll', { method: 'POST' });
  if (e.status !== 200) throw new Error(`enroll answered ${e.status}: ${await e.text()}`);
  const { secret } = (await e.json()) as { secret: string };
  await verifyCode(s, secret, now);
  return secret;
}

export async function verifyCode(s: Signed, secret: string, now: () => number): Promise<void> {
  const v = await s.call('/admin/api/mfa/verify', { method: 'POST', body: { code: await totpNow(secret, now()) } });
  if (v.status !== 200) throw new Error(`verify answered ${v.status}: ${await v.text()}`);
}
