import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { totpNow } from '../../src/ops/totp.js';
import { KAKAO_CLIENT_ID, KAKAO_CLIENT_SECRET, TEST_JWT_SECRET } from '../e2e/web-harness.js';
import { createCookieBrowser } from '../e2e/cookie-browser.js';
import { loginOverHttp } from '../e2e/web-login-helper.js';
import { startKakaoOAuthFake } from '../fakes/kakao-oauth-server.js';
import { freePort } from '../fakes/private-redis.js';
import { eventually, startRiskxpert, type LongRunning } from '../fakes/riskxpert-process.js';
import { useTestRedis } from '../fakes/test-redis.js';
import { bearerCall } from './ops-helpers.js';

const redis = useTestRedis();
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
}, 60_000);

const ADMIN = 77_001;

/** A code that is wrong in every step the server accepts (the current one and one either side). */
async function wrongCode(secret: string): Promise<string> {
  const valid = new Set(await Promise.all([-30_000, 0, 30_000].map((d) => totpNow(secret, Date.now() + d))));
  for (let n = 0; ; n += 1) {
    const c = String(n).padStart(6, '0');
    if (!valid.has(c)) return c;
  }
}

describe('two `riskxpert serve` processes sharing one Redis and one database', () => {
  it('20 wrong codes sent to both lock the account and the address on both: the right code and a Kakao sign-in are then refused on both', async () => {
    const home = await mkdtemp(join(tmpdir(), 'rx-lockout-'));
    cleanups.push(() => rm(home, { recursive: true, force: true }));
    const ports = [await freePort(), await freePort()];
    const bases = ports.map((p) => `http://127.0.0.1:${p}`);
    const kakao = await startKakaoOAuthFake({
      clientId: KAKAO_CLIENT_ID,
      clientSecret: KAKAO_CLIENT_SECRET,
      redirectUris: bases.map((b) => `${b}/auth/kakao/callback`),
      user: { id: ADMIN, nickname: 'admin' },
    });
    cleanups.push(() => kakao.close());
    const procs: LongRunning[] = ports.map((port, i) =>
      startRiskxpert(['serve'], {
        RISKXPERT_HOME: home,
        PORT: String(port),
        LOG_LEVEL: 'warn',
        FORECASTER: 'drift',
        LLM_ENABLED: 'false',
        REDIS_URL: redis.url,
        KAKAO_REST_API_KEY: KAKAO_CLIENT_ID,
        KAKAO_CLIENT_SECRET,
        KAKAO_REDIRECT_URI: `${bases[i]}/auth/kakao/callback`,
        KAKAO_OAUTH_BASE: kakao.url,
        KAKAO_API_BASE: kakao.url,
        WEB_JWT_SECRET: TEST_JWT_SECRET,
        WEB_AUTH_PER_MINUTE: '10000',
        ADMIN_KAKAO_IDS: String(ADMIN),
        TELEGRAM_BOT_TOKEN: '',
        DISCORD_TOKEN: '',
      }),
    );
    for (const p of procs) cleanups.push(() => p.stop());
    for (const b of bases)
      await eventually(
        `serve at ${b}`,
        () =>
          fetch(`${b}/healthz`).then(
            (r) => (r.ok ? true : undefined),
            () => undefined,
          ),
        120_000,
      );

    // Signed in and enrolled through the first server; the session is valid on both (one database, one JWT key).
    const { accessToken } = await loginOverHttp(bases[0]!);
    const enroll = await bearerCall(bases[0]!, accessToken, '/admin/api/mfa/enroll', { method: 'POST' });
    expect(enroll.status).toBe(200);
    const { secret } = (await enroll.json()) as { secret: string };
    const bad = await wrongCode(secret);

    const statuses: number[] = [];
    for (let i = 0; i < 20; i += 1)
      statuses.push(
        (await bearerCall(bases[i % 2]!, accessToken, '/admin/api/mfa/verify', { method: 'POST', body: { code: bad } }))
          .status,
      );
    expect(statuses).toEqual(Array(20).fill(403));

    for (const b of bases) {
      const right = await bearerCall(b, accessToken, '/admin/api/mfa/verify', {
        method: 'POST',
        body: { code: await totpNow(secret, Date.now()) },
      });
      expect(right.status, b).toBe(429);
      expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(800);
    }
    // Still not passed: the console stays closed on both.
    for (const b of bases) expect((await bearerCall(b, accessToken, '/admin/api/data')).status).toBe(403);
    // The address is locked too, and Kakao sign-ins from it are refused on both servers until the lock ends.
    for (const b of bases) {
      const c = createCookieBrowser();
      const atKakao = await c.fetch((await c.fetch(`${b}/auth/kakao/login`)).headers.get('location')!);
      const callback = await c.fetch(atKakao.headers.get('location')!);
      expect(callback.status, b).toBe(429);
      expect(await callback.text()).toContain('data-login-error="locked"');
    }
  }, 240_000);
});
