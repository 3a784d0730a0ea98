import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../src/data/catalog.js';
import { INDICATOR_ECONOMICS } from '../../src/data/indicator-economics.js';
import { computeFacts } from '../../src/engine/compute-facts.js';
import type { ForecastOutput } from '../../src/forecast/forecaster.js';
import { createDeterministicNarrator } from '../../src/narrate/deterministic-narrator.js';
import { ungroundedNumbers } from '../../src/narrate/grounding.js';
import type { NarrationFacts } from '../../src/narrate/narrator.js';

const base: NarrationFacts = {
  locale: 'ko',
  indicator: { id: 'usdkrw', nameKo: '원/달러 환율', nameEn: 'USD/KRW', unit: '원' },
  question: '환율 6개월',
  horizonMonths: 6,
  frequency: 'D',
  dataAsOf: '2026-02-27',
  lastDate: '2026-02-28',
  lastValue: 1450.3,
  targetDate: '2026-08-31',
  medianAtHorizon: 1460.1,
  lowAtHorizon: 1380.2,
  highAtHorizon: 1545.9,
  decimals: 1,
  changeUnit: '%',
  change: 0.7,
  lowChange: -4.8,
  highChange: 6.6,
  bandWidth: 11.4,
  trailingChange: 4.1,
  volatility: 9.3,
  drawdown: -1.2,
  method: 'patchtst-q',
  dataSource: 'fred_DEXKOUS_usdkrw_daily.csv',
  sampleData: false,
};

async function narrate(f: NarrationFacts) {
  const n = createDeterministicNarrator();
  const summary = (await n.summary(f)).text;
  let scenario = '';
  let chunks = 0;
  for await (const c of n.scenario(f, summary)) {
    scenario += c.delta;
    chunks += 1;
  }
  return { summary, scenario, chunks };
}

/** Monthly history for an indicator around a level, and a forecast fan around the last value. */
function factsFor(
  id: string,
  locale: 'ko' | 'en',
  level: number,
  drift: number,
  options: { stale?: boolean } = {},
): NarrationFacts {
  const indicator = CATALOG.find((i) => i.id === id)!;
  const history = Array.from({ length: 40 }, (_, i) => ({
    date: new Date(Date.UTC(2022, i + 1, 0)).toISOString().slice(0, 10),
    value: level * (1 + 0.02 * Math.sin(i / 3)),
  }));
  const last = history.at(-1)!.value;
  const h = 6;
  const path = (z: number) =>
    Array.from({ length: h }, (_, k) => last + drift * (k + 1) + z * level * 0.03 * Math.sqrt(k + 1));
  const forecast: ForecastOutput = {
    levels: [0.1, 0.5, 0.9],
    quantiles: [path(-1.28), path(0), path(1.28)],
    method: 'test',
    version: 'v',
  } as unknown as ForecastOutput;
  return computeFacts({
    indicator,
    locale,
    question: 'q',
    history,
    horizonMonths: h,
    targetDate: '2025-09-30',
    forecast,
    dataSource: 'fixture',
    sampleData: false,
    dataAsOf: '2025-03-14',
    ...(options.stale ? { stale: { lastDate: '2025-03-14', ageDays: 400, reason: 'data-ends' as const } } : {}),
  });
}

