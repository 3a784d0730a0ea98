import { afterAll, describe, expect, it } from 'vitest';
import { createCsvDirectoryRepository } from '../../src/data/csv-directory-repository.js';
import { explainScenario } from '../../src/scenario/explain-scenario.js';
import { holdingsOf } from '../../src/scenario/paper-holdings.js';
import { createScenarioService } from '../../src/scenario/scenario-service.js';
import { renderStressChart } from '../../src/scenario/stress-chart.js';
import { createPaperTrading } from '../../src/sim/paper-trading.js';
import { createMemoryAccountStore } from '../../src/store/memory-account-store.js';
import { createSqliteScenarioStore } from '../../src/store/sqlite-scenario-store.js';
import { sqliteTestDb } from '../contract/sqlite-test-db.js';
import { scenarioDataDir } from '../fakes/scenario-data.js';

const data = scenarioDataDir();
const testDb = sqliteTestDb('scenario-service');
afterAll(() => {
  data.drop();
  testDb.drop();
});

describe('scenario service on a paper portfolio (real SQLite, CSV data folder)', () => {
  const series = createCsvDirectoryRepository({ dir: data.dir });
  let clock = Date.UTC(2026, 0, 1);
  const service = createScenarioService({
    store: createSqliteScenarioStore(testDb.open()),
    series,
    now: () => new Date((clock += 1000)),
  });

  it('create, run, edit, re-run: both versions and both results stay, and the old result is reproducible', async () => {
    const trading = createPaperTrading({
      accounts: createMemoryAccountStore(),
      history: async (s) => (await series.get(s)).points,
      startingCashWon: 100_000_000n,
      feeBps: 0,
    });
    await trading.buy('telegram:1', 'kospi', 10_000n);
    await trading.buy('telegram:1', 'usdkrw', 20_000n);
    const holdings = holdingsOf((await trading.portfolio('telegram:1')).valuation);
    expect(holdings.map((h) => h.symbol).sort()).toEqual(['kospi', 'usdkrw']);

    const created = await service.create(
      'telegram:1',
      { name: '원화 약세', horizonMonths: 3, shocks: [{ indicatorId: 'usdkrw', move: 10, unit: '%' }] },
      { locale: 'ko' },
    );
    const r1 = await service.runSaved('telegram:1', '원화 약세', { locale: 'ko', holdings });
    expect(r1).toMatchObject({ scenarioId: created.id, version: 1 });
    const kospi1 = r1.pnl!.holdings.find((h) => h.symbol === 'kospi')!;
    expect(kospi1.pnlWon).toBeLessThan(0);
    expect(r1.pnl!.holdings[0]!.pnlWon).toBeLessThanOrEqual(r1.pnl!.holdings[1]!.pnlWon);
    const fx1 = r1.pnl!.holdings.find((h) => h.symbol === 'usdkrw')!;
    expect(fx1.pnlWon).toBe(Math.round(fx1.valueWon * 0.1));

    await service.update(
      'telegram:1',
      created.id,
      { name: '원화 약세', horizonMonths: 3, shocks: [{ indicatorId: 'usdkrw', move: 20, unit: '%' }] },
      'ko',
    );
    const r2 = await service.runSaved('telegram:1', created.id, { locale: 'ko', holdings });
    expect(r2.version).toBe(2);
    expect(r2.pnl!.holdings.find((h) => h.symbol === 'kospi')!.pnlWon).toBeLessThan(kospi1.pnlWon);

    expect((await service.versions('telegram:1', created.id, 'ko')).map((v) => v.spec.shocks[0]!.move)).toEqual([
      10, 20,
    ]);
    const results = await service.results('telegram:1', created.id, 'ko');
    expect(results.map((r) => r.version)).toEqual([1, 2]);
    const again = await service.runSaved('telegram:1', created.id, { locale: 'ko', version: 1, holdings });
    expect(again.pnl).toEqual(r1.pnl);
    expect(again.effects).toEqual(r1.effects);

    const text = explainScenario(r2, 'ko');
    expect(text).toMatch(/시나리오 '원화 약세'\(버전 2, 3개월/u);
    expect(text).toMatch(/원\/달러 환율 \+20\.0%/u);
    const png = await renderStressChart(
      r2.pnl!.holdings.map((h) => ({ label: h.symbol, pnlWon: h.pnlWon })),
      { title: r2.name, locale: 'ko' },
    );
    expect([...png.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.length).toBeGreaterThan(2000);
  });

  it("only the owner edits; others see shared scenarios; refusals speak the user's language", async () => {
    const s = await service.create(
      'web:a',
      { name: 'shared one', horizonMonths: 1, shocks: [{ indicatorId: 'us10y', move: 0.5, unit: '%p' }] },
      { locale: 'en', shared: true },
    );
    await expect(
      service.update(
        'web:b',
        s.id,
        { name: 'x', horizonMonths: 1, shocks: [{ indicatorId: 'us10y', move: 1, unit: '%p' }] },
        'en',
      ),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: "Only the owner can change scenario 'shared one'." });
    await expect(service.runSaved('web:c', 'nope', { locale: 'ko' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: "'nope' 시나리오를 찾지 못했어요.",
    });
    expect((await service.list('web:b')).map((x) => x.id)).toContain(s.id);
  });

  it('a chat text runs as a preview, and stress-all puts the worst scenario first', async () => {
    const r = await service.runText('kakao:1', '환율 +10%, 코스피 -15%, 3개월', {
      locale: 'ko',
      holdings: [{ symbol: 'kospi', valueWon: 1_000_000 }],
    });
    expect(r.pnl!.totalWon).toBe(-150_000);
    await service.create(
      'kakao:1',
      { name: 'mild', horizonMonths: 1, shocks: [{ indicatorId: 'kospi', move: -1, unit: '%' }] },
      { locale: 'ko' },
    );
    await service.create(
      'kakao:1',
      { name: 'crash', horizonMonths: 1, shocks: [{ indicatorId: 'kospi', move: -30, unit: '%' }] },
      { locale: 'ko' },
    );
    const all = await service.stressAll('kakao:1', [{ symbol: 'kospi', valueWon: 1_000_000 }], 'ko');
    const totals = all.map((x) => x.pnl!.totalWon);
    expect(totals).toEqual([...totals].sort((a, b) => a - b));
    expect(all[0]!.name).toBe('crash');
  });
});
