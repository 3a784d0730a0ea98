import { createHash } from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createAccessTokens } from '../../src/auth/access-tokens.js';
import { createMemoryOAuthStateStore } from '../../src/auth/memory-oauth-state-store.js';
import { createRedisOAuthStateStore } from '../../src/auth/redis-oauth-state-store.js';
import { createWebSessions } from '../../src/auth/web-sessions.js';
import { createMemoryRefreshTokenStore } from '../../src/store/memory-refresh-token-store.js';
import { Redis } from 'ioredis';
import type { OAuthStateStore } from '../../src/auth/oauth-state-store.js';
import { useTestRedis } from '../fakes/test-redis.js';

const secret = new TextEncoder().encode('unit-test-secret-unit-test-secret-0123');

function sessions(clock: { t: number }, refreshTtlSeconds = 3_600, accessTtlSeconds = 900) {
  const now = () => clock.t;
  const store = createMemoryRefreshTokenStore();
  return {
    store,
    s: createWebSessions({
      store,
      access: createAccessTokens({ secret, ttlSeconds: accessTtlSeconds, now }),
      refreshTtlSeconds,
      now,
    }),
  };
}

describe('web sessions with a controlled clock', () => {
  it('an access token works until its exp and is refused from then on', async () => {
    const clock = { t: Date.UTC(2026, 0, 1) };
    const { s } = sessions(clock);
    const t = await s.start('web:kakao:1');
    expect(t.accessExpiresAt - clock.t).toBe(900_000);
    clock.t += 899_000;
    expect(await s.authenticate(t.accessToken)).toMatchObject({ userId: 'web:kakao:1' });
    clock.t += 1_000;
    await expect(s.authenticate(t.accessToken)).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      details: { reason: 'expired' },
    });
  });

  it('a refresh token expires after its TTL and then neither rotates nor keeps the session alive', async () => {
    const clock = { t: Date.UTC(2026, 0, 1) };
    const { s } = sessions(clock, 600, 3_600);
    const t = await s.start('web:kakao:2');
    clock.t += 600_000;
    await expect(s.refresh(t.refreshToken)).rejects.toMatchObject({ details: { reason: 'expired' } });
    // The JWT itself is still within its hour, but its session is over.
    await expect(s.authenticate(t.accessToken)).rejects.toMatchObject({ details: { reason: 'revoked' } });
  });

  it('keeps only hashes: the store never sees the token', async () => {
    const clock = { t: Date.UTC(2026, 0, 1) };
    const { s, store } = sessions(clock);
    const t = await s.start('web:kakao:3');
    // The raw token is not a key of the store at all (not even a valid one); its sha256 is.
    await expect(store.consume(t.refreshToken, new Date(clock.t))).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const r = await store.consume(createHash('sha256').update(t.refreshToken).digest('hex'), new Date(clock.t));
    expect(r).toMatchObject({ status: 'rotated', record: { userId: 'web:kakao:3' } });
    expect(JSON.stringify(r)).not.toContain(t.refreshToken);
  });

  it('logout with an unknown or malformed token is a quiet no-op', async () => {
    const { s } = sessions({ t: Date.now() });
    await expect(s.logout('x'.repeat(43))).resolves.toBeUndefined();
    await expect(s.logout('not a token')).resolves.toBeUndefined();
  });

  it('refuses tokens with the right key but the wrong issuer or audience, and keys under 32 bytes', async () => {
    const { s } = sessions({ t: Date.now() });
    for (const [iss, aud] of [
      ['someone-else', 'riskxpert-web'],
      ['riskxpert', 'other-app'],
    ]) {
      const jwt = await new SignJWT({ sid: 'x' })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(iss!)
        .setAudience(aud!)
        .setSubject('u')
        .setExpirationTime('5m')
        .sign(secret);
      await expect(s.authenticate(jwt)).rejects.toMatchObject({ details: { reason: 'invalid' } });
    }
    expect(() => createAccessTokens({ secret: new Uint8Array(31), ttlSeconds: 60 })).toThrow(/32 bytes/u);
  });
});

function describeStateStore(name: string, make: () => Promise<{ store: OAuthStateStore; close(): Promise<void> }>) {
  describe(`OAuth state store: ${name}`, () => {
    it('gives the binding back once; a second take, an unknown state and a concurrent take get nothing', async () => {
      const { store, close } = await make();
      try {
        await store.put('s1', 'b1', 60);
        expect(await store.take('s1')).toBe('b1');
        expect(await store.take('s1')).toBeUndefined();
        expect(await store.take('never')).toBeUndefined();
        await store.put('s2', 'b2', 60);
        const both = await Promise.all([store.take('s2'), store.take('s2'), store.take('s2')]);
        expect(both.filter((x) => x === 'b2')).toHaveLength(1);
      } finally {
        await close();
      }
    });
  });
}

