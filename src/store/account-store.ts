import type { PaperAccount, Trade } from '../sim/paper-account.js';

/** A paper account as stored: bigints as decimal strings (JSON and BSON both keep them exactly). */
export interface StoredAccount {
  userId: string;
  startingCashWon: string;
  cashWon: string;
  realizedWon: string;
  positions: { symbol: string; quantity: string; costWon: string }[];
  trades: {
    at: string;
    side: Trade['side'];
    symbol: string;
    quantity: string;
    price: string;
    feeWon: string;
    cashWon: string;
    realizedWon?: string;
  }[];
}

export function toStoredAccount(a: PaperAccount): StoredAccount {
  return {
    userId: a.userId,
    startingCashWon: a.startingCashWon.toString(),
    cashWon: a.cashWon.toString(),
    realizedWon: a.realizedWon.toString(),
    positions: [...a.positions.values()].map((p) => ({
      symbol: p.symbol,
      quantity: p.quantity.toString(),
      costWon: p.costWon.toString(),
    })),
    trades: a.trades.map((t) => ({
      at: t.at,
      side: t.side,
      symbol: t.symbol,
      quantity: t.quantity.toString(),
      price: t.price.toString(),
      feeWon: t.feeWon.toString(),
      cashWon: t.cashWon.toString(),
      ...(t.realizedWon !== undefined ? { realizedWon: t.realizedWon.toString() } : {}),
    })),
  };
}

export function fromStoredAccount(s: StoredAccount): PaperAccount {
  return {
    userId: s.userId,
    startingCashWon: BigInt(s.startingCashWon),
    cashWon: BigInt(s.cashWon),
    realizedWon: BigInt(s.realizedWon),
    positions: new Map(
      s.positions.map((p) => [
        p.symbol,
        { symbol: p.symbol, quantity: BigInt(p.quantity), costWon: BigInt(p.costWon) },
      ]),
    ),
    trades: s.trades.map((t) => ({
      at: t.at,
      side: t.side,
      symbol: t.symbol,
      quantity: BigInt(t.quantity),
      price: BigInt(t.price),
      feeWon: BigInt(t.feeWon),
      cashWon: BigInt(t.cashWon),
      ...(t.realizedWon !== undefined ? { realizedWon: BigInt(t.realizedWon) } : {}),
    })),
  };
}

export interface LoadedAccount {
  account: PaperAccount;
  /** Optimistic concurrency: save() with this revision fails if someone saved in between. */
  revision: number;
}

/**
 * Paper accounts, one per user. Saves are compare-and-set on a revision so two orders from the same user at once
 * can never both apply to a stale balance; the caller reloads and retries.
 */
export interface AccountStore {
  init(): Promise<void>;
  load(userId: string): Promise<LoadedAccount | undefined>;
  /** Writes the account if the stored revision is still `revision` (0 = not stored yet); false on a conflict. */
  save(account: PaperAccount, revision: number): Promise<boolean>;
  /** Erases the user's account (an operator's data deletion); false when there was none. */
  delete(userId: string): Promise<boolean>;
  close(): Promise<void>;
}
