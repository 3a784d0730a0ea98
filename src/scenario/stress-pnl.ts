import { getIndicator } from '../data/catalog.js';
import { stockCodeOf } from '../data/stock-instruments.js';
import { changeUnitOf } from './change-units.js';

/** A holding's value in won, as the paper account marks it (or as stated in a message). */
export interface Holding {
  symbol: string;
  valueWon: number;
}

export interface IndicatorMove {
  low: number;
  median: number;
  high: number;
}

export interface HoldingPnl {
  symbol: string;
  /** The indicator whose move prices the holding: itself, or KOSPI for a KRX stock (beta 1, stated in the text). */
  indicatorId: string;
  proxy: boolean;
  valueWon: number;
  movePct: number;
  pnlWon: number;
  lowWon: number;
  highWon: number;
}

export interface StressPnl {
  holdings: HoldingPnl[];
  /** Sum of the holdings' median P&L, and as % of the holdings' value. */
  totalWon: number;
  totalPct: number;
  /** Holdings with no price move in this scenario (a rate, or an indicator without data). */
  excluded: string[];
}

/**
 * The P&L of each holding at the scenario's median move (and at the ends of its 80% band), worst first. Moves are
 * simple % of the price, so P&L = value × move / 100, rounded to the won once.
 */
export function stressPnl(holdings: readonly Holding[], moves: ReadonlyMap<string, IndicatorMove>): StressPnl {
  const rows: HoldingPnl[] = [];
  const excluded: string[] = [];
  for (const h of holdings) {
    const proxy = stockCodeOf(h.symbol) !== undefined;
    const indicatorId = proxy ? 'kospi' : h.symbol;
    const m = moves.get(indicatorId);
    if (!m || !getIndicator(indicatorId) || changeUnitOf(indicatorId) !== '%') {
      excluded.push(h.symbol);
      continue;
    }
    const won = (pct: number) => Math.round((h.valueWon * pct) / 100);
    rows.push({
      symbol: h.symbol,
      indicatorId,
      proxy,
      valueWon: h.valueWon,
      movePct: m.median,
      pnlWon: won(m.median),
      lowWon: won(m.low),
      highWon: won(m.high),
    });
  }
  rows.sort((a, b) => a.pnlWon - b.pnlWon || a.symbol.localeCompare(b.symbol));
  const totalWon = rows.reduce((s, r) => s + r.pnlWon, 0);
  const base = rows.reduce((s, r) => s + r.valueWon, 0);
  return { holdings: rows, totalWon, totalPct: base > 0 ? (100 * totalWon) / base : 0, excluded };
}
