import type { Point } from '../data/series.js';
import { RiskXpertError } from '../errors.js';
import type { AccountStore } from '../store/account-store.js';
import {
  buy,
  notionalWon,
  openAccount,
  reset,
  sell,
  toPriceUnits,
  value,
  type PaperAccount,
  type Trade,
  type Valuation,
} from './paper-account.js';

export interface PaperTradingDeps {
  accounts: AccountStore;
  /** The indicator's history as the ETL last loaded it (the fill price is its latest value). */
  history(symbol: string): Promise<Point[]>;
  startingCashWon: bigint;
  feeBps: number;
  now?: () => Date;
}

export interface Portfolio {
  account: PaperAccount;
  valuation: Valuation;
  /** Latest price date per symbol held. */
  asOf: Record<string, string>;
  /** Account value (won) at each observation date since the first trade, for the chart. */
  equityCurve: { date: string; value: number }[];
}

const MAX_CAS_RETRIES = 20;

/**
 * Paper trading for every platform: market orders filled at the latest loaded price with the configured fee, one
 * account per user persisted through a compare-and-set, so two orders at once never both spend the same cash.
 */
export function createPaperTrading(deps: PaperTradingDeps) {
  const now = deps.now ?? (() => new Date());

  async function latest(symbol: string): Promise<{ price: bigint; date: string }> {
    const last = (await deps.history(symbol)).at(-1);
    if (!last) throw new RiskXpertError('SERIES_NOT_FOUND', `No price for ${symbol} yet.`);
    return { price: toPriceUnits(last.value), date: last.date };
  }

  async function mutate<T>(
    userId: string,
    change: (a: PaperAccount) => T,
  ): Promise<{ result: T; account: PaperAccount }> {
    for (let i = 0; i < MAX_CAS_RETRIES; i += 1) {
      const loaded = await deps.accounts.load(userId);
      const account = loaded?.account ?? openAccount(userId, deps.startingCashWon);
      const result = change(account);
      if (await deps.accounts.save(account, loaded?.revision ?? 0)) return { result, account };
      // Lost the race to another order of the same user: back off a little, at random, so the contenders spread out.
      await new Promise((r) => setTimeout(r, Math.random() * 5 * (i + 1)));
    }
    throw new RiskXpertError('STORE_UNAVAILABLE', 'The account changed too often to apply the order; try again.', {
      retryable: true,
    });
  }

  async function prices(account: PaperAccount): Promise<{ prices: Map<string, bigint>; asOf: Record<string, string> }> {
    const out = new Map<string, bigint>();
    const asOf: Record<string, string> = {};
    for (const symbol of account.positions.keys()) {
      const l = await latest(symbol);
      out.set(symbol, l.price);
      asOf[symbol] = l.date;
    }
    return { prices: out, asOf };
  }

  return {
    async buy(
      userId: string,
      symbol: string,
      quantity: bigint,
    ): Promise<{ trade: Trade; account: PaperAccount; priceDate: string }> {
      const l = await latest(symbol);
      const { result, account } = await mutate(userId, (a) =>
        buy(a, symbol, quantity, l.price, { feeBps: deps.feeBps, at: now().toISOString() }),
      );
      return { trade: result, account, priceDate: l.date };
    },
    async sell(
      userId: string,
      symbol: string,
      quantity: bigint,
    ): Promise<{ trade: Trade; account: PaperAccount; priceDate: string }> {
      const l = await latest(symbol);
      const { result, account } = await mutate(userId, (a) =>
        sell(a, symbol, quantity, l.price, { feeBps: deps.feeBps, at: now().toISOString() }),
      );
      return { trade: result, account, priceDate: l.date };
    },
    async reset(userId: string): Promise<PaperAccount> {
      return (await mutate(userId, (a) => reset(a, now().toISOString()))).account;
    },
    async portfolio(userId: string): Promise<Portfolio> {
      const account = (await deps.accounts.load(userId))?.account ?? openAccount(userId, deps.startingCashWon);
      const p = await prices(account);
      return {
        account,
        valuation: value(account, p.prices),
        asOf: p.asOf,
        equityCurve: await equityCurve(account, deps.history, now),
      };
    },
  };
}

export type PaperTrading = ReturnType<typeof createPaperTrading>;

/** Replays the trades over the held symbols' price history: the account value at each date. */
async function equityCurve(
  account: PaperAccount,
  history: PaperTradingDeps['history'],
  now: () => Date,
  maxPoints = 120,
): Promise<{ date: string; value: number }[]> {
  const trades = account.trades;
  const first = trades[0]?.at.slice(0, 10);
  if (!first) return [];
  const symbols = [...new Set(trades.filter((t) => t.symbol !== '(reset)').map((t) => t.symbol))];
  const histories = new Map<string, Point[]>();
  for (const s of symbols) histories.set(s, await history(s).catch(() => []));
  // From a month before the first trade (flat at the starting cash), so the chart shows where the account began.
  const since = new Date(Date.parse(`${first}T00:00:00Z`) - 31 * 86_400_000).toISOString().slice(0, 10);
  const dates = [...new Set([...histories.values()].flatMap((h) => h.map((p) => p.date)).filter((d) => d >= since))]
    .sort()
    .slice(-maxPoints);
  const today = now().toISOString().slice(0, 10);
  if (dates.at(-1) === undefined || dates.at(-1)! < today) dates.push(today);
  const priceAt = (s: string, d: string) => {
    const h = histories.get(s) ?? [];
    let v: number | undefined = h[0]?.date !== undefined && h[0].date <= d ? h[0].value : undefined;
    for (const p of h) {
      if (p.date > d) break;
      v = p.value;
    }
    return v;
  };
  return dates.map((d) => ({ date: d, value: Number(valueOn(account, d, priceAt)) }));
}

/** Cash plus holdings at their price on `d`, after the trades up to that day (a reset starts over). */
function valueOn(
  account: PaperAccount,
  d: string,
  priceAt: (symbol: string, date: string) => number | undefined,
): bigint {
  let cash = account.startingCashWon;
  const held = new Map<string, bigint>();
  for (const t of account.trades) {
    if (t.at.slice(0, 10) > d) break;
    if (t.symbol === '(reset)') {
      cash = account.startingCashWon;
      held.clear();
      continue;
    }
    cash += t.cashWon;
    held.set(t.symbol, (held.get(t.symbol) ?? 0n) + (t.side === 'buy' ? t.quantity : -t.quantity));
  }
  let total = cash;
  for (const [s, q] of held) {
    const p = priceAt(s, d);
    if (p !== undefined && q > 0n) total += notionalWon(q, toPriceUnits(p));
  }
  return total;
}
