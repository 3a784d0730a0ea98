import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCookieBrowser, type CookieBrowser } from '../e2e/cookie-browser.js';
import { startWebHarness, TEST_JWT_SECRET, type WebHarness } from '../e2e/web-harness.js';

let h: WebHarness;
beforeAll(async () => {
  // No reuse grace here: these tests pin strict rotation (the grace period has its own tests in web-sessions.test.ts).
  h = await startWebHarness({ WEB_REFRESH_GRACE_SECONDS: '0' });
});
afterAll(async () => {
  await h.close();
});

/** Runs Kakao Login as a browser would, up to the callback; returns the callback URL Kakao redirected to. */
async function toCallback(b: CookieBrowser): Promise<string> {
  const start = await b.fetch(`${h.base}/auth/kakao/login`);
  expect(start.status).toBe(302);
  const kakao = await b.fetch(start.headers.get('location')!);
  expect(kakao.status).toBe(302);
  return kakao.headers.get('location')!;
}

async function login(b = createCookieBrowser()): Promise<{ b: CookieBrowser; accessToken: string; callback: string }> {
  const callback = await toCallback(b);
  const cb = await b.fetch(callback);
  expect(cb.status).toBe(303);
  expect(cb.headers.get('location')).toBe('/');
  const r = await b.fetch(`${h.base}/auth/refresh`, { method: 'POST', headers: { 'x-riskxpert-web': '1' } });
  expect(r.status).toBe(200);
  const body = (await r.json()) as { accessToken: string };
  return { b, accessToken: body.accessToken, callback };
}

const me = (token?: string) =>
  fetch(`${h.base}/api/me`, token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } });

describe('Kakao Login (authorization code flow) against the local Kakao stand-in', () => {
  it('redirects to the authorize URL with our client_id, redirect_uri and a state bound to an httpOnly cookie', async () => {
    const b = createCookieBrowser();
    const res = await b.fetch(`${h.base}/auth/kakao/login`);
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get('location')!);
    expect(`${to.origin}${to.pathname}`).toBe(`${h.kakao.url}/oauth/authorize`);
    expect(to.searchParams.get('response_type')).toBe('code');
    expect(to.searchParams.get('client_id')).toBe('test-rest-api-key');
    expect(to.searchParams.get('redirect_uri')).toBe(`${h.base}/auth/kakao/callback`);
    expect(to.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/u);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('rx_oauth='))!;
    expect(cookie).toMatch(/HttpOnly/u);
    expect(cookie).toMatch(/SameSite=Lax/u);
    expect(cookie).toMatch(/Path=\/auth\/kakao/u);
    // The binding is not the state: seeing the URL is not enough to finish someone else's login.
    expect(cookie).not.toContain(to.searchParams.get('state')!);
  });

  it('logs in: exchanges the code (form-encoded, with client_secret), reads /v2/user/me, upserts the user, sets a strict refresh cookie', async () => {
    const before = h.kakao.calls.length;
    const { b, accessToken } = await login();
    const calls = h.kakao.calls.slice(before);
    const token = calls.find((c) => c.path === '/oauth/token')!;
    expect(token.form).toMatchObject({
      grant_type: 'authorization_code',
      client_id: 'test-rest-api-key',
      redirect_uri: `${h.base}/auth/kakao/callback`,
      client_secret: '[set]',
      code: '[set]',
    });
    expect(calls.find((c) => c.path === '/v2/user/me')!.authorization).toMatch(/^Bearer .+/u);
    expect(b.jar.has('rx_oauth')).toBe(false);
    const user = await h.runtime.store.users.get('web:kakao:4242424242');
    expect(user).toMatchObject({ platform: 'web', displayName: '테스트 사용자' });
    const res = await me(accessToken);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ user: { id: 'web:kakao:4242424242', displayName: '테스트 사용자' } });
    // The refresh token is stored only as its sha256.
    const raw = b.jar.get('rx_refresh')!;
    expect(raw).toMatch(/^[A-Za-z0-9_-]{43}$/u);
  });

  it('refuses a replayed state: the same callback URL a second time logs nobody in', async () => {
    const { b, callback } = await login();
    const again = await b.fetch(callback);
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('data-login-error="state"');
    expect(again.headers.getSetCookie().some((c) => c.startsWith('rx_refresh=') && !c.startsWith('rx_refresh=;'))).toBe(
      false,
    );
  });

  it('refuses a callback from another browser (no or a different binding cookie), and that spends the state', async () => {
    const victim = createCookieBrowser();
    const callback = await toCallback(victim);
    const attacker = createCookieBrowser();
    const r = await attacker.fetch(callback);
    expect(r.status).toBe(400);
    expect(await r.text()).toContain('data-login-error="browser"');
    // The state was taken by the refused attempt: the victim's own callback is now refused too (one use, whoever).
    const late = await victim.fetch(callback);
    expect(late.status).toBe(400);
  });

  it('refuses a replayed authorization code with a clear message: Kakao answers KOE320 invalid_grant', async () => {
    const first = await login();
    const usedCode = new URL(first.callback).searchParams.get('code')!;
    const b = createCookieBrowser();
    const fresh = new URL(await toCallback(b));
    fresh.searchParams.set('code', usedCode);
    const res = await b.fetch(fresh.href);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('data-login-error="code"');
    expect(html).toContain('카카오가 로그인 코드를 거절했어요');
    expect(html).toContain('Kakao refused the login code');
    expect(b.jar.has('rx_refresh')).toBe(false);
  });

  it('Kakao unreachable at the token step: a 502 page that says so, and no session', async () => {
    const down = await startWebHarness({
      KAKAO_OAUTH_BASE: 'http://127.0.0.1:1',
      KAKAO_API_BASE: 'http://127.0.0.1:1',
    });
    try {
      const b = createCookieBrowser();
      const start = await b.fetch(`${down.base}/auth/kakao/login`);
      const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
      const res = await b.fetch(`${down.base}/auth/kakao/callback?code=abc&state=${state}`);
      expect(res.status).toBe(502);
      expect(await res.text()).toContain('data-login-error="unavailable"');
      expect(b.jar.has('rx_refresh')).toBe(false);
    } finally {
      await down.close();
    }
  });

  it('shows "cancelled" when the user denies consent at Kakao', async () => {
    h.kakao.denyNext();
    const b = createCookieBrowser();
    const cb = await toCallback(b);
    expect(new URL(cb).searchParams.get('error')).toBe('access_denied');
    const res = await b.fetch(cb);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('data-login-error="denied"');
  });
});

