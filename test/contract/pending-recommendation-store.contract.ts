import { describe, expect, it } from 'vitest';
import type { PendingRecommendationStore } from '../../src/risk/pending-recommendation-store.js';

const rec = (at: number, fingerprint = '2:1000') => ({
  at,
  fingerprint,
  ids: ['kospi', 'stock:005930'],
  weightsAfter: [0.3, 0.25],
});

/** What every pending-recommendation store does: memory, SQLite and MongoDB run the same suite. */
export function describePendingRecommendationStoreContract(
  kind: string,
  open: () => Promise<PendingRecommendationStore>,
): void {
  describe(`pending recommendation store contract (${kind})`, () => {
    it('gives back the last recommendation put for a user once: take removes it', async () => {
      const store = await open();
      const userId = `telegram:${kind}:${Date.now()}`;
      expect(await store.take(userId)).toBeUndefined();
      await store.put(userId, rec(1_000), Date.now() + 60_000);
      await store.put(userId, rec(2_000, '3:900'), Date.now() + 60_000);
      expect(await store.take(userId)).toEqual(rec(2_000, '3:900'));
      expect(await store.take(userId)).toBeUndefined();
      await store.close();
    });

    it('keeps users apart', async () => {
      const store = await open();
      const [a, b] = [`kakao:${kind}:a:${Date.now()}`, `kakao:${kind}:b:${Date.now()}`];
      await store.put(a, rec(1), Date.now() + 60_000);
      await store.put(b, rec(2), Date.now() + 60_000);
      expect((await store.take(b))?.at).toBe(2);
      expect((await store.take(a))?.at).toBe(1);
      await store.close();
    });

    it('of two takes racing for one recommendation, exactly one gets it', async () => {
      const store = await open();
      const userId = `discord:${kind}:${Date.now()}`;
      await store.put(userId, rec(5), Date.now() + 60_000);
      const got = await Promise.all([store.take(userId), store.take(userId), store.take(userId)]);
      expect(got.filter((g) => g !== undefined)).toEqual([rec(5)]);
      await store.close();
    });

    it('refuses malformed recommendations and ids that are not plain strings', async () => {
      const store = await open();
      await expect(store.put('u', { ...rec(1), weightsAfter: [0.5] }, Date.now() + 1)).rejects.toThrow();
      await expect(store.put('u', { ...rec(1), at: -1 }, Date.now() + 1)).rejects.toThrow();
      await expect(store.take({ $ne: null } as unknown as string)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      expect(await store.take('u')).toBeUndefined();
      await store.close();
    });
  });
}
