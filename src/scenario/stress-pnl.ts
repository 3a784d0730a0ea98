import { getIndicator } from '../data/catalog.js';
import { stockCodeOf } from '../data/stock-instruments.js';
import { changeUnitOf } from './change-units.js';
import type { PortfolioBand } from './joint-pnl.js';

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
  /** Each holding's contribution: its P&L at its own median move, and at the ends of its own band. */
  holdings: HoldingPnl[];
  /**
   * The portfolio's median P&L, and as % of the holdings' value: the joint simulation's median when there is a band,
   * else (replays: actual moves) the sum of the holdings' P&L.
   */
  totalWon: number;
  totalPct: number;
  /** The portfolio's 80% band from moves simulated jointly (joint-pnl.ts); absent for replays. */
  band?: PortfolioBand;
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

/** Won exposure per pricing indicator (a KRX stock counts as KOSPI), for the joint simulation. */
export function exposuresOf(pnl: StressPnl): Map<string, number> {
  const out = new Map<string, number>();
  for (const h of pnl.holdings) out.set(h.indicatorId, (out.get(h.indicatorId) ?? 0) + h.valueWon);
  return out;
}

/** The P&L with the portfolio's joint band: its median becomes the total. */
export function withBand(pnl: StressPnl, band: PortfolioBand | undefined): StressPnl {
  if (!band) return pnl;
  const base = pnl.holdings.reduce((s, r) => s + r.valueWon, 0);
  return { ...pnl, totalWon: band.medianWon, totalPct: base > 0 ? (100 * band.medianWon) / base : 0, band };
}