describe('access tokens: missing, expired, tampered, forged or revoked get 401', () => {
  it('missing or malformed Authorization', async () => {
    const res = await me();
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/u);
    expect(await res.json()).toMatchObject({ error: { code: 'UNAUTHORIZED', reason: 'missing' } });
    expect((await fetch(`${h.base}/api/me`, { headers: { authorization: 'Basic dXNlcjpwYXNz' } })).status).toBe(401);
    expect((await fetch(`${h.base}/api/history`)).status).toBe(401);
    expect(
      (
        await fetch(`${h.base}/api/forecast`, {
          method: 'POST',
          body: '{}',
          headers: { 'content-type': 'application/json' },
        })
      ).status,
    ).toBe(401);
  });

  it('expired: signed with our key, but exp in the past', async () => {
    const { accessToken } = await login();
    const sid = JSON.parse(Buffer.from(accessToken.split('.')[1]!, 'base64url').toString()).sid as string;
    const past = Math.floor(Date.now() / 1000) - 3_600;
    const expired = await new SignJWT({ sid })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('riskxpert')
      .setAudience('riskxpert-web')
      .setSubject('web:kakao:4242424242')
      .setIssuedAt(past - 900)
      .setExpirationTime(past)
      .sign(new TextEncoder().encode(TEST_JWT_SECRET));
    const res = await me(expired);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { reason: 'expired' } });
  });

  it('tampered: another subject in the payload, a flipped signature, alg none, another key', async () => {
    const { accessToken } = await login();
    const [head, payload, sig] = accessToken.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const otherSub = Buffer.from(JSON.stringify({ ...claims, sub: 'web:kakao:1' })).toString('base64url');
    const flipped = sig.slice(0, -2) + (sig.at(-2) === 'A' ? 'B' : 'A') + sig.at(-1);
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    const otherKey = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('another-secret-that-is-32-bytes-long!!'));
    for (const bad of [`${head}.${otherSub}.${sig}`, `${head}.${payload}.${flipped}`, none, otherKey]) {
      const res = await me(bad);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: { code: 'UNAUTHORIZED', reason: 'invalid' } });
    }
    expect((await me(accessToken)).status).toBe(200);
  });

  it('revoked: after logout the still-unexpired access token and the refresh cookie are refused', async () => {
    const { b, accessToken } = await login();
    const refresh = b.jar.get('rx_refresh')!;
    expect((await me(accessToken)).status).toBe(200);
    const out = await b.fetch(`${h.base}/auth/logout`, { method: 'POST', headers: { 'x-riskxpert-web': '1' } });
    expect(out.status).toBe(204);
    expect(b.jar.has('rx_refresh')).toBe(false);
    const res = await me(accessToken);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { reason: 'revoked' } });
    const again = await fetch(`${h.base}/auth/refresh`, {
      method: 'POST',
      headers: { 'x-riskxpert-web': '1', cookie: `rx_refresh=${refresh}` },
    });
    expect(again.status).toBe(401);
    expect(await again.json()).toMatchObject({ error: { reason: 'revoked' } });
  });
});

