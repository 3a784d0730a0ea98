import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ScenarioSpec } from '../../src/scenario/scenario-schema.js';
import type { ScenarioStore } from '../../src/store/scenario-store.js';

const spec = (move: number): ScenarioSpec => ({
  name: 'won shock',
  horizonMonths: 3,
  shocks: [{ indicatorId: 'usdkrw', move, unit: '%' }],
});
const user = () => `telegram:${randomUUID()}`;

/** One contract for every ScenarioStore: memory and SQLite always, MongoDB when MONGODB_URL is set. */
export function describeScenarioStoreContract(name: string, makeStore: () => Promise<ScenarioStore>): void {
  describe(`ScenarioStore contract: ${name}`, () => {
    const t0 = new Date(Date.UTC(2026, 0, 1));
    const at = (s: number) => new Date(t0.getTime() + s * 1000);

    it('every edit is a new version; old versions stay readable and results name theirs', async () => {
      const store = await makeStore();
      const owner = user();
      const id = randomUUID();
      const v1 = await store.create({ id, ownerId: owner, shared: false, spec: spec(10), now: t0 });
      expect(v1).toMatchObject({ id, ownerId: owner, shared: false, version: 1, spec: spec(10) });
      const v2 = await store.update(id, owner, spec(8), at(1));
      expect(v2).toMatchObject({ version: 2, spec: spec(8), createdAt: t0, updatedAt: at(1) });
      expect((await store.get(id))?.spec.shocks[0]?.move).toBe(8);
      expect((await store.getVersion(id, 1))?.spec.shocks[0]?.move).toBe(10);
      expect((await store.versions(id)).map((v) => [v.version, v.spec.shocks[0]?.move])).toEqual([
        [1, 10],
        [2, 8],
      ]);
      expect(await store.getVersion(id, 3)).toBeUndefined();
      await store.saveResult({
        id: randomUUID(),
        scenarioId: id,
        version: 1,
        userId: owner,
        createdAt: at(2),
        doc: { pnl: -1 },
      });
      await store.saveResult({
        id: randomUUID(),
        scenarioId: id,
        version: 2,
        userId: owner,
        createdAt: at(3),
        doc: { pnl: -2 },
      });
      expect((await store.listResults(id)).map((r) => [r.version, r.doc])).toEqual([
        [1, { pnl: -1 }],
        [2, { pnl: -2 }],
      ]);
    });

    it("lists a user's own and the shared scenarios, newest edit first; only the owner edits or deletes", async () => {
      const store = await makeStore();
      const a = user();
      const b = user();
      const mine = randomUUID();
      const shared = randomUUID();
      const other = randomUUID();
      await store.create({ id: mine, ownerId: a, shared: false, spec: spec(1), now: t0 });
      await store.create({ id: shared, ownerId: b, shared: true, spec: spec(2), now: at(1) });
      await store.create({ id: other, ownerId: b, shared: false, spec: spec(3), now: at(2) });
      const ours: string[] = [mine, shared, other];
      const listed = (await store.list(a)).map((s) => s.id).filter((id) => ours.includes(id));
      expect(listed).toEqual([shared, mine]);
      await expect(store.update(shared, a, spec(5), at(3))).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
      await expect(store.remove(shared, a, at(3))).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
      await expect(store.update(randomUUID(), a, spec(5), at(3))).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect((await store.get(shared))?.version).toBe(1);
    });

    it('a deleted scenario leaves lists and edits, but its versions stay reproducible', async () => {
      const store = await makeStore();
      const owner = user();
      const id = randomUUID();
      await store.create({ id, ownerId: owner, shared: false, spec: spec(4), now: t0 });
      expect(await store.remove(id, owner, at(1))).toBe(true);
      expect(await store.remove(id, owner, at(2))).toBe(false);
      expect(await store.get(id)).toBeUndefined();
      expect((await store.list(owner)).map((s) => s.id)).not.toContain(id);
      await expect(store.update(id, owner, spec(5), at(3))).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect((await store.getVersion(id, 1))?.spec).toEqual(spec(4));
    });

    it('erasing a user removes their scenarios with every version and result, and their runs on others’ scenarios', async () => {
      const store = await makeStore();
      const [gone, stays] = [user(), user()];
      const [mine, theirs] = [randomUUID(), randomUUID()];
      await store.create({ id: mine, ownerId: gone, shared: true, spec: spec(1), now: t0 });
      await store.update(mine, gone, spec(2), at(1));
      await store.create({ id: theirs, ownerId: stays, shared: true, spec: spec(3), now: t0 });
      const result = (scenarioId: string, userId: string) => ({
        id: randomUUID(),
        scenarioId,
        version: 1,
        userId,
        createdAt: at(2),
        doc: { p: 1 },
      });
      await store.saveResult(result(mine, gone));
      await store.saveResult(result(mine, stays));
      await store.saveResult(result(theirs, gone));
      const kept = result(theirs, stays);
      await store.saveResult(kept);

      expect(await store.removeByUser(gone)).toEqual({ scenarios: 1, results: 3 });
      expect(await store.get(mine)).toBeUndefined();
      expect(await store.versions(mine)).toEqual([]);
      expect(await store.listResults(mine)).toEqual([]);
      expect((await store.listResults(theirs)).map((r) => r.id)).toEqual([kept.id]);
      expect((await store.get(theirs))?.ownerId).toBe(stays);
      expect(await store.removeByUser(gone)).toEqual({ scenarios: 0, results: 0 });
      await expect(store.removeByUser({ $ne: null } as unknown as string)).rejects.toMatchObject({
        code: 'BAD_REQUEST',
      });
    });

    it('refuses non-string ids before they reach a query', async () => {
      const store = await makeStore();
      await expect(store.get({ $ne: null } as unknown as string)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      await expect(store.list('')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    });
  });
}
