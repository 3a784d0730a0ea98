import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createStoreRepository } from '../../src/data/store-repository.js';
import { stockCodeOf, stockId, takeStock } from '../../src/data/stock-instruments.js';
import { parseOrder } from '../../src/sim/bot-commands.js';
import { createSimServices } from '../../src/sim/sim-services.js';
import { createMemorySeriesStore } from '../../src/store/memory-series-store.js';

describe('stock instruments at the command edge', () => {
  it('reads a code, stock:<code> or a known name, and keeps a bare 6-digit number a quantity when an indicator is named', () => {
    expect(parseOrder('005930 10')).toEqual({ instrumentId: 'stock:005930', quantity: 10n });
    expect(parseOrder('10 005930')).toEqual({ instrumentId: 'stock:005930', quantity: 10n });
    expect(parseOrder('stock:000660 3주')).toEqual({ instrumentId: 'stock:000660', quantity: 3n });
    expect(parseOrder('삼성전자 10주')).toEqual({ instrumentId: 'stock:005930', quantity: 10n });
    expect(parseOrder('SK 하이닉스 5')).toEqual({ instrumentId: 'stock:000660', quantity: 5n });
    expect(parseOrder('Naver 2')).toEqual({ instrumentId: 'stock:035420', quantity: 2n });
    expect(parseOrder('kospi 100000')).toEqual({ instrumentId: 'kospi', quantity: 100000n });
    expect(parseOrder('005930 100000')).toEqual({ instrumentId: 'stock:005930', quantity: 100000n });
    expect(parseOrder('005930')).toEqual({ instrumentId: 'stock:005930' });
  });

  it('refuses anything that is not exactly a 6-digit code: nothing else becomes an id', () => {
    expect(parseOrder('stock:12ab 1')).toEqual({ invalid: 'stock:12ab' });
    expect(parseOrder('stock:0059301 1')).toEqual({ invalid: 'stock:0059301' });
    expect(takeStock('stock:005930;del 1')).toEqual({ kind: 'invalid', token: 'stock:005930;del' });
    expect(takeStock('12345 1')).toEqual({ kind: 'none' });
    expect(() => stockId('12345')).toThrow();
    expect(() => stockId('00593x')).toThrow();
    expect(stockCodeOf('stock:005930')).toBe('005930');
    for (const bad of ['stock:00593', 'stock:005930 ', 'stock:005930\n', 'STOCK:005930', 'kospi', 'stock:*'])
      expect(stockCodeOf(bad)).toBeUndefined();
  });
});

function services(env: Record<string, string>, extra: { requestLoad?: (id: string) => Promise<void> } = {}) {
  const store = createMemorySeriesStore();
  const sim = createSimServices(loadConfig({ ETL_PROVIDERS: 'kis,csv', STORE: 'memory', ...env }), {
    series: createStoreRepository(store),
    seriesStore: store,
    ...extra,
  });
  const run = (command: 'buy' | 'sell' | 'portfolio', args = '', locale: 'ko' | 'en' = 'ko') =>
    sim.commands.run({ platform: 'telegram', userId: 'telegram:7', target: '7', locale, command, args });
  return { store, sim, run };
}

