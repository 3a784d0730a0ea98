import { describe, expect, it } from 'vitest';
import { createStockDirectorySource } from '../../../src/data/stocks/stock-directory-source.js';
import { RiskXpertError } from '../../../src/errors.js';
import { createMemoryStockListingStore } from '../../../src/store/memory-stock-listing-store.js';

describe('the directory questions are read against', () => {
  it('is rebuilt from the stored listing once its time is up, not on every question', async () => {
    const store = createMemoryStockListingStore();
    let clock = 0;
    let reads = 0;
    const counted = { read: async () => ((reads += 1), store.read()) };
    const source = createStockDirectorySource(counted, { ttlMs: 1_000, now: () => clock });
    expect((await source.directory()).source).toBe('aliases');
    await store.replaceMarket('KOSDAQ', [{ code: '293490', name: '카카오게임즈', market: 'KOSDAQ', marketCap: 1 }]);
    expect((await source.directory()).byCode('293490')).toBeUndefined();
    clock = 1_001;
    const fresh = await source.directory();
    expect(fresh.source).toBe('listing');
    expect(fresh.byCode('293490')?.name).toBe('카카오게임즈');
    await Promise.all([source.directory(), source.directory()]);
    expect(reads).toBe(2);
  });

  it('keeps the last good directory (or the built-in names) when the store cannot be read', async () => {
    let fail = true;
    const store = createMemoryStockListingStore();
    await store.replaceMarket('KOSPI', [{ code: '006400', name: '삼성SDI', market: 'KOSPI', marketCap: 1 }]);
    const flaky = {
      read: async () => (fail ? Promise.reject(new RiskXpertError('STORE_UNAVAILABLE', 'down')) : store.read()),
    };
    let clock = 0;
    const source = createStockDirectorySource(flaky, { ttlMs: 10, now: () => clock });
    const builtIn = await source.directory();
    expect(builtIn.source).toBe('aliases');
    expect(builtIn.byCode('005930')?.name).toBe('삼성전자');
    fail = false;
    clock = 20;
    expect((await source.directory()).byCode('006400')?.name).toBe('삼성SDI');
    fail = true;
    clock = 40;
    expect((await source.directory()).byCode('006400')?.name).toBe('삼성SDI');
  });
});
