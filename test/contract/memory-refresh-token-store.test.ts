import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { createMemoryRefreshTokenStore } from '../../src/store/memory-refresh-token-store.js';
import { describeRefreshTokenStoreContract } from './refresh-token-store.contract.js';

describeRefreshTokenStoreContract('memory', async () => createMemoryRefreshTokenStore());

it('memory refresh-token store stays bounded: expired tokens go first, then the oldest', async () => {
  const store = createMemoryRefreshTokenStore({ maxTokens: 3 });
  const h = (i: number) => createHash('sha256').update(String(i)).digest('hex');
  const t0 = new Date(Date.UTC(2026, 0, 1));
  const at = (ms: number) => new Date(t0.getTime() + ms);
  await store.insert({ tokenHash: h(1), familyId: 'f1', userId: 'u', createdAt: t0, expiresAt: at(10) });
  await store.insert({ tokenHash: h(2), familyId: 'f2', userId: 'u', createdAt: t0, expiresAt: at(1_000) });
  await store.insert({ tokenHash: h(3), familyId: 'f3', userId: 'u', createdAt: t0, expiresAt: at(1_000) });
  // Full: the expired one is swept, the live ones stay.
  await store.insert({ tokenHash: h(4), familyId: 'f4', userId: 'u', createdAt: at(20), expiresAt: at(1_000) });
  expect(await store.consume(h(1), at(20))).toEqual({ status: 'unknown' });
  expect(await store.isFamilyActive('f2', at(20))).toBe(true);
  // Full of live tokens: the oldest goes.
  await store.insert({ tokenHash: h(5), familyId: 'f5', userId: 'u', createdAt: at(30), expiresAt: at(1_000) });
  expect(await store.isFamilyActive('f2', at(30))).toBe(false);
  expect(await store.isFamilyActive('f5', at(30))).toBe(true);
});
