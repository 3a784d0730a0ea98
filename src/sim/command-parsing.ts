import { getIndicator } from '../data/catalog.js';
import { stockId, takeStock } from '../data/stock-instruments.js';
import { parseQuestion } from '../engine/parse-question.js';
import type { SubscriptionRule } from '../store/subscription-store.js';

/** Finds the indicator named in the text (an id or any alias, longest first) and returns the text without it. */
function takeIndicator(args: string): { indicatorId?: string; rest: string } {
  const lower = args.toLowerCase();
  const byId = lower
    .trim()
    .split(/\s+/u)
    .map((w) => getIndicator(w))
    .find((i) => i !== undefined);
  if (byId) return { indicatorId: byId.id, rest: lower.replace(byId.id, ' ') };
  const indicator = parseQuestion(args).indicator;
  if (!indicator) return { rest: lower };
  const alias = [...indicator.aliases].sort((x, y) => y.length - x.length).find((al) => lower.includes(al));
  return { indicatorId: indicator.id, rest: alias ? lower.replace(alias, ' ') : lower };
}

const QUANTITY = /(?:^|\s)(\d{1,12})(?:주|개|units?)?(?:\s|$)/u;

/**
 * "코스피 3", "kospi 3", "3 kospi", "삼성전자 10", "005930 10", "stock:005930 10": the instrument (a catalog
 * indicator or `stock:<code>`) and a whole quantity. A bare 6-digit number is a stock code only when no indicator
 * is named, so "kospi 100000" stays a quantity.
 */
export function parseOrder(args: string): { instrumentId?: string; quantity?: bigint; invalid?: string } {
  const stock = takeStock(args);
  if (stock.kind === 'invalid') return { invalid: stock.token };
  const quantityIn = (rest: string) => {
    const qty = QUANTITY.exec(rest);
    return qty ? { quantity: BigInt(qty[1]!) } : {};
  };
  if (stock.kind === 'stock' && stock.by !== 'code')
    return { instrumentId: stockId(stock.code), ...quantityIn(stock.rest) };
  const { indicatorId, rest } = takeIndicator(args);
  if (indicatorId) return { instrumentId: indicatorId, ...quantityIn(rest) };
  if (stock.kind === 'stock') return { instrumentId: stockId(stock.code), ...quantityIn(stock.rest) };
  return quantityIn(rest);
}

const RULE_WORDS: [RegExp, SubscriptionRule['kind']][] = [
  [/drawdown|낙폭|고점/iu, 'drawdown'],
  [/move|급변|급등|급락|변동률/iu, 'move'],
  [/vol|변동성/iu, 'volatility-spike'],
  [/band|하단|예측/iu, 'forecast-lower-band'],
  [/stop|손절/iu, 'stop-loss'],
  [/take|익절/iu, 'take-profit'],
  [/news|뉴스/iu, 'news'],
];

/** "kospi drawdown 10", "코스피 급변 5 월", "usdkrw band 1300"; the rule defaults to a 10% drawdown. */
export function parseRule(args: string): { indicatorId?: string; rule?: SubscriptionRule; problem?: string } {
  const { indicatorId, rest } = takeIndicator(args);
  const kind = RULE_WORDS.find(([re]) => re.test(rest))?.[1] ?? 'drawdown';
  const num = /(-?\d+(?:\.\d+)?)/u.exec(rest);
  const n = num ? Number(num[1]) : undefined;
  const base = indicatorId ? { indicatorId } : {};
  switch (kind) {
    case 'drawdown':
      return { ...base, rule: { kind, lookbackDays: 90, thresholdPct: Math.abs(n ?? 10) } };
    case 'move':
      return {
        ...base,
        rule: { kind, period: /month|월간|한\s?달|월/iu.test(rest) ? 'month' : 'day', thresholdPct: Math.abs(n ?? 5) },
      };
    case 'volatility-spike':
      return { ...base, rule: { kind, windowDays: 20, historyDays: 250, zScore: Math.abs(n ?? 2) } };
    case 'forecast-lower-band':
      return n === undefined ? { ...base, problem: 'threshold' } : { ...base, rule: { kind, threshold: n } };
    case 'stop-loss':
      return { ...base, rule: { kind, thresholdPct: Math.abs(n ?? 10) } };
    case 'take-profit':
      return { ...base, rule: { kind, thresholdPct: Math.abs(n ?? 20) } };
    case 'news':
      return { ...base, rule: { kind } };
  }
}
