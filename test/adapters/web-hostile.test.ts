import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScriptedEngine, scriptedEvents } from '../fakes/kakao-scripted-engine.js';
import { startWebHarness, type WebHarness } from '../e2e/web-harness.js';
import { createCookieBrowser } from '../e2e/cookie-browser.js';
import { loginOverHttp } from '../e2e/web-login-helper.js';

let h: WebHarness;
let token: string;
beforeAll(async () => {
  // A fast scripted engine: the property is about the HTTP edge, not about forecasting.
  const events = await scriptedEvents({ scenarioChars: 80 });
  // 150 forged callbacks from one address would lock it (test/ops/signin-lockout.test.ts shows that); the property
  // here is about parsing hostile input, so the lock is set out of its reach.
  h = await startWebHarness(
    { LOCKOUT_THRESHOLD: '1000' },
    { engine: createScriptedEngine(() => ({ kind: 'replay', events })) },
  );
  token = (await loginOverHttp(h.base)).accessToken;
});
afterAll(async () => {
  await h.close();
});

const hostile = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '{"$ne": null}',
    '<script>alert(1)</script>',
    '\u0000\u202e',
    '../../etc/passwd',
    '코스피'.repeat(300),
    '%00',
    '"><img src=x>',
  ),
);

// Node refuses request heads over 16 KB with 431 before any route runs; URLs and cookies stay below that.
const queryValue = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.constantFrom('{"$ne": null}', '<script>alert(1)</script>', '\u0000\u202e', '코스피'.repeat(100), '"><img src=x>'),
);
const cookieValue = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.constantFrom('{"$ne": null}', '\u0000\u202e', '%00', 'a'.repeat(43)),
);

describe('hostile input on the web routes: never a 500', () => {
  it('POST /api/forecast with arbitrary JSON and shaped-but-hostile bodies: 200 stream or a 400 that names the problem', async () => {
    const shaped = fc.record(
      {
        question: fc.oneof(hostile, fc.integer(), fc.constant(null)),
        indicatorId: fc.oneof(hostile, fc.constant('kospi')),
        horizonMonths: fc.oneof(fc.integer(), fc.double(), hostile),
        locale: fc.oneof(fc.constantFrom('ko', 'en'), hostile),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue(), shaped), async (value) => {
        const res = await fetch(`${h.base}/api/forecast`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(value),
        });
        expect([200, 400]).toContain(res.status);
        if (res.status === 400)
          expect(((await res.json()) as { error: { code: string } }).error.code).toBe('BAD_REQUEST');
        else await res.arrayBuffer();
      }),
      { numRuns: 150 },
    );
  });

  it('GET /auth/kakao/callback with hostile query strings and cookies: a 400 login page, never a session', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.constantFrom('state', 'code', 'error', 'error_description', 'x'), queryValue),
        cookieValue,
        async (query, cookie) => {
          const qs = new URLSearchParams(query).toString();
          const res = await fetch(`${h.base}/auth/kakao/callback?${qs}`, {
            redirect: 'manual',
            headers: { cookie: `rx_oauth=${encodeURIComponent(cookie)}` },
          });
          expect(res.status).toBe(400);
          expect(res.headers.get('content-type')).toMatch(/text\/html/u);
          expect(
            res.headers.getSetCookie().some((c) => c.startsWith('rx_refresh=') && !/Expires=Thu, 01 Jan 1970/u.test(c)),
          ).toBe(false);
          const html = await res.text();
          // The page is one of the fixed failure pages: nothing from the query is echoed into it.
          expect(html).toMatch(/data-login-error="(state|browser|denied|code)"/u);
          expect(html).not.toMatch(/<script|<img/u);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('Authorization headers and refresh cookies of any shape: 401, never 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), async (junk) => {
        const b = createCookieBrowser();
        const bearer = junk.replace(/[^\x21-\x7e]/gu, '');
        const me = await fetch(`${h.base}/api/me`, { headers: { authorization: `Bearer ${bearer}` } });
        expect(me.status).toBe(401);
        const r = await b.fetch(`${h.base}/auth/refresh`, {
          method: 'POST',
          headers: { 'x-riskxpert-web': '1', cookie: `rx_refresh=${encodeURIComponent(junk)}` },
        });
        expect(r.status).toBe(401);
      }),
      { numRuns: 150 },
    );
  });
});
