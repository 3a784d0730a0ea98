import type { Portfolio } from '../sim/paper-trading.js';

/** A recommendation is applied only this soon after it was shown: older figures no longer describe the account. */
export const APPLY_WINDOW_MS = 10 * 60_000;
/** Buys keep this share back so the trading fee never makes the last buy fail for want of cash. */
const FEE_MARGIN = 0.01;

/** The last recommendation shown to a user, with what the account looked like when it was computed. */
export interface PendingRecommendation {
  at: number;
  fingerprint: string;
  ids: string[];
  weightsAfter: number[];
}

/** The order side of paper trading (PaperTrading satisfies it). */
export interface RiskTrader {
  buy(userId: string, symbol: string, quantity: bigint): Promise<unknown>;
  sell(userId: string, symbol: string, quantity: bigint): Promise<unknown>;
}

export interface RebalanceOrder {
  side: 'buy' | 'sell';
  symbol: string;
  quantity: bigint;
}

/** Any trade or reset changes the trade log or the cash, so an equal fingerprint means nobody touched the account. */
export function accountFingerprint(p: Portfolio): string {
  return `${p.account.trades.length}:${p.account.cashWon}`;
}

/**
 * Whole-unit orders that move each holding toward its recommended share of today's equity: sells first (they
 * fund the buys), each rounded toward doing less, so the account never overshoots the recommendation.
 */
export function rebalanceOrders(
  p: Portfolio,
  pending: Pick<PendingRecommendation, 'ids' | 'weightsAfter'>,
): RebalanceOrder[] {
  const equity = Number(p.valuation.equityWon);
  const orders: RebalanceOrder[] = [];
  pending.ids.forEach((symbol, i) => {
    const position = p.valuation.positions.find((x) => x.symbol === symbol);
    if (!position || position.quantity <= 0n) return;
    const unitWon = Number(position.valueWon) / Number(position.quantity);
    const delta = pending.weightsAfter[i]! * equity - Number(position.valueWon);
    if (unitWon <= 0) return;
    const side = delta < 0 ? 'sell' : 'buy';
    const units = Math.floor((Math.abs(delta) * (side === 'buy' ? 1 - FEE_MARGIN : 1)) / unitWon);
    const quantity = side === 'sell' ? BigInt(Math.min(units, Number(position.quantity))) : BigInt(units);
    if (quantity > 0n) orders.push({ side, symbol, quantity });
  });
  return [...orders.filter((o) => o.side === 'sell'), ...orders.filter((o) => o.side === 'buy')];
}
