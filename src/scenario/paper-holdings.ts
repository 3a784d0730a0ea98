import type { Valuation } from '../sim/paper-account.js';
import type { Holding } from './stress-pnl.js';

/** The paper account's positions as stress-test holdings (won values; cash carries no market move). */
export function holdingsOf(valuation: Valuation): Holding[] {
  return valuation.positions.map((p) => ({ symbol: p.symbol, valueWon: Number(p.valueWon) }));
}
