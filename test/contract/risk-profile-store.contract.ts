import { describe, expect, it } from 'vitest';
import type { RiskProfileStore } from '../../src/risk/risk-profile.js';

/** What every risk-profile store does: memory, SQLite and MongoDB run the same suite. */
export function describeRiskProfileStoreContract(kind: string, open: () => Promise<RiskProfileStore>): void {
  describe(`risk profile store contract (${kind})`, () => {
    it('returns undefined for a user without a profile, then the saved profile, then its replacement', async () => {
      const store = await open();
      const userId = `telegram:${kind}:${Date.now()}`;
      expect(await store.get(userId)).toBeUndefined();
      await store.put({ userId, appetite: 'stable', lossLimit: 0.05, updatedAt: '2026-12-01T00:00:00.000Z' });
      expect(await store.get(userId)).toEqual({
        userId,
        appetite: 'stable',
        lossLimit: 0.05,
        updatedAt: '2026-12-01T00:00:00.000Z',
      });
      await store.put({ userId, appetite: 'aggressive', lossLimit: 0.2, updatedAt: '2026-12-02T00:00:00.000Z' });
      expect(await store.get(userId)).toMatchObject({ appetite: 'aggressive', lossLimit: 0.2 });
      await store.close();
    });

    it('erases one user’s profile only', async () => {
      const store = await open();
      const [gone, stays] = [`telegram:${kind}:gone:${Date.now()}`, `telegram:${kind}:stays:${Date.now()}`];
      for (const userId of [gone, stays])
        await store.put({ userId, appetite: 'stable', lossLimit: 0.05, updatedAt: '2026-12-01T00:00:00.000Z' });
      expect(await store.remove(gone)).toBe(true);
      expect(await store.remove(gone)).toBe(false);
      expect(await store.get(gone)).toBeUndefined();
      expect(await store.get(stays)).toMatchObject({ appetite: 'stable' });
      await store.close();
    });

    it('refuses invalid profiles and ids, keeping what was stored', async () => {
      const store = await open();
      const userId = `kakao:${kind}:bad`;
      await store.put({ userId, appetite: 'balanced', lossLimit: 0.1, updatedAt: '2026-12-01T00:00:00.000Z' });
      await expect(
        store.put({ userId, appetite: 'yolo' as 'stable', lossLimit: 0.1, updatedAt: 'x' }),
      ).rejects.toThrow();
      await expect(store.put({ userId, appetite: 'stable', lossLimit: 5, updatedAt: 'x' })).rejects.toThrow();
      await expect(store.get({ $ne: null } as unknown as string)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      expect(await store.get(userId)).toMatchObject({ appetite: 'balanced', lossLimit: 0.1 });
      await store.close();
    });
  });
}
