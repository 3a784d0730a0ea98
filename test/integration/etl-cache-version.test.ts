import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { AnswerEvent } from '../../src/engine/answer-types.js';
import { createSilentLogger } from '../../src/logger.js';
import { createRuntime } from '../../src/runtime.js';
import { createMemorySeriesStore } from '../../src/store/memory-series-store.js';
import { loadIndicator } from '../../workers/etl-queue.js';

const monthly = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    date: `${2019 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-28`,
    value: 1500 + 7 * i,
  }));

describe('a new data version reaches the answers', () => {
  it('cached answers are keyed by data version: after an ETL load changes the series, the same question is answered afresh', async () => {
    const rt = await createRuntime(loadConfig({ FORECASTER: 'drift', LLM_ENABLED: 'false' }), {
      logger: createSilentLogger(),
    });
    const ask = async () => {
      let done: Extract<AnswerEvent, { type: 'done' }> | undefined;
      for await (const e of rt.engine.answer({ platform: 'cli', userId: 'cli:v', question: '금값 3개월' }))
        if (e.type === 'done') done = e;
      return done!;
    };
    try {
      const source = (n: number) => ({ id: 'csv', fetch: async () => monthly(n) });
      const first = await loadIndicator({
        indicatorId: 'gold',
        binding: { source: source(40), symbol: 'gold', cron: '0 9 * * *' },
        store: rt.seriesStore,
      });
      expect((await ask()).cached).toBe(false);
      expect((await ask()).cached).toBe(true);
      // The same data again: same version, the cached answer still stands.
      const same = await loadIndicator({
        indicatorId: 'gold',
        binding: { source: source(40), symbol: 'gold', cron: '0 9 * * *' },
        store: rt.seriesStore,
      });
      expect(same).toMatchObject({ changed: false, version: first.version });
      expect((await ask()).cached).toBe(true);
      const next = await loadIndicator({
        indicatorId: 'gold',
        binding: { source: source(41), symbol: 'gold', cron: '0 9 * * *' },
        store: rt.seriesStore,
      });
      expect(next.version).not.toBe(first.version);
      expect((await ask()).cached).toBe(false);
    } finally {
      await rt.close();
    }
  });

  it('the data version is the content: the same points from another provider keep it', async () => {
    const a = createMemorySeriesStore();
    const b = createMemorySeriesStore();
    const ra = await loadIndicator({
      indicatorId: 'gold',
      binding: { source: { id: 'x', fetch: async () => monthly(12) }, symbol: 's', cron: '* * * * *' },
      store: a,
    });
    const rb = await loadIndicator({
      indicatorId: 'gold',
      binding: { source: { id: 'y', fetch: async () => monthly(12) }, symbol: 't', cron: '* * * * *' },
      store: b,
    });
    expect(ra.version).toBe(rb.version);
  });
});
