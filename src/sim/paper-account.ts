import { RiskXpertError } from '../errors.js';

/**
 * Paper trading in exact integer arithmetic: cash and costs in whole won (bigint), prices in ten-thousandths
 * (4 decimals, enough for index points, FX and rates), quantities in whole units. No floating point touches
 * money, so a long sequence of trades adds up to the won.
 */
export const PRICE_SCALE = 10_000n;

export interface Position {
  symbol: string;
  quantity: bigint;
  /** Total cost of the open quantity, buy fees included, in won. */
  costWon: bigint;
}

export interface Trade {
  at: string;
  side: 'buy' | 'sell';
  symbol: string;
  quantity: bigint;
  /** Fill price in PRICE_SCALE units. */
  price: bigint;
  feeWon: bigint;
  /** Cash change of this trade, in won (negative for buys). */
  cashWon: bigint;
  /** Realized P&L of a sell, net of fees, in won. */
  realizedWon?: bigint;
}

export interface PaperAccount {
  userId: string;
  startingCashWon: bigint;
  cashWon: bigint;
  realizedWon: bigint;
  positions: Map<string, Position>;
  trades: Trade[];
}

/** Converts a decimal price (e.g. 2874.56) to PRICE_SCALE units, rounding half away from zero. */
export function toPriceUnits(price: number): bigint {
  if (!Number.isFinite(price) || price <= 0) throw new RiskXpertError('BAD_REQUEST', `Invalid price ${price}.`);
  return BigInt(Math.round(price * Number(PRICE_SCALE)));
}

/** a / b rounded half away from zero, for non-negative a and positive b. */
function divRound(a: bigint, b: bigint): bigint {
  return (a * 2n + b) / (2n * b);
}

export function openAccount(userId: string, startingCashWon: bigint): PaperAccount {
  return { userId, startingCashWon, cashWon: startingCashWon, realizedWon: 0n, positions: new Map(), trades: [] };
}

/** Value of `quantity` at `price`, in won. */
export function notionalWon(quantity: bigint, price: bigint): bigint {
  return divRound(quantity * price, PRICE_SCALE);
}

function feeWon(notional: bigint, feeBps: number): bigint {
  return divRound(notional * BigInt(Math.round(feeBps * 100)), 1_000_000n);
}

function positiveQuantity(quantity: bigint): void {
  if (quantity <= 0n) throw new RiskXpertError('BAD_REQUEST', 'Quantity must be a positive whole number.');
}

/** A market buy filled at `price`; the fee is `feeBps` basis points of the notional. */
export function buy(
  account: PaperAccount,
  symbol: string,
  quantity: bigint,
  price: bigint,
  options: { feeBps: number; at: string },
): Trade {
  positiveQuantity(quantity);
  const notional = notionalWon(quantity, price);
  const fee = feeWon(notional, options.feeBps);
  if (notional + fee > account.cashWon) {
    throw new RiskXpertError(
      'BAD_REQUEST',
      `Not enough cash: the order needs ${notional + fee} won, the account has ${account.cashWon}.`,
    );
  }
  account.cashWon -= notional + fee;
  const position = account.positions.get(symbol) ?? { symbol, quantity: 0n, costWon: 0n };
  position.quantity += quantity;
  position.costWon += notional + fee;
  account.positions.set(symbol, position);
  const trade: Trade = {
    at: options.at,
    side: 'buy',
    symbol,
    quantity,
    price,
    feeWon: fee,
    cashWon: -(notional + fee),
  };
  account.trades.push(trade);
  return trade;
}

/** A market sell of part or all of a position; realized P&L uses the position's average cost. */
export function sell(
  account: PaperAccount,
  symbol: string,
  quantity: bigint,
  price: bigint,
  options: { feeBps: number; at: string },
): Trade {
  positiveQuantity(quantity);
  const position = account.positions.get(symbol);
  if (!position || position.quantity < quantity) {
    throw new RiskXpertError(
      'BAD_REQUEST',
      `Cannot sell ${quantity} ${symbol}: the position holds ${position?.quantity ?? 0n}.`,
    );
  }
  const notional = notionalWon(quantity, price);
  const fee = feeWon(notional, options.feeBps);
  // The last unit takes whatever cost is left, so rounding never leaves a remainder on a closed position.
  const allocated =
    quantity === position.quantity ? position.costWon : divRound(position.costWon * quantity, position.quantity);
  const realized = notional - fee - allocated;
  position.quantity -= quantity;
  position.costWon -= allocated;
  if (position.quantity === 0n) account.positions.delete(symbol);
  account.cashWon += notional - fee;
  account.realizedWon += realized;
  const trade: Trade = {
    at: options.at,
    side: 'sell',
    symbol,
    quantity,
    price,
    feeWon: fee,
    cashWon: notional - fee,
    realizedWon: realized,
  };
  account.trades.push(trade);
  return trade;
}

export interface Valuation {
  cashWon: bigint;
  positionsWon: bigint;
  equityWon: bigint;
  unrealizedWon: bigint;
  realizedWon: bigint;
  positions: { symbol: string; quantity: bigint; averagePrice: bigint; valueWon: bigint; unrealizedWon: bigint }[];
}

/** Marks every position at the given prices (PRICE_SCALE units). */
export function value(account: PaperAccount, prices: ReadonlyMap<string, bigint>): Valuation {
  let positionsWon = 0n;
  let unrealizedWon = 0n;
  const positions = [...account.positions.values()].map((p) => {
    const price = prices.get(p.symbol);
    if (price === undefined) throw new RiskXpertError('SERIES_NOT_FOUND', `No price for ${p.symbol}.`);
    const valueWon = notionalWon(p.quantity, price);
    positionsWon += valueWon;
    unrealizedWon += valueWon - p.costWon;
    return {
      symbol: p.symbol,
      quantity: p.quantity,
      averagePrice: divRound(p.costWon * PRICE_SCALE, p.quantity),
      valueWon,
      unrealizedWon: valueWon - p.costWon,
    };
  });
  return {
    cashWon: account.cashWon,
    positionsWon,
    equityWon: account.cashWon + positionsWon,
    unrealizedWon,
    realizedWon: account.realizedWon,
    positions,
  };
}

/** Starts over with the starting cash; history is kept as a record that a reset happened. */
export function reset(account: PaperAccount, at: string): void {
  account.cashWon = account.startingCashWon;
  account.realizedWon = 0n;
  account.positions.clear();
  account.trades.push({ at, side: 'sell', symbol: '(reset)', quantity: 0n, price: 0n, feeWon: 0n, cashWon: 0n });
}
