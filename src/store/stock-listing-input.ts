import { z } from 'zod';
import { RiskXpertError } from '../errors.js';
import { listedStockSchema, type KrxMarket, type ListedStock } from '../data/stocks/listed-stock.js';

/** What every listing store checks before writing: one market, valid rows, no code twice, and not nothing. */
export function checkListing(market: KrxMarket, stocks: readonly ListedStock[]): ListedStock[] {
  const parsed = z.array(listedStockSchema).safeParse(stocks);
  if (!parsed.success)
    throw new RiskXpertError('BAD_REQUEST', `Invalid stock listing: ${z.prettifyError(parsed.error)}`);
  if (parsed.data.length === 0)
    throw new RiskXpertError('BAD_REQUEST', `Refusing an empty ${market} listing: the stored one is kept.`);
  const seen = new Set<string>();
  for (const s of parsed.data) {
    if (s.market !== market)
      throw new RiskXpertError('BAD_REQUEST', `${s.code} is listed on ${s.market}, not ${market}.`);
    if (seen.has(s.code)) throw new RiskXpertError('BAD_REQUEST', `${s.code} appears twice in the ${market} listing.`);
    seen.add(s.code);
  }
  return parsed.data;
}

export const byCode = (a: ListedStock, b: ListedStock) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/** One listing from per-market lists: a code in two markets (a move from KOSDAQ to KOSPI) counts where it was loaded last. */
export function mergeMarkets(lists: readonly { stocks: readonly ListedStock[]; at: Date }[]): ListedStock[] {
  const byCodeMap = new Map<string, ListedStock>();
  for (const list of [...lists].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    for (const s of list.stocks)
      byCodeMap.set(s.code, { code: s.code, name: s.name, market: s.market, marketCap: s.marketCap });
  }
  return [...byCodeMap.values()].sort(byCode);
}