describe('refresh tokens: rotated on use, reuse revokes the session', () => {
  it('each refresh returns a new cookie; presenting the old one revokes the family, including the newest tokens', async () => {
    const { b } = await login();
    const first = b.jar.get('rx_refresh')!;
    const r1 = await b.fetch(`${h.base}/auth/refresh`, { method: 'POST', headers: { 'x-riskxpert-web': '1' } });
    expect(r1.status).toBe(200);
    const second = b.jar.get('rx_refresh')!;
    expect(second).not.toBe(first);
    const { accessToken } = (await r1.json()) as { accessToken: string };
    expect((await me(accessToken)).status).toBe(200);
    // A thief replays the first token.
    const stolen = await fetch(`${h.base}/auth/refresh`, {
      method: 'POST',
      headers: { 'x-riskxpert-web': '1', cookie: `rx_refresh=${first}` },
    });
    expect(stolen.status).toBe(401);
    expect(await stolen.json()).toMatchObject({ error: { reason: 'reused' } });
    // The whole session is gone: the legitimate newest token and its access token too.
    expect(
      (await b.fetch(`${h.base}/auth/refresh`, { method: 'POST', headers: { 'x-riskxpert-web': '1' } })).status,
    ).toBe(401);
    expect((await me(accessToken)).status).toBe(401);
  });

  it('refuses refresh without our header (cross-site forms cannot set it), without a cookie, or with garbage', async () => {
    const { b } = await login();
    expect((await b.fetch(`${h.base}/auth/refresh`, { method: 'POST' })).status).toBe(403);
    expect(
      (await fetch(`${h.base}/auth/refresh`, { method: 'POST', headers: { 'x-riskxpert-web': '1' } })).status,
    ).toBe(401);
    const garbage = await fetch(`${h.base}/auth/refresh`, {
      method: 'POST',
      headers: { 'x-riskxpert-web': '1', cookie: `rx_refresh=${'x'.repeat(43)}` },
    });
    expect(garbage.status).toBe(401);
  });
});

describe('stores down (MongoDB unreachable): clear 5xx answers, never a 500', () => {
  it('callback: 502 page; refresh: 503 and the cookie kept; API with a valid JWT: 503', async () => {
    const down = await startWebHarness({ MONGODB_URL: 'mongodb://127.0.0.1:1/?directConnection=true' });
    try {
      const b = createCookieBrowser();
      const callback = await b.fetch(
        (await b.fetch((await b.fetch(`${down.base}/auth/kakao/login`)).headers.get('location')!)).headers.get(
          'location',
        )!,
      );
      expect(callback.status).toBe(502);
      expect(await callback.text()).toContain('data-login-error="unavailable"');

      const refresh = await fetch(`${down.base}/auth/refresh`, {
        method: 'POST',
        headers: { 'x-riskxpert-web': '1', cookie: `rx_refresh=${'a'.repeat(43)}` },
      });
      expect(refresh.status).toBe(503);
      expect(await refresh.json()).toMatchObject({ error: { code: 'STORE_UNAVAILABLE' } });
      expect(refresh.headers.getSetCookie()).toEqual([]);

      const jwt = await new SignJWT({ sid: 'some-session' })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer('riskxpert')
        .setAudience('riskxpert-web')
        .setSubject('web:kakao:1')
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode(TEST_JWT_SECRET));
      const api = await fetch(`${down.base}/api/me`, { headers: { authorization: `Bearer ${jwt}` } });
      expect(api.status).toBe(503);
      expect(api.headers.get('retry-after')).toBe('5');
    } finally {
      await down.close();
    }
  });
});
