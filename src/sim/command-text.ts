import { getIndicator, indicatorName } from '../data/catalog.js';
import { stockCodeOf, stockName } from '../data/stock-instruments.js';
import { stockCsvFile, type StockPriceProblem } from '../data/stock-prices.js';
import type { Locale } from '../locale.js';
import { t } from '../messages/t.js';
import type { SubscriptionRule } from '../store/subscription-store.js';
import { PRICE_SCALE } from './paper-account.js';
import type { Portfolio } from './paper-trading.js';

export const won = (n: bigint | number, locale: Locale) =>
  t(locale, 'sim.won', { amount: BigInt(n).toLocaleString('en-US') });
export const signedWon = (n: bigint, locale: Locale) =>
  `${n > 0n ? '+' : n < 0n ? '−' : ''}${won(n < 0n ? -n : n, locale)}`;
export const price = (units: bigint) => {
  const whole = units / PRICE_SCALE;
  const frac = (units % PRICE_SCALE).toString().padStart(4, '0').replace(/0+$/u, '');
  return `${whole.toLocaleString('en-US')}${frac ? `.${frac}` : ''}`;
};

/** An indicator's or a stock's name as users see it. */
export function instrumentName(id: string, locale: Locale): string {
  const code = stockCodeOf(id);
  if (code) return stockName(code, locale);
  const i = getIndicator(id);
  return i ? indicatorName(i, locale) : id;
}

export function describeRule(rule: SubscriptionRule, locale: Locale): string {
  switch (rule.kind) {
    case 'drawdown':
      return t(locale, 'sim.rule.drawdown', { days: rule.lookbackDays, pct: rule.thresholdPct });
    case 'move':
      return t(locale, rule.period === 'day' ? 'sim.rule.move.day' : 'sim.rule.move.month', { pct: rule.thresholdPct });
    case 'volatility-spike':
      return t(locale, 'sim.rule.volatilitySpike', { z: rule.zScore });
    case 'forecast-lower-band':
      return t(locale, 'sim.rule.forecastLowerBand', { threshold: rule.threshold });
    case 'stop-loss':
      return t(locale, 'sim.rule.stopLoss', { pct: rule.thresholdPct });
    case 'take-profit':
      return t(locale, 'sim.rule.takeProfit', { pct: rule.thresholdPct });
    case 'news':
      return t(locale, 'sim.rule.news');
  }
}

export function portfolioText(p: Portfolio, locale: Locale): string {
  const v = p.valuation;
  const name = (id: string) => instrumentName(id, locale);
  const lines = [
    t(locale, 'sim.portfolio.head', { equity: won(v.equityWon, locale) }),
    t(locale, 'sim.portfolio.cash', {
      cash: won(v.cashWon, locale),
      realized: signedWon(v.realizedWon, locale),
      unrealized: signedWon(v.unrealizedWon, locale),
    }),
  ];
  for (const pos of v.positions) {
    lines.push(
      t(locale, 'sim.portfolio.position', {
        name: name(pos.symbol),
        quantity: String(pos.quantity),
        average: price(pos.averagePrice),
        value: won(pos.valueWon, locale),
        unrealized: signedWon(pos.unrealizedWon, locale),
        asOf: p.asOf[pos.symbol] ?? '',
      }),
    );
  }
  if (v.positions.length === 0) lines.push(t(locale, 'sim.portfolio.empty'));
  lines.push(t(locale, 'sim.portfolio.disclaimer'));
  return lines.join('\n');
}

/** Why a stock order found no price, in the user's language. */
export function stockPriceText(reason: StockPriceProblem, code: string, english: string, locale: Locale): string {
  // The English text is the error's own message (it names the cause exactly); Korean has one sentence per cause.
  if (locale !== 'ko') return `${reason === 'loading' ? '⏳' : '⚠️'} ${english}`;
  const params = { name: stockName(code, locale), code, file: stockCsvFile(code) };
  return t(locale, `sim.stock.${reason}`, params);
}
