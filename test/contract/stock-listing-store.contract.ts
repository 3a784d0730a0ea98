import { describe, expect, it } from 'vitest';
import type { ListedStock } from '../../src/data/stocks/listed-stock.js';
import type { StockListingStore } from '../../src/store/stock-listing-store.js';

const kospi = (code: string, name: string, marketCap = 1): ListedStock => ({ code, name, market: 'KOSPI', marketCap });
const kosdaq = (code: string, name: string, marketCap = 1): ListedStock => ({
  code,
  name,
  market: 'KOSDAQ',
  marketCap,
});

/** One contract for every StockListingStore: memory and SQLite always, MongoDB when MONGODB_URL is set. */
export function describeStockListingStoreContract(name: string, make: () => Promise<StockListingStore>) {
  describe(`StockListingStore contract: ${name}`, () => {
    it('starts empty, then reads every market in code order with its load time', async () => {
      const store = await make();
      expect(await store.read()).toEqual({ stocks: [], loadedAt: {} });
      const at = new Date(Date.UTC(2026, 11, 1, 7));
      expect(
        await store.replaceMarket(
          'KOSPI',
          [kospi('005930', '삼성전자', 5_000_000), kospi('000660', 'SK하이닉스', 1_500_000)],
          at,
        ),
      ).toEqual({ count: 2 });
      await store.replaceMarket('KOSDAQ', [kosdaq('247540', '에코프로비엠', 200_000)], new Date(at.getTime() + 1_000));
      const read = await store.read();
      expect(read.stocks).toEqual([
        kospi('000660', 'SK하이닉스', 1_500_000),
        kospi('005930', '삼성전자', 5_000_000),
        kosdaq('247540', '에코프로비엠', 200_000),
      ]);
      expect(read.loadedAt).toEqual({ KOSPI: at, KOSDAQ: new Date(at.getTime() + 1_000) });
    });

    it('replaces a market whole: a delisted stock disappears, the other market stays', async () => {
      const store = await make();
      await store.replaceMarket('KOSPI', [kospi('005930', '삼성전자'), kospi('035720', '카카오')]);
      await store.replaceMarket('KOSDAQ', [kosdaq('293490', '카카오게임즈')]);
      await store.replaceMarket('KOSPI', [kospi('005930', '삼성전자', 7)]);
      expect((await store.read()).stocks).toEqual([kospi('005930', '삼성전자', 7), kosdaq('293490', '카카오게임즈')]);
    });

    it('a stock that moved market counts once, where it was loaded last', async () => {
      const store = await make();
      await store.replaceMarket(
        'KOSDAQ',
        [kosdaq('091990', '셀트리온헬스케어'), kosdaq('086520', '에코프로')],
        new Date(1_000),
      );
      await store.replaceMarket('KOSPI', [kospi('086520', '에코프로')], new Date(2_000));
      expect((await store.read()).stocks).toEqual([kospi('086520', '에코프로'), kosdaq('091990', '셀트리온헬스케어')]);
    });

    it('refuses an empty load, a bad row, a duplicate code or a row of another market, and keeps what is there', async () => {
      const store = await make();
      await store.replaceMarket('KOSPI', [kospi('005930', '삼성전자')]);
      await expect(store.replaceMarket('KOSPI', [])).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        message: expect.stringMatching(/empty KOSPI listing/u),
      });
      await expect(store.replaceMarket('KOSPI', [kospi('5930', '삼성전자')])).rejects.toMatchObject({
        code: 'BAD_REQUEST',
      });
      await expect(store.replaceMarket('KOSPI', [kospi('005930', 'a'), kospi('005930', 'b')])).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        message: expect.stringMatching(/twice/u),
      });
      await expect(store.replaceMarket('KOSPI', [kosdaq('247540', '에코프로비엠')])).rejects.toMatchObject({
        code: 'BAD_REQUEST',
      });
      expect((await store.read()).stocks).toEqual([kospi('005930', '삼성전자')]);
    });
  });
}
