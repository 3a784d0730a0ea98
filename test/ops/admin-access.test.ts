import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ROUTES } from '../../adapters/web/admin/admin-api.js';
import type { Need } from '../../src/ops/operators.js';
import { startWebHarness, type WebHarness } from '../e2e/web-harness.js';
import { waitUntil } from '../fakes/wait-until.js';
import {
  ADMIN_KAKAO_ID,
  bearerCall,
  enrollAndVerify,
  OPERATOR_KAKAO_ID,
  signIn,
  testClock,
  USER_KAKAO_ID,
  webUserId,
  type Signed,
} from './ops-helpers.js';

/**
 * Every console route, from the same table the router mounts, plus the routes mounted beside it. Request bodies are
 * deliberately invalid: a 400 proves the guard let the caller through without changing anything.
 */
const ROUTES: { method: 'get' | 'post'; path: string; need: Need; body?: unknown }[] = [
  ...ADMIN_ROUTES.map((r) => ({
    method: r.method,
    path: `/admin/api${r.example}`,
    need: r.need,
    ...(r.method === 'post' ? { body: { nonsense: true } } : {}),
  })),
  { method: 'post', path: '/admin/api/console-cookie', need: { role: 'operator', mfa: 'session' } },
  { method: 'get', path: '/admin/queues/', need: { role: 'operator', mfa: 'session' } },
  { method: 'get', path: '/account/api/sessions', need: { role: 'user', mfa: 'none' } },
  {
    method: 'post',
    path: '/account/api/sessions/00000000-0000-4000-8000-000000000000/revoke',
    need: { role: 'user', mfa: 'none' },
  },
];

const clock = testClock();
let h: WebHarness;
let user: Signed;
let operatorNoMfa: Signed;
let operator: Signed;
let admin: Signed;

beforeAll(async () => {
  h = await startWebHarness({ ADMIN_KAKAO_IDS: String(ADMIN_KAKAO_ID) }, { now: clock.now });
  user = await signIn(h, USER_KAKAO_ID);
  admin = await signIn(h, ADMIN_KAKAO_ID);
  await enrollAndVerify(admin, clock.now);
  const grant = await admin.call('/admin/api/roles', {
    method: 'POST',
    body: { userId: webUserId(OPERATOR_KAKAO_ID), role: 'operator' },
  });
  expect(grant.status).toBe(200);
  operatorNoMfa = await signIn(h, OPERATOR_KAKAO_ID);
  operator = await signIn(h, OPERATOR_KAKAO_ID);
  await enrollAndVerify(operator, clock.now);
}, 60_000);
afterAll(() => h?.close());

const send = (token: string | undefined, r: (typeof ROUTES)[number]) =>
  bearerCall(h.base, token, r.path, {
    method: r.method.toUpperCase(),
    ...(r.body !== undefined ? { body: r.body } : {}),
  });
const reasonOf = async (res: Response) => ((await res.json()) as { error?: { reason?: string } }).error?.reason;
const label = (r: (typeof ROUTES)[number]) => `${r.method.toUpperCase()} ${r.path} (${r.need.role}, mfa ${r.need.mfa})`;

describe('every console route checks the role and MFA on the server', () => {
  it.each(ROUTES.map((r) => [label(r), r] as const))('anonymous gets 401: %s', async (_l, r) => {
    expect((await send(undefined, r)).status).toBe(401);
    expect((await send('not-a-token', r)).status).toBe(401);
  });

  it.each(ROUTES.map((r) => [label(r), r] as const))(
    'a plain user gets 403 unless the route is for every user: %s',
    async (_l, r) => {
      const res = await send(user.token, r);
      if (r.need.role === 'user') expect([200, 204, 404]).toContain(res.status);
      else {
        expect(res.status).toBe(403);
        expect(await reasonOf(res)).toBe('forbidden');
      }
    },
  );

  it.each(ROUTES.map((r) => [label(r), r] as const))(
    'an operator without two-factor reaches only the MFA routes: %s',
    async (_l, r) => {
      const res = await send(operatorNoMfa.token, r);
      if (r.need.role === 'admin') expect(res.status).toBe(403);
      else if (r.need.mfa === 'none') expect([200, 204, 400, 404]).toContain(res.status);
      else expect(res.status).toBe(403);
    },
  );

  it.each(ROUTES.map((r) => [label(r), r] as const))(
    'an operator with two-factor reaches operator routes only: %s',
    async (_l, r) => {
      const res = await send(operator.token, r);
      if (r.need.role === 'admin') {
        expect(res.status).toBe(403);
        expect(await reasonOf(res)).toBe('forbidden');
      } else expect([200, 202, 204, 400, 404, 503]).toContain(res.status);
    },
  );

  it.each(ROUTES.map((r) => [label(r), r] as const))(
    'an admin with a fresh code reaches everything: %s',
    async (_l, r) => {
      expect([200, 202, 204, 400, 404, 503]).toContain((await send(admin.token, r)).status);
    },
  );

  it('an admin whose code is older than MFA_FRESH_SECONDS is refused the sensitive actions only', async () => {
    clock.advance(6 * 60_000);
    try {
      for (const r of ROUTES) {
        const res = await send(admin.token, r);
        if (r.need.mfa === 'fresh') {
          expect(res.status, label(r)).toBe(403);
          expect(await reasonOf(res)).toBe('mfa-stale');
        } else expect([200, 202, 204, 400, 404, 503], label(r)).toContain(res.status);
      }
      expect(ROUTES.some((r) => r.need.mfa === 'fresh')).toBe(true);
    } finally {
      clock.advance(-6 * 60_000);
    }
  });

  it('a failed sign-in is in the audit log with its reason and address', async () => {
    const res = await fetch(`${h.base}/auth/kakao/callback?state=${'x'.repeat(43)}&code=abc`, {
      headers: { 'user-agent': 'brute/1.0' },
    });
    expect(res.status).toBe(400);
    // The failure is logged when the response has finished: wait for it rather than guess a delay.
    type Entry = { details?: { reason?: string }; userAgent?: string; ip?: string };
    let found: Entry | undefined;
    await waitUntil(async () => {
      found = ((await (await admin.call('/admin/api/audit?type=signin.failure')).json()) as { entries: Entry[] })
        .entries[0];
      return found !== undefined;
    }, 'the signin.failure entry');
    expect(found).toMatchObject({
      details: { reason: 'state' },
      userAgent: 'brute/1.0',
      ip: expect.stringMatching(/127\.0\.0\.1/u),
    });
  });

  it('refusals are in the audit log', async () => {
    const res = await admin.call(
      `/admin/api/audit?type=admin.refused&userId=${encodeURIComponent(webUserId(USER_KAKAO_ID))}`,
    );
    const { entries } = (await res.json()) as { entries: { type: string; actorId: string }[] };
    expect(entries.length).toBeGreaterThan(0);
    expect(entries[0]).toMatchObject({ type: 'admin.refused', actorId: webUserId(USER_KAKAO_ID) });
  });
});