describe('refresh-token reuse grace (two tabs renewing with one cookie) with a controlled clock', () => {
  function graced(clock: { t: number }, reuseGraceSeconds: number) {
    const now = () => clock.t;
    const store = createMemoryRefreshTokenStore();
    return createWebSessions({
      store,
      access: createAccessTokens({ secret, ttlSeconds: 900, now }),
      refreshTtlSeconds: 3_600,
      reuseGraceSeconds,
      now,
    });
  }

  it('within the grace period the spent token rotates again into a sibling; both successors and their access tokens live on', async () => {
    const clock = { t: Date.UTC(2026, 0, 1) };
    const s = graced(clock, 30);
    const t0 = await s.start('web:kakao:10');
    const [a, b] = await Promise.all([s.refresh(t0.refreshToken), s.refresh(t0.refreshToken)]);
    expect(a.refreshToken).not.toBe(b.refreshToken);
    clock.t += 29_000;
    // A third tab, 29 s later, still inside the window.
    const c = await s.refresh(t0.refreshToken);
    for (const t of [a, b, c]) expect(await s.authenticate(t.accessToken)).toMatchObject({ userId: 'web:kakao:10' });
    // Each sibling rotates on its own, as any token does.
    const a2 = await s.refresh(a.refreshToken);
    const b2 = await s.refresh(b.refreshToken);
    expect(await s.authenticate(a2.accessToken)).toMatchObject({ userId: 'web:kakao:10' });
    expect(await s.authenticate(b2.accessToken)).toMatchObject({ userId: 'web:kakao:10' });
  });

  it('a replay after the grace period is a genuine reuse: it revokes the whole family, siblings included', async () => {
    const clock = { t: Date.UTC(2026, 0, 1) };
    const s = graced(clock, 30);
    const t0 = await s.start('web:kakao:11');
    const a = await s.refresh(t0.refreshToken);
    const b = await s.refresh(t0.refreshToken);
    clock.t += 30_001;
    await expect(s.refresh(t0.refreshToken)).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      details: { reason: 'reused' },
    });
    for (const t of [a, b]) {
      await expect(s.refresh(t.refreshToken)).rejects.toMatchObject({ details: { reason: 'revoked' } });
      await expect(s.authenticate(t.accessToken)).rejects.toMatchObject({ details: { reason: 'revoked' } });
    }
  });

  it('the window runs from the first rotation, not from the latest sibling; a logged-out family gets no grace; 0 turns it off', async () => {
    const clock = { t: Date.UTC(2026, 0, 1) };
    const s = graced(clock, 30);
    const t0 = await s.start('web:kakao:12');
    await s.refresh(t0.refreshToken);
    clock.t += 20_000;
    await s.refresh(t0.refreshToken);
    clock.t += 20_000;
    await expect(s.refresh(t0.refreshToken)).rejects.toMatchObject({ details: { reason: 'reused' } });

    const t1 = await s.start('web:kakao:12');
    const n1 = await s.refresh(t1.refreshToken);
    await s.logout(n1.refreshToken);
    await expect(s.refresh(t1.refreshToken)).rejects.toMatchObject({ details: { reason: 'revoked' } });

    const strict = graced(clock, 0);
    const t2 = await strict.start('web:kakao:13');
    await strict.refresh(t2.refreshToken);
    await expect(strict.refresh(t2.refreshToken)).rejects.toMatchObject({ details: { reason: 'reused' } });
  });
});

describeStateStore('memory', async () => ({ store: createMemoryOAuthStateStore(), close: async () => undefined }));
it('memory OAuth states expire after their TTL', async () => {
  const clock = { t: 0 };
  const store = createMemoryOAuthStateStore({ now: () => clock.t });
  await store.put('s', 'b', 10);
  clock.t = 10_000;
  expect(await store.take('s')).toBeUndefined();
});

describe('OAuth states in a Redis of their own', () => {
  const testRedis = useTestRedis();
  describeStateStore('redis', async () => {
    const redis = new Redis(testRedis.url, { maxRetriesPerRequest: 1 });
    const keyPrefix = `rx-test-oauth-${process.pid}-${Date.now()}:`;
    return {
      store: createRedisOAuthStateStore({ redis, keyPrefix }),
      async close() {
        const keys = await redis.keys(`${keyPrefix}*`);
        if (keys.length) await redis.del(...keys);
        redis.disconnect();
      },
    };
  });

  it('redis OAuth states carry their TTL in Redis', async () => {
    const redis = new Redis(testRedis.url, { maxRetriesPerRequest: 1 });
    const keyPrefix = `rx-test-oauth-ttl-${process.pid}-${Date.now()}:`;
    try {
      await createRedisOAuthStateStore({ redis, keyPrefix }).put('s', 'b', 600);
      const ttl = await redis.ttl(`${keyPrefix}s`);
      expect(ttl).toBeGreaterThan(590);
      expect(ttl).toBeLessThanOrEqual(600);
    } finally {
      await redis.del(`${keyPrefix}s`);
      redis.disconnect();
    }
  });
});
