import { describe, expect, it } from 'vitest';
import { createCompositeRepository } from '../../src/data/composite-repository.js';
import { createSampleRepository } from '../../src/data/sample-repository.js';
import { createStoreRepository } from '../../src/data/store-repository.js';
import { RiskXpertError } from '../../src/errors.js';
import { createMemorySeriesStore } from '../../src/store/memory-series-store.js';
import type { SeriesStore } from '../../src/store/series-store.js';

/** The memory series store with its reads failing the way an unreachable MongoDB fails them: at once, or never. */
function brokenStore(mode: 'refused' | 'hangs'): SeriesStore {
  const inner = createMemorySeriesStore();
  return {
    ...inner,
    read: () =>
      mode === 'refused'
        ? Promise.reject(new RiskXpertError('STORE_UNAVAILABLE', 'MongoDB read failed: connect ECONNREFUSED'))
        : new Promise(() => undefined),
  };
}

describe('answers survive a series store that is down', () => {
  it('an unreachable store hands the question to the next repository (the offline sample here)', async () => {
    const repo = createCompositeRepository([createStoreRepository(brokenStore('refused')), createSampleRepository()]);
    const series = await repo.get('sp500');
    expect(series.sample).toBe(true);
    expect(series.points.length).toBeGreaterThan(100);
  });

  it('a store that never answers costs at most the lookup budget', async () => {
    const repo = createCompositeRepository([createStoreRepository(brokenStore('hangs')), createSampleRepository()], {
      findTimeoutMs: 200,
    });
    const series = await repo.get('sp500');
    expect(series.sample).toBe(true);
  });

  it('a store failure is not hidden when nothing else has the series', async () => {
    const repo = createCompositeRepository([createStoreRepository(brokenStore('refused'))]);
    await expect(repo.get('kospi')).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
  });
});
