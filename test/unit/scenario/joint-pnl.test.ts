import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src/scenario/conditional-model.js';
import { portfolioBand } from '../../../src/scenario/joint-pnl.js';
import { addMonths, buildPanel } from '../../../src/scenario/monthly-panel.js';
import { runScenario } from '../../../src/scenario/run-scenario.js';
import { gaussian } from '../../fakes/random-walk.js';

/** 35 years of month-ends: KOSPI falls 1.5% per 1% the won weakens, the S&P 500 half as much, both with own noise. */
function panel() {
  const z = gaussian(11);
  const fx = [1000];
  const kospi = [2000];
  const spx = [3000];
  for (let i = 1; i < 420; i++) {
    const d = 0.03 * z();
    fx.push(fx[i - 1]! * Math.exp(d));
    kospi.push(kospi[i - 1]! * Math.exp(-1.5 * d + 0.03 * z()));
    spx.push(spx[i - 1]! * Math.exp(-0.7 * d + 0.03 * z()));
  }
  const points = (v: number[]) => v.map((value, i) => ({ date: `${addMonths('1990-01', i)}-28`, value }));
  return buildPanel([
    { indicatorId: 'usdkrw', points: points(fx) },
    { indicatorId: 'kospi', points: points(kospi) },
    { indicatorId: 'sp500', points: points(spx) },
  ]);
}

const spec = { name: 'won', horizonMonths: 3, shocks: [{ indicatorId: 'usdkrw', move: 10, unit: '%' as const }] };
const holdings = [
  { symbol: 'kospi', valueWon: 5_000_000 },
  { symbol: 'sp500', valueWon: 3_000_000 },
  { symbol: 'stock:005930', valueWon: 2_000_000 },
];

describe('portfolio stress P&L as a joint quantile', () => {
  it('reports a band wider than zero whose median matches the sum of the holdings’ medians', () => {
    const r = runScenario(panel(), spec, { holdings });
    const pnl = r.pnl!;
    const band = pnl.band!;
    expect(band.draws).toBe(10_000);
    expect(band.lowWon).toBeLessThan(band.medianWon);
    expect(band.highWon).toBeGreaterThan(band.medianWon);
    expect(band.highWon - band.lowWon).toBeGreaterThan(100_000);
    const sumOfMedians = pnl.holdings.reduce((s, h) => s + h.pnlWon, 0);
    // Log moves converted to simple % make the portfolio a little non-linear: 2% of its value's move is plenty.
    expect(Math.abs(band.medianWon - sumOfMedians)).toBeLessThan(0.02 * Math.abs(sumOfMedians) + 20_000);
    expect(pnl.totalWon).toBe(band.medianWon);
    expect(pnl.totalPct).toBeCloseTo((100 * band.medianWon) / 10_000_000, 9);
  });

  it('is reproducible from its seed, and diversification narrows it below the sum of the holdings’ bands', () => {
    const p = panel();
    const exposures = new Map([
      ['kospi', 7_000_000],
      ['sp500', 3_000_000],
    ]);
    const a = portfolioBand(p, 3, spec.shocks, exposures, DEFAULT_SETTINGS)!;
    const b = portfolioBand(p, 3, spec.shocks, exposures, DEFAULT_SETTINGS)!;
    expect(b).toEqual(a);
    const other = portfolioBand(p, 3, spec.shocks, exposures, DEFAULT_SETTINGS, { seed: 7 })!;
    expect(Math.abs(other.medianWon - a.medianWon)).toBeLessThan(20_000);
    const r = runScenario(p, spec, { holdings });
    const sumWidth = r.pnl!.holdings.reduce((s, h) => s + (h.highWon - h.lowWon), 0);
    expect(r.pnl!.band!.highWon - r.pnl!.band!.lowWon).toBeLessThan(sumWidth);
  });

  it('a portfolio of the shocked indicator alone is certain: its band is the shock', () => {
    const band = portfolioBand(panel(), 3, spec.shocks, new Map([['usdkrw', 1_000_000]]), DEFAULT_SETTINGS)!;
    expect(band).toMatchObject({ lowWon: 100_000, medianWon: 100_000, highWon: 100_000 });
  });
});
