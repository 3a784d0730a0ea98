import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { createMemoryStockListingStore } from '../../src/store/memory-stock-listing-store.js';
import { startListingRefresh } from '../../workers/stock-listing-refresh.js';
import { masterFile, startKisMasterServer, type KisMasterFake } from '../fakes/kis-master-server.js';
import { waitUntil } from '../fakes/wait-until.js';
import { writeZip } from '../fakes/zip-writer.js';

let fake: KisMasterFake | undefined;
afterEach(async () => fake?.close());

describe('the worker keeps the KRX listing fresh', () => {
  it('loads a missing listing at start, leaves a fresh one alone, and reloads it once it is older than a day', async () => {
    fake = await startKisMasterServer({
      kospi: [{ code: '005930', name: '삼성전자' }],
      kosdaq: [{ code: '247540', name: '에코프로비엠' }],
    });
    const store = createMemoryStockListingStore();
    let clock = Date.UTC(2026, 11, 2, 0);
    const refresh = startListingRefresh({
      store,
      logger: createLogger({ level: 'silent' }),
      baseUrl: fake.url,
      now: () => clock,
      checkEveryMs: 3_600_000,
    });
    try {
      await waitUntil(async () => (await store.read()).stocks.length === 2, 'the listing loaded at start');
      expect(fake.requests()).toHaveLength(2);
      clock += 3_600_000;
      await refresh.checkNow();
      expect(fake.requests()).toHaveLength(2);
      fake.serve(
        'kospi_code.mst.zip',
        writeZip([
          {
            name: 'kospi_code.mst',
            data: masterFile('KOSPI', [
              { code: '005930', name: '삼성전자' },
              { code: '000660', name: 'SK하이닉스' },
            ]),
          },
        ]),
      );
      clock += 21 * 3_600_000;
      await refresh.checkNow();
      expect(fake.requests()).toHaveLength(4);
      expect((await store.read()).stocks.map((s) => s.name)).toEqual(['SK하이닉스', '삼성전자', '에코프로비엠']);
    } finally {
      await refresh.close();
    }
  });
});
