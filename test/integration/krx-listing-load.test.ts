import { afterEach, describe, expect, it } from 'vitest';
import { createKrxListingLoader } from '../../src/data/stocks/krx-listing-loader.js';
import { createSqliteStockListingStore } from '../../src/store/sqlite-stock-listing-store.js';
import { sqliteTestDb } from '../contract/sqlite-test-db.js';
import { startKisMasterServer, type KisMasterFake } from '../fakes/kis-master-server.js';

const LISTING = {
  kospi: [
    { code: '005930', name: '삼성전자', marketCap: 4_300_000 },
    { code: '006400', name: '삼성SDI', marketCap: 250_000 },
    { code: '069500', name: 'KODEX 200', group: 'EF', marketCap: 60_000 },
  ],
  kosdaq: [{ code: '247540', name: '에코프로비엠', marketCap: 200_000 }],
};

let fake: KisMasterFake | undefined;
const dbs: ReturnType<typeof sqliteTestDb>[] = [];
afterEach(async () => {
  await fake?.close();
  for (const d of dbs.splice(0)) d.drop();
});

function sqliteStore() {
  const db = sqliteTestDb('listing-load');
  dbs.push(db);
  return createSqliteStockListingStore(db.open());
}

describe('KRX listing ETL over HTTP (KIS master-file stand-in, real zip + CP949 bytes)', () => {
  it('downloads both zips, parses them and keeps every ordinary share in the store', async () => {
    fake = await startKisMasterServer(LISTING);
    const store = sqliteStore();
    const at = new Date(Date.UTC(2026, 11, 2, 8));
    const results = await createKrxListingLoader({ store, baseUrl: fake.url, now: () => at }).load();
    expect(results).toEqual([
      { market: 'KOSPI', count: 2 },
      { market: 'KOSDAQ', count: 1 },
    ]);
    expect(fake.requests()).toEqual([
      'GET /common/master/kospi_code.mst.zip',
      'GET /common/master/kosdaq_code.mst.zip',
    ]);
    const read = await store.read();
    expect(read.stocks.map((s) => `${s.code} ${s.name} ${s.market}`)).toEqual([
      '005930 삼성전자 KOSPI',
      '006400 삼성SDI KOSPI',
      '247540 에코프로비엠 KOSDAQ',
    ]);
    expect(read.loadedAt).toEqual({ KOSPI: at, KOSDAQ: at });
  });

  it('a market whose download fails keeps its stored listing and says why; the other market still loads', async () => {
    fake = await startKisMasterServer(LISTING);
    const store = sqliteStore();
    const loader = createKrxListingLoader({ store, baseUrl: fake.url, retries: 1, minBackoffMs: 1, maxBackoffMs: 2 });
    await loader.load();
    fake.serve('kospi_code.mst.zip', 503);
    fake.serve('kosdaq_code.mst.zip', Buffer.from('<html>maintenance</html>'));
    const results = await loader.load();
    expect(results[0]).toMatchObject({ market: 'KOSPI', error: expect.stringMatching(/KIS master: HTTP 503/u) });
    expect(results[1]).toMatchObject({ market: 'KOSDAQ', error: expect.stringMatching(/zip: /u) });
    // 503 is retried (once here), a body that is not a zip is not.
    expect(fake.requests().filter((r) => r.includes('kospi')).length).toBe(3);
    expect((await store.read()).stocks).toHaveLength(3);
  });
});
