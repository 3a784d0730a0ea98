import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { RefreshTokenStore } from '../../src/store/refresh-token-store.js';

const hash = () => createHash('sha256').update(randomBytes(32)).digest('hex');
const unique = (what: string) => `${what}-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
const DAY = 86_400_000;

/** One contract for every RefreshTokenStore: memory always, MongoDB when MONGODB_URL is set. */
export function describeRefreshTokenStoreContract(name: string, makeStore: () => Promise<RefreshTokenStore>): void {
  describe(`RefreshTokenStore contract: ${name}`, () => {
    const t0 = new Date(Date.UTC(2026, 0, 1));
    const token = (over: { familyId?: string; userId?: string; expiresAt?: Date } = {}) => ({
      tokenHash: hash(),
      familyId: over.familyId ?? unique('fam'),
      userId: over.userId ?? unique('web:kakao'),
      createdAt: t0,
      expiresAt: over.expiresAt ?? new Date(t0.getTime() + 30 * DAY),
    });

    it('rotates a token once; the second use is reported as reuse with the same record', async () => {
      const store = await makeStore();
      const t = token();
      await store.insert(t);
      const first = await store.consume(t.tokenHash, new Date(t0.getTime() + 1_000));
      expect(first).toMatchObject({
        status: 'rotated',
        record: { tokenHash: t.tokenHash, familyId: t.familyId, userId: t.userId },
      });
      if (first.status !== 'rotated') throw new Error('unreachable');
      expect(first.record.usedAt).toEqual(new Date(t0.getTime() + 1_000));
      expect(first.record.expiresAt).toEqual(t.expiresAt);
      const again = await store.consume(t.tokenHash, new Date(t0.getTime() + 2_000));
      expect(again.status).toBe('reused');
    });

    it('of many concurrent uses of one token exactly one rotates', async () => {
      const store = await makeStore();
      const t = token();
      await store.insert(t);
      const results = await Promise.all(
        Array.from({ length: 8 }, () => store.consume(t.tokenHash, new Date(t0.getTime() + 5))),
      );
      expect(results.filter((r) => r.status === 'rotated')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'reused')).toHaveLength(7);
    });

    it('reports unknown and expired tokens and leaves an expired one unused', async () => {
      const store = await makeStore();
      expect(await store.consume(hash(), t0)).toEqual({ status: 'unknown' });
      const t = token({ expiresAt: new Date(t0.getTime() + 60_000) });
      await store.insert(t);
      expect((await store.consume(t.tokenHash, new Date(t0.getTime() + 60_000))).status).toBe('expired');
      const r = await store.consume(t.tokenHash, new Date(t0.getTime() + 120_000));
      expect(r.status).toBe('expired');
      if (r.status === 'expired') expect(r.record.usedAt).toBeUndefined();
    });

    it('revokes a whole family and only that family; revoked tokens cannot rotate; the family turns inactive', async () => {
      const store = await makeStore();
      const familyId = unique('fam');
      const a = token({ familyId });
      const b = token({ familyId, userId: a.userId });
      const other = token({ userId: a.userId });
      for (const t of [a, b, other]) await store.insert(t);
      expect(await store.isFamilyActive(familyId, t0)).toBe(true);
      expect(await store.revokeFamily(familyId, new Date(t0.getTime() + 10))).toBe(2);
      expect(await store.revokeFamily(familyId, new Date(t0.getTime() + 20))).toBe(0);
      expect(await store.isFamilyActive(familyId, t0)).toBe(false);
      const r = await store.consume(b.tokenHash, new Date(t0.getTime() + 30));
      expect(r.status).toBe('revoked');
      if (r.status === 'revoked') expect(r.record.revokedAt).toEqual(new Date(t0.getTime() + 10));
      expect(await store.isFamilyActive(other.familyId, t0)).toBe(true);
      expect((await store.consume(other.tokenHash, t0)).status).toBe('rotated');
    });

    it('a family with only expired tokens is inactive; an unknown family is inactive', async () => {
      const store = await makeStore();
      const t = token({ expiresAt: new Date(t0.getTime() + 1_000) });
      await store.insert(t);
      expect(await store.isFamilyActive(t.familyId, new Date(t0.getTime() + 999))).toBe(true);
      expect(await store.isFamilyActive(t.familyId, new Date(t0.getTime() + 1_000))).toBe(false);
      expect(await store.isFamilyActive(unique('nope'), t0)).toBe(false);
    });

    it('refuses a duplicate hash, a hash that is not sha256 hex, and operator-shaped ids', async () => {
      const store = await makeStore();
      const t = token();
      await store.insert(t);
      await expect(store.insert({ ...t, familyId: unique('fam') })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      await expect(store.consume('not-a-hash', t0)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      await expect(store.consume({ $ne: null } as unknown as string, t0)).rejects.toMatchObject({
        code: 'BAD_REQUEST',
      });
      await expect(store.revokeFamily({ $exists: true } as unknown as string, t0)).rejects.toMatchObject({
        code: 'BAD_REQUEST',
      });
      await expect(store.isFamilyActive({ $gt: '' } as unknown as string, t0)).rejects.toMatchObject({
        code: 'BAD_REQUEST',
      });
      // The stored token is untouched by the refused calls.
      expect((await store.consume(t.tokenHash, t0)).status).toBe('rotated');
    });

    it('does not let callers change stored records through returned objects; init is idempotent and ping answers', async () => {
      const store = await makeStore();
      const t = token();
      await store.insert(t);
      const r = await store.consume(t.tokenHash, t0);
      if (r.status !== 'rotated') throw new Error('expected rotated');
      delete (r.record as { usedAt?: Date }).usedAt;
      expect((await store.consume(t.tokenHash, t0)).status).toBe('reused');
      await store.init();
      await store.init();
      expect(await store.ping()).toBe(true);
    });
  });
}
