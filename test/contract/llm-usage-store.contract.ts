import { describe, expect, it } from 'vitest';
import type { LlmUsageIncrement, LlmUsageStore } from '../../src/ops/llm-usage-store.js';

const inc = (over: Partial<LlmUsageIncrement> = {}): LlmUsageIncrement => ({
  day: '2026-07-20',
  feature: 'summary',
  model: 'gpt-4o-mini',
  calls: 1,
  errors: 0,
  tokensIn: 120,
  tokensOut: 40,
  costUsd: 0.000042,
  latencyMs: 800,
  ...over,
});

/**
 * What every LLM-use store does. `make` opens a store on the backend; with `shared`, two stores made by it are two
 * processes on one database (their adds must add up).
 */
export function describeLlmUsageStoreContract(
  name: string,
  make: () => Promise<LlmUsageStore>,
  options: { shared: boolean },
): void {
  describe(`LLM-use store contract (${name})`, () => {
    it('adds calls, errors, tokens, cost and latency into one row per day, feature and model', async () => {
      const s = await make();
      const model = `m-sum-${name}`;
      await s.add(inc({ model }));
      await s.add(inc({ model, errors: 1, tokensIn: 0, tokensOut: 0, costUsd: 0, latencyMs: 200 }));
      await s.add(inc({ model, feature: 'explanation', tokensIn: 300 }));
      const rows = (await s.since('2026-07-20')).filter((r) => r.model === model);
      expect(rows).toEqual([
        { ...inc({ model, feature: 'explanation', tokensIn: 300 }) },
        {
          day: '2026-07-20',
          feature: 'summary',
          model,
          calls: 2,
          errors: 1,
          tokensIn: 120,
          tokensOut: 40,
          costUsd: expect.closeTo(0.000042, 12) as number,
          latencyMs: 1000,
        },
      ]);
    });

    it('reads from a day on, newest day first', async () => {
      const s = await make();
      const model = `m-days-${name}`;
      for (const day of ['2026-06-01', '2026-06-03', '2026-06-02']) await s.add(inc({ day, model }));
      const rows = (await s.since('2026-06-02')).filter((r) => r.model === model);
      expect(rows.map((r) => r.day)).toEqual(['2026-06-03', '2026-06-02']);
    });

    it('loses no increment when many land on one row at once', async () => {
      const s = await make();
      const model = `m-race-${name}`;
      await Promise.all(Array.from({ length: 40 }, () => s.add(inc({ model, day: '2026-05-01' }))));
      const [row] = (await s.since('2026-05-01')).filter((r) => r.model === model);
      expect(row).toMatchObject({ calls: 40, tokensIn: 40 * 120, tokensOut: 40 * 40, latencyMs: 40 * 800 });
    });

    it.runIf(options.shared)('two processes on one database add to the same rows', async () => {
      const [a, b] = [await make(), await make()];
      const model = `m-two-${name}`;
      await Promise.all([
        ...Array.from({ length: 10 }, () => a.add(inc({ model, day: '2026-04-01' }))),
        ...Array.from({ length: 10 }, () => b.add(inc({ model, day: '2026-04-01', feature: 'summary' }))),
      ]);
      const rows = (await a.since('2026-04-01')).filter((r) => r.model === model);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ calls: 20, tokensIn: 2400 });
    });
  });
}