describe('orders on stocks', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('fills at the latest close the ETL stored, to the won, and values the position in the portfolio and chart', async () => {
    const s = services({});
    await s.store.upsert(
      'stock:005930',
      [
        { date: '2026-11-26', value: 70_900 },
        { date: '2026-11-27', value: 71_300 },
      ],
      { source: 'kis:005930' },
    );
    // 10 × 71,300 = 713,000; fee 15 bp = 1,069.5 → 1,070.
    expect((await s.run('buy', '삼성전자 10')).text).toBe(
      '✅ 삼성전자 (005930) 10주 매수: 71,300 (2026-11-27 종가), 수수료 1,070원. 현금 9,285,930원',
    );
    await s.store.upsert('stock:005930', [{ date: '2026-11-28', value: 72_100 }], { source: 'kis:005930' });
    // 4 × 72,100 = 288,400, fee 433; cost of 4 of 10 = 285,628 → realized 2,339.
    expect((await s.run('sell', '005930 4', 'en')).text).toBe(
      '✅ Sold 4 Samsung Electronics (005930) at 72,100 (close of 2026-11-28), fee 433 KRW, realized +2,339 KRW. Cash 9,573,897 KRW',
    );
    const p = await s.sim.trading.portfolio('telegram:7');
    expect(p.valuation).toMatchObject({
      cashWon: 9_573_897n,
      positionsWon: 432_600n,
      equityWon: 10_006_497n,
      realizedWon: 2_339n,
      unrealizedWon: 4_158n,
    });
    expect(p.asOf).toEqual({ 'stock:005930': '2026-11-28' });
    // The chart ends today, marked at the latest close.
    expect(p.equityCurve.at(-1)?.value).toBe(10_006_497);
    const text = (await s.run('portfolio')).text;
    expect(text).toContain('• 삼성전자 (005930) 6주');
    expect(text).toContain('평가 432,600원 (+4,158원, 2026-11-28 기준)');
  });

  it('prices from stock-<code>.csv in the data folder without KIS', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rx-stock-csv-'));
    dirs.push(dir);
    await writeFile(join(dir, 'stock-035720.csv'), 'date,value\n2026-11-26,40900\n2026-11-27,41250\n');
    const s = services({ RISKXPERT_DATA_DIR: dir });
    expect((await s.run('buy', '카카오 2')).text).toBe(
      '✅ 카카오 (035720) 2주 매수: 41,250 (2026-11-27 종가), 수수료 124원. 현금 9,917,376원',
    );
  });

  it('without KIS keys (or a CSV) says what stock prices need, in either language; invalid codes are refused', async () => {
    const s = services({});
    expect((await s.run('buy', '000660 1')).text).toBe(
      '⚠️ 주식 가격에는 KIS_APP_KEY와 KIS_APP_SECRET(한국투자증권 Open API) 설정, 또는 RISKXPERT_DATA_DIR의 stock-000660.csv 파일이 필요해요.',
    );
    expect((await s.run('buy', '000660 1', 'en')).text).toBe(
      '⚠️ Stock prices need KIS_APP_KEY and KIS_APP_SECRET, or stock-000660.csv in RISKXPERT_DATA_DIR.',
    );
    expect((await s.run('buy', 'stock:12ab 1', 'en')).text).toBe(
      '⚠️ "stock:12ab" is not a valid stock code: a KRX code is 6 digits (e.g. 005930).',
    );
    expect((await s.run('sell', '005930 1', 'en')).text).toMatch(/^⚠️ Stock prices need KIS_APP_KEY/u);
    expect(await s.sim.accounts.load('telegram:7')).toBeUndefined(); // nothing was saved by a refused order
  });

  it('with KIS but no queue Redis, says that loads need the worker and QUEUE_REDIS_URL', async () => {
    const s = services({ KIS_APP_KEY: 'k', KIS_APP_SECRET: 's' });
    expect((await s.run('buy', '005380 1', 'en')).text).toMatch(
      /^⚠️ 005380 is not loaded yet: stock loads run in `riskxpert worker`, which needs QUEUE_REDIS_URL/u,
    );
  });

  it('a stale stored price still fills (the confirmation shows its date) and asks the ETL for a refresh', async () => {
    const asked: string[] = [];
    const s = services({ KIS_APP_KEY: 'k', KIS_APP_SECRET: 's' }, { requestLoad: async (id) => void asked.push(id) });
    await s.store.upsert('stock:035420', [{ date: '2026-10-02', value: 215_500 }], { source: 'kis:035420' });
    expect((await s.run('buy', 'naver 1', 'en')).text).toContain('at 215,500 (close of 2026-10-02)');
    expect(asked).toEqual(['stock:035420']);
  });
});
