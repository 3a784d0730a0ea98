import { describe, expect, it } from 'vitest';
import type { Point } from '../../src/data/series.js';
import { evaluateRule, type ThreatRule } from '../../src/sim/threat-rules.js';

function daily(values: number[], start = '2026-01-01'): Point[] {
  const t0 = Date.parse(`${start}T00:00:00Z`);
  return values.map((value, i) => ({ date: new Date(t0 + i * 86_400_000).toISOString().slice(0, 10), value }));
}

const run = (rule: ThreatRule, points: Point[], forecastLow?: { date: string; value: number }[]) =>
  evaluateRule({
    subscriptionId: 'sub-1',
    indicatorId: 'kospi',
    rule,
    points,
    ...(forecastLow ? { forecastLow } : {}),
  });

describe('threat rules', () => {
  it('drawdown from the recent peak', () => {
    const pts = daily([100, 110, 120, 115, 105]);
    expect(run({ kind: 'drawdown', lookbackDays: 30, thresholdPct: 10 }, pts)?.measure).toBeCloseTo(-12.5);
    expect(run({ kind: 'drawdown', lookbackDays: 30, thresholdPct: 15 }, pts)).toBeUndefined();
    // the peak outside the lookback does not count
    expect(run({ kind: 'drawdown', lookbackDays: 1, thresholdPct: 10 }, pts)).toBeUndefined();
  });

  it('a move of more than X% in a day or a month', () => {
    expect(run({ kind: 'move', period: 'day', thresholdPct: 5 }, daily([100, 100, 94]))?.measure).toBeCloseTo(-6);
    expect(run({ kind: 'move', period: 'day', thresholdPct: 5 }, daily([100, 100, 97]))).toBeUndefined();
    const month = daily([...new Array(40).fill(100), 112]);
    expect(run({ kind: 'move', period: 'month', thresholdPct: 10 }, month)?.measure).toBeCloseTo(12);
  });

  it('on a monthly series a month is not announced as a day: no daily move, no volatility spike counted in days', () => {
    const monthly = (values: number[]) =>
      values.map((value, i) => ({
        date: `20${10 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`,
        value,
      }));
    const jump = monthly([...new Array(40).fill(100), 112]);
    expect(run({ kind: 'move', period: 'day', thresholdPct: 5 }, jump)).toBeUndefined();
    // The month rule still sees it.
    expect(run({ kind: 'move', period: 'month', thresholdPct: 10 }, jump)?.measure).toBeCloseTo(12);
    const calm = Array.from({ length: 120 }, (_, i) => 100 * (1 + 0.002 * Math.sin(i)));
    const wild = Array.from({ length: 10 }, (_, i) => 100 * (1 + (i % 2 ? 0.04 : -0.04)));
    const rule = { kind: 'volatility-spike', windowDays: 10, historyDays: 100, zScore: 3 } as const;
    expect(run(rule, daily([...calm, ...wild]))?.measure).toBeGreaterThan(3);
    expect(run(rule, monthly([...calm, ...wild]))).toBeUndefined();
    // A daily series across a long holiday (Chuseok: six days closed) still has a day's move.
    const holiday = [
      { date: '2026-09-22', value: 100 },
      { date: '2026-09-29', value: 94 },
    ];
    expect(run({ kind: 'move', period: 'day', thresholdPct: 5 }, holiday)?.measure).toBeCloseTo(-6);
  });

  it('a volatility spike against its own history', () => {
    const calm = Array.from({ length: 120 }, (_, i) => 100 * (1 + 0.002 * Math.sin(i)));
    const wild = Array.from({ length: 10 }, (_, i) => 100 * (1 + (i % 2 ? 0.04 : -0.04)));
    const hit = run(
      { kind: 'volatility-spike', windowDays: 10, historyDays: 100, zScore: 3 },
      daily([...calm, ...wild]),
    );
    expect(hit?.measure).toBeGreaterThan(3);
    expect(
      run(
        { kind: 'volatility-spike', windowDays: 10, historyDays: 100, zScore: 3 },
        daily([...calm, ...calm.slice(0, 10)]),
      ),
    ).toBeUndefined();
  });

  it('the forecast lower band crossing a threshold within the horizon', () => {
    const low = [
      { date: '2026-02-28', value: 2450 },
      { date: '2026-03-31', value: 2390 },
    ];
    expect(run({ kind: 'forecast-lower-band', threshold: 2400 }, daily([2500]), low)).toMatchObject({
      date: '2026-03-31',
      value: 2390,
    });
    expect(run({ kind: 'forecast-lower-band', threshold: 2300 }, daily([2500]), low)).toBeUndefined();
  });

  it('stop-loss and take-profit on a paper position', () => {
    expect(run({ kind: 'stop-loss', averagePrice: 2500, thresholdPct: 5 }, daily([2500, 2370]))?.measure).toBeCloseTo(
      -5.2,
    );
    expect(run({ kind: 'take-profit', averagePrice: 2500, thresholdPct: 5 }, daily([2500, 2630]))?.measure).toBeCloseTo(
      5.2,
    );
    expect(run({ kind: 'stop-loss', averagePrice: 2500, thresholdPct: 5 }, daily([2500, 2400]))).toBeUndefined();
  });

  it('gives the same crossing the same dedup key, and different subscriptions, rules or dates different keys', () => {
    const pts = daily([100, 120, 100]);
    const rule: ThreatRule = { kind: 'drawdown', lookbackDays: 30, thresholdPct: 10 };
    const a = run(rule, pts)!;
    expect(run(rule, pts)!.dedupKey).toBe(a.dedupKey);
    expect(evaluateRule({ subscriptionId: 'sub-2', indicatorId: 'kospi', rule, points: pts })!.dedupKey).not.toBe(
      a.dedupKey,
    );
    expect(run({ ...rule, thresholdPct: 11 }, pts)!.dedupKey).not.toBe(a.dedupKey);
    expect(run(rule, daily([100, 120, 100, 99]))!.dedupKey).not.toBe(a.dedupKey);
    expect(a.dedupKey).toMatch(/^[0-9a-f]{32}$/u);
  });
});
