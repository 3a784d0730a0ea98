import { LRUCache } from 'lru-cache';
import type { StockDirectory } from '../data/stocks/stock-directory.js';
import { planAnswer, todayOf, type AnswerPlan } from './question/plan-answer.js';

export type AnswerPlanner = (
  question: string,
  indicatorId: string | undefined,
  nowMs: number,
  stocks?: StockDirectory,
) => AnswerPlan;

// Each KRX listing read questions differently ("카카오게임즈" is a stock once it is listed): its own key space.
const directoryIds = new WeakMap<StockDirectory, number>();
let nextDirectoryId = 0;
function directoryId(stocks: StockDirectory | undefined): number {
  if (!stocks) return 0;
  let id = directoryIds.get(stocks);
  if (id === undefined) directoryIds.set(stocks, (id = nextDirectoryId += 1));
  return id;
}

/**
 * planAnswer with its results remembered: reading a question (indicator, horizon, calendar phrases) is a pure function
 * of its text, the indicator id and the month in Seoul, and it was a quarter of a cached answer's cost. The month is
 * part of the key, so "연말" is re-read when the month turns. Plans are shared: callers only read them.
 */
export function createAnswerPlanner(options: { max?: number } = {}): AnswerPlanner {
  const plans = new LRUCache<string, AnswerPlan>({ max: options.max ?? 2_000 });
  return (question, indicatorId, nowMs, stocks) => {
    const today = todayOf(nowMs);
    const key = `${directoryId(stocks)}\u0000${today.year}-${today.month}\u0000${indicatorId ?? ''}\u0000${question}`;
    let plan = plans.get(key);
    if (!plan) {
      plan = planAnswer(question, indicatorId, today, stocks);
      plans.set(key, plan);
    }
    return plan;
  };
}
