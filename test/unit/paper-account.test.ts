import { describe, expect, it } from 'vitest';
import { buy, notionalWon, openAccount, reset, sell, toPriceUnits, value } from '../../src/sim/paper-account.js';

const fee = { feeBps: 1.5, at: '2026-11-23' };

describe('paper account (integer won)', () => {
  it('gets a scripted sequence of trades right to the won', () => {
    const a = openAccount('telegram:1', 10_000_000n);
    // buy 100 KOSPI units at 2,500.12 → 250,012 won, fee 1.5 bp = 37.5018 → 38 won
    const t1 = buy(a, 'kospi', 100n, toPriceUnits(2500.12), fee);
    expect(t1).toMatchObject({ feeWon: 38n, cashWon: -250_050n });
    // buy 50 more at 2,600.55 → 130,027.5 → 130,028 won (half away from zero), fee 19.5 → 20
    const t2 = buy(a, 'kospi', 50n, toPriceUnits(2600.55), fee);
    expect(t2).toMatchObject({ feeWon: 20n, cashWon: -130_048n });
    expect(a.positions.get('kospi')).toMatchObject({ quantity: 150n, costWon: 380_098n });
    // sell 60 at 2,700 → 162,000, fee 24.3 → 24; allocated cost 380,098 * 60 / 150 = 152,039.2 → 152,039
    const t3 = sell(a, 'kospi', 60n, toPriceUnits(2700), fee);
    expect(t3).toMatchObject({ feeWon: 24n, cashWon: 161_976n, realizedWon: 9_937n });
    // close the rest at 2,450.01 → 90 * 2,450.01 = 220,500.9 → 220,501, fee 33.075 → 33; remaining cost 228,059
    const t4 = sell(a, 'kospi', 90n, toPriceUnits(2450.01), fee);
    expect(t4).toMatchObject({ feeWon: 33n, cashWon: 220_468n, realizedWon: -7_591n });
    expect(a.positions.size).toBe(0);
    expect(a.realizedWon).toBe(2_346n);
    expect(a.cashWon).toBe(10_000_000n - 250_050n - 130_048n + 161_976n + 220_468n);
    expect(a.cashWon - a.startingCashWon).toBe(a.realizedWon);
  });

  it('values open positions and reports unrealized P&L and average price', () => {
    const a = openAccount('u', 1_000_000n);
    buy(a, 'usdkrw', 100n, toPriceUnits(1385.25), { feeBps: 0, at: 'd' });
    const v = value(a, new Map([['usdkrw', toPriceUnits(1400)]]));
    expect(v).toMatchObject({ positionsWon: 140_000n, unrealizedWon: 1_475n, equityWon: 1_000_000n + 1_475n });
    expect(v.positions[0]!.averagePrice).toBe(toPriceUnits(1385.25));
  });

  it('refuses overspending, overselling and bad quantities with clear errors, changing nothing', () => {
    const a = openAccount('u', 100_000n);
    expect(() => buy(a, 'kospi', 100n, toPriceUnits(2500), fee)).toThrow(/Not enough cash/u);
    expect(() => sell(a, 'kospi', 1n, toPriceUnits(2500), fee)).toThrow(/holds 0/u);
    expect(() => buy(a, 'kospi', 0n, toPriceUnits(2500), fee)).toThrow(/positive whole number/u);
    expect(() => toPriceUnits(-1)).toThrow(/Invalid price/u);
    expect(a.cashWon).toBe(100_000n);
    expect(a.trades).toHaveLength(0);
  });

  it('never drifts over many small trades', () => {
    const a = openAccount('u', 100_000_000n);
    let price = 1000.0001;
    for (let i = 0; i < 2_000; i += 1) {
      buy(a, 'gold', 3n, toPriceUnits(price), fee);
      sell(a, 'gold', 3n, toPriceUnits(price + 0.3333), fee);
      price += 0.0707;
    }
    const fees = a.trades.reduce((s, t) => s + t.feeWon, 0n);
    const gross = a.trades.reduce(
      (s, t) => s + (t.side === 'buy' ? -(-t.cashWon - t.feeWon) : t.cashWon + t.feeWon),
      0n,
    );
    expect(a.cashWon - a.startingCashWon).toBe(gross - fees);
    expect(a.realizedWon).toBe(a.cashWon - a.startingCashWon);
    expect(notionalWon(3n, toPriceUnits(0.3333))).toBe(1n);
  });

  it('reset returns to the starting cash and records it', () => {
    const a = openAccount('u', 1_000_000n);
    buy(a, 'kospi', 10n, toPriceUnits(2500), fee);
    reset(a, '2026-11-24');
    expect(a).toMatchObject({ cashWon: 1_000_000n, realizedWon: 0n });
    expect(a.positions.size).toBe(0);
    expect(a.trades.at(-1)!.symbol).toBe('(reset)');
  });
});
