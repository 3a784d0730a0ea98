import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../src/data/catalog.js';
import { INDICATOR_ECONOMICS } from '../../src/data/indicator-economics.js';

describe('indicator economics', () => {
  it('has an entry for every catalog indicator, and none for an unknown id', () => {
    for (const indicator of CATALOG) expect(INDICATOR_ECONOMICS[indicator.id], indicator.id).toBeDefined();
    expect(Object.keys(INDICATOR_ECONOMICS).sort()).toEqual(CATALOG.map((i) => i.id).sort());
  });

  it('speaks of rates and yields in percentage points, of everything else in percent', () => {
    for (const indicator of CATALOG) {
      expect(INDICATOR_ECONOMICS[indicator.id]!.changeUnit, indicator.id).toBe(
        indicator.category === 'rate' ? '%p' : '%',
      );
    }
  });

  it('reads the consumer price index as year-over-year inflation', () => {
    expect(INDICATOR_ECONOMICS.kr_cpi!.reading).toBe('yoy');
    expect(CATALOG.filter((i) => INDICATOR_ECONOMICS[i.id]!.reading === 'yoy').map((i) => i.id)).toEqual(['kr_cpi']);
  });

  it('moves VIX, the dollar, the yen and gold up in a shock; stocks, oil and yields down (a flight to safety)', () => {
    const shock = Object.fromEntries(CATALOG.map((i) => [i.id, INDICATOR_ECONOMICS[i.id]!.shock]));
    for (const id of ['vix', 'usdkrw', 'jpykrw', 'gold']) expect(shock[id], id).toBe('up');
    for (const id of ['kospi', 'kosdaq', 'sp500', 'wti', 'brent', 'kr_base_rate', 'kr_treasury_3y', 'us10y'])
      expect(shock[id], id).toBe('down');
  });

  it('names a shock as the cause of the up case exactly where a shock lifts the indicator', () => {
    const shockWords = { ko: /위험회피|충격|불안/u, en: /flight to safety|shock|risk aversion|stress|sell-off/u };
    for (const indicator of CATALOG) {
      const e = INDICATOR_ECONOMICS[indicator.id]!;
      for (const lang of ['ko', 'en'] as const) {
        const [toward, away] = e.shock === 'up' ? [e.drivers.up, e.drivers.down] : [e.drivers.down, e.drivers.up];
        // Oil and consumer prices answer to supply as much as to fear (a supply shock lifts oil, a demand shock
        // sinks it); their risk-off sentence says so instead of a one-word direction.
        if ((indicator.category === 'commodity' && indicator.id !== 'gold') || indicator.category === 'inflation')
          continue;
        expect(toward[lang], `${indicator.id} ${lang}`).toMatch(shockWords[lang]);
        expect(away[lang], `${indicator.id} ${lang} (other side)`).not.toMatch(shockWords[lang]);
      }
    }
  });
});
