import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCsvDirectoryRepository } from '../../src/data/csv-directory-repository.js';
import { createStoreRepository } from '../../src/data/store-repository.js';
import { createMemorySeriesStore } from '../../src/store/memory-series-store.js';
import { folderAsker } from '../fakes/folder-asker.js';

/**
 * A Fed H.10 monthly file as the shared folder has it (`Date,Country,Exchange rate`, every currency per US dollar,
 * dated the 1st), 20 years: KRW drifting from 1,100, JPY from 120, EUR around 0.9; Japan has one month missing.
 */
function writeH10(dir: string): { krw: number[]; jpy: (number | undefined)[]; eur: number[]; dates: string[] } {
  const rows = ['Date,Country,Exchange rate'];
  const out = { krw: [] as number[], jpy: [] as (number | undefined)[], eur: [] as number[], dates: [] as string[] };
  for (let i = 0; i < 240; i++) {
    const date = `${2006 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`;
    const krw = 1_100 + 200 * Math.sin(i / 17) + i;
    const jpy = 120 + 25 * Math.cos(i / 23);
    const eur = 0.9 + 0.1 * Math.sin(i / 11);
    out.dates.push(date);
    out.krw.push(krw);
    out.eur.push(eur);
    rows.push(`${date},South Korea,${krw.toFixed(4)}`, `${date},Euro,${eur.toFixed(4)}`, `${date},Australia,1.3`);
    if (i === 100) out.jpy.push(undefined);
    else {
      out.jpy.push(jpy);
      rows.push(`${date},Japan,${jpy.toFixed(4)}`);
    }
  }
  writeFileSync(join(dir, 'fx_fed_h10_monthly_long.csv'), `${rows.join('\n')}\n`);
  return out;
}

const dir = mkdtempSync(join(tmpdir(), 'rx-cross-'));
const h10 = writeH10(dir);
const { ask, close } = folderAsker(dir, 'cli:cross');
afterAll(close);

describe('won cross rates from the Fed H.10 dollar rates', () => {
  it('JPY/KRW is won per 100 yen and EUR/KRW won per euro, monthly, on the months both sides are quoted', async () => {
    const repo = createCsvDirectoryRepository({ dir });
    const yen = await repo.get('jpykrw');
    expect(yen.frequency).toBe('M');
    expect(yen.points).toHaveLength(239);
    expect(yen.points.some((p) => p.date === h10.dates[100])).toBe(false);
    const last = yen.points.at(-1)!;
    expect(last.date).toBe('2025-12-01');
    expect(last.value).toBeCloseTo((Number(h10.krw[239]!.toFixed(4)) / Number(h10.jpy[239]!.toFixed(4))) * 100, 6);
    expect(yen.source).toMatch(/^fx_fed_h10_monthly_long\.csv \(2006-01\.\.2025-12\)$/u);

    const euro = await repo.get('eurkrw');
    expect(euro.points).toHaveLength(240);
    expect(euro.points[0]!.value).toBeCloseTo(Number(h10.krw[0]!.toFixed(4)) / Number(h10.eur[0]!.toFixed(4)), 6);
    // A USD/KRW question still reads its own files, not the cross.
    await expect(repo.get('usdkrw')).rejects.toMatchObject({ code: 'SERIES_NOT_FOUND' });
    expect((await repo.available()).sort()).toEqual(['eurkrw', 'jpykrw']);
  });

  it('the ETL stores the monthly cross under a daily indicator: read back, it is monthly, and a daily load stays daily', async () => {
    const store = createMemorySeriesStore();
    const yen = await createCsvDirectoryRepository({ dir }).get('jpykrw');
    await store.upsert('jpykrw', yen.points, { source: 'csv' });
    expect((await createStoreRepository(store).get('jpykrw')).frequency).toBe('M');
    const days = Array.from({ length: 90 }, (_, i) => ({
      date: new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10),
      value: 900 + i,
    }));
    await store.upsert('eurkrw', days, { source: 'ecos' });
    expect((await createStoreRepository(store).get('eurkrw')).frequency).toBe('D');
  });

  it('"엔화 환율 전망" answers in won per 100 yen, dated by its month', async () => {
    const { forecast, summary } = await ask('엔화 환율 전망');
    expect(forecast.indicator.id).toBe('jpykrw');
    expect(forecast.facts.frequency).toBe('M');
    expect(summary).toMatch(/2025년 12월 자료 기준/u);
    expect(summary).toMatch(/원\/엔 환율 중앙 전망은 100엔당 [\d,]+\.\d원/u);
    expect(summary).not.toMatch(/\(100엔\)/u);
  });

  it('"euro outlook 3 months" answers EUR/KRW in English', async () => {
    const { forecast, summary } = await ask('EUR/KRW next 3 months', 'en');
    expect(forecast.indicator.id).toBe('eurkrw');
    expect(forecast.dates).toHaveLength(3);
    expect(summary).toMatch(/EUR\/KRW/u);
    expect(summary).toMatch(/[\d,]+\.\d KRW/u);
  });

  it('a threshold on a monthly series is stated in its month ("in Jun 2026"), not "at" it', async () => {
    const { summary } = await ask('will EUR/KRW top 1,000 in 6 months?', 'en');
    expect(summary).toMatch(
      /The chance that EUR\/KRW is above 1,000\.0 KRW in Jun 2026 is (?:about|over|under) \d+%\./u,
    );
  });
});