describe('deterministic narrator', () => {
  it('writes Korean from the numbers, with the band and a disclaimer, streamed in several pieces', async () => {
    const { summary, scenario, chunks } = await narrate(base);
    expect(summary).toContain('1,460.1원으로');
    expect(summary).toContain('1,380.2~1,545.9원');
    expect(summary).toContain('2026년 2월 27일 1,450.3원 대비 +0.7%');
    expect(summary).toContain('보합권');
    expect(scenario).toMatch(/기본 시나리오.*상승 시나리오.*하락 시나리오.*주목할 점/su);
    expect(scenario).toContain('투자 권유가 아닙니다');
    expect(chunks).toBeGreaterThan(5);
    expect(`${summary}${scenario}`).not.toMatch(/NaN|undefined|Infinity/u);
    expect(ungroundedNumbers(`${summary} ${scenario}`, base)).toEqual([]);
  });

  it('writes English when the locale is en', async () => {
    const { summary, scenario } = await narrate({
      ...base,
      locale: 'en',
      indicator: { ...base.indicator, unit: 'KRW' },
    });
    expect(summary).toMatch(/median forecast for USD\/KRW 6 months ahead/u);
    expect(summary).toContain('on 27 Feb 2026');
    expect(scenario).toMatch(/not investment advice/u);
    expect(/[\uac00-\ud7a3]/u.test(summary + scenario)).toBe(false);
  });

  it('moves its words with the data: direction against the band, volatility, drawdown', async () => {
    const up = await narrate({ ...base, medianAtHorizon: 1530, change: 5.5 });
    expect(up.summary).toContain('뚜렷한 상승');
    const down = await narrate({ ...base, medianAtHorizon: 1400, change: -3.5 });
    expect(down.summary).toContain('하락');
    const wild = await narrate({ ...base, volatility: 40, drawdown: -22, bandWidth: 60 });
    expect(wild.summary).toContain('불확실성이 큰 편');
    expect(wild.scenario).toContain('변동성이 높은 구간');
    expect(wild.scenario).toContain('고점보다 22.0% 낮아');
  });

  it('labels sample data and a fallback method', async () => {
    const { summary } = await narrate({
      ...base,
      sampleData: true,
      dataSource: 'vega-datasets',
      fallbackReason: 'too short',
      method: 'drift',
    });
    expect(summary).toContain('오프라인 샘플 데이터');
    expect(summary).toContain('drift');
  });

  it('is deterministic', async () => {
    expect(await narrate(base)).toEqual(await narrate(base));
  });

  it('speaks of every rate and yield change in %p or bp, never as a percent of the rate', async () => {
    for (const indicator of CATALOG.filter((i) => i.category === 'rate')) {
      for (const locale of ['ko', 'en'] as const) {
        const facts = factsFor(indicator.id, locale, 3.25, -0.05);
        expect(facts.changeUnit).toBe('%p');
        // −0.05 a month for six months on the median path: −0.30 points, whatever the level.
        expect(facts.change).toBe(-0.3);
        const { summary, scenario } = await narrate(facts);
        const text = `${summary} ${scenario}`;
        const pointUnit = locale === 'ko' ? '%p' : ' pp';
        // Every signed figure is a change: each must be in points (or bp), none a bare percent.
        const signed = [...text.matchAll(/[+−]\d+(?:\.\d+)?(%p| pp|%|bp| bp)?/gu)];
        expect(signed.length, text).toBeGreaterThan(3);
        for (const m of signed)
          expect([pointUnit, 'bp', ' bp'], `${indicator.id} ${locale}: ${m[0]} in ${text}`).toContain(m[1]);
        expect(summary).toMatch(
          locale === 'ko'
            ? /−0\.30%p\(−30bp\)의 (완만한|뚜렷한) 하락/u
            : /−0\.30 pp \(−30 bp\) from .*: a (modest|clear) decline/u,
        );
        // More than a policy step (25bp) is never called flat, however wide the band.
        expect(summary).not.toMatch(/보합권|roughly flat/u);
        expect(summary, 'band width in points').toMatch(locale === 'ko' ? /폭 \d+\.\d\d%p/u : /width \d+\.\d\d pp/u);
        // Levels stay in % with two decimals.
        expect(text).toMatch(/\b3\.\d\d%/u);
        expect(ungroundedNumbers(text, facts)).toEqual([]);
      }
    }
  });

  it('never calls a rate move of a policy step (25bp) or more flat, even inside a wide band', async () => {
    const facts = factsFor('kr_base_rate', 'ko', 3.5, 0);
    const wide = {
      ...facts,
      medianAtHorizon: 3.21,
      lowAtHorizon: 1.68,
      highAtHorizon: 4.83,
      change: -0.29,
      lowChange: -1.82,
      highChange: 1.33,
      bandWidth: 3.15,
    };
    expect((await narrate(wide)).summary).toContain('−0.29%p(−29bp)의 완만한 하락');
    expect((await narrate({ ...wide, medianAtHorizon: 3.4, change: -0.1 })).summary).toContain(
      '−0.10%p(−10bp)의 보합권',
    );
  });

  it('takes the up and down scenarios’ causes from each indicator’s economics, so VIX’s up case is a shock', async () => {
    for (const indicator of CATALOG) {
      for (const locale of ['ko', 'en'] as const) {
        const { scenario } = await narrate(factsFor(indicator.id, locale, 100, 0));
        const e = INDICATOR_ECONOMICS[indicator.id]!;
        const [up, down] = scenario.split(/\n\n/u).filter((p) => /^(상승|하락) 시나리오|^(Upside|Downside)/u.test(p));
        expect(up, `${indicator.id} ${locale}`).toContain(e.drivers.up[locale]);
        expect(down, `${indicator.id} ${locale}`).toContain(e.drivers.down[locale]);
        expect(scenario).toContain(e.riskOffRiskOn[locale]);
      }
    }
    const vix = await narrate(factsFor('vix', 'ko', 18, 0));
    expect(vix.scenario).toMatch(/상승 시나리오:[^\n]*(위험회피|충격)/u);
    expect(vix.scenario).toMatch(/하락 시나리오:[^\n]*안정/u);
    const kospi = await narrate(factsFor('kospi', 'ko', 2500, 0));
    expect(kospi.scenario).toMatch(/하락 시나리오:[^\n]*위험회피/u);
    expect(kospi.scenario).not.toMatch(/상승 시나리오:[^\n]*위험회피/u);
  });

  it('frames the horizon from the data’s date when the data is old, naming a partial month by its day', async () => {
    const ko = await narrate(factsFor('kospi', 'ko', 2500, 5, { stale: true }));
    expect(ko.summary.startsWith('2025년 3월 14일 자료 기준, 6개월 뒤인 2025년 9월 말의 코스피 중앙 전망은')).toBe(
      true,
    );
    const en = await narrate(factsFor('kospi', 'en', 2500, 5, { stale: true }));
    expect(
      en.summary.startsWith(
        'Based on data as of 14 Mar 2025, the median forecast for KOSPI 6 months later (the end of Sep 2025)',
      ),
    ).toBe(true);
    // A monthly series is named by its month.
    const cpi = await narrate({ ...factsFor('kr_cpi', 'ko', 110, 0.2, { stale: true }) });
    expect(cpi.summary.startsWith('2025년 3월 자료 기준, 6개월 뒤인 2025년 9월의 한국 소비자물가지수')).toBe(true);
    expect(cpi.summary).toMatch(/전년 같은 달 대비 상승률로 보면/u);
  });

  it('puts the right particle after every number and unit, for every indicator, in many values', async () => {
    // Any number or unit the narrator prints, then a particle: the particle must match the reading.
    const afterNumber = /(\d[\d,]*(?:\.\d+)?)(원|%p|%|포인트|달러)?(\([^)]*\))?(으로|로|이|가|은|는|을|를)(?=[\s,.])/gu;
    const batchimDigit = new Set(['0', '1', '3', '6', '7', '8']);
    let checked = 0;
    for (const indicator of CATALOG) {
      for (const level of [0.87, 3.25, 18.7, 86.48, 109.41, 950.1, 1509.86, 2521.05, 4228, 7450.03]) {
        const { summary, scenario } = await narrate(factsFor(indicator.id, 'ko', level, level * 0.004));
        for (const m of `${summary} ${scenario}`.matchAll(afterNumber)) {
          const [, number, unit, , josa] = m;
          let consonant: 'none' | 'rieul' | 'other';
          if (unit === '원') consonant = 'other';
          else if (unit)
            consonant = 'none'; // 퍼센트포인트, 퍼센트, 포인트, 달러
          else {
            const d = number!.at(-1)!;
            consonant = !batchimDigit.has(d) ? 'none' : d === '1' || d === '7' || d === '8' ? 'rieul' : 'other';
          }
          const expected = {
            으로: consonant === 'other',
            로: consonant !== 'other',
            이: consonant !== 'none',
            가: consonant === 'none',
            은: consonant !== 'none',
            는: consonant === 'none',
            을: consonant !== 'none',
            를: consonant === 'none',
          }[josa!];
          expect(expected, `${m[0]} (${indicator.id})`).toBe(true);
          checked += 1;
        }
        expect(`${summary}${scenario}`).not.toMatch(/원로|%으로|포인트으로|달러으로/u);
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});
