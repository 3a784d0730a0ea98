import { LRUCache } from 'lru-cache';
import { planAnswer, todayOf, type AnswerPlan } from './question/plan-answer.js';

export type AnswerPlanner = (question: string, indicatorId: string | undefined, nowMs: number) => AnswerPlan;

/**
 * planAnswer with its results remembered: reading a question (indicator, horizon, calendar phrases) is a pure function
 * of its text, the indicator id and the month in Seoul, and it was a quarter of a cached answer's cost. The month is
 * part of the key, so "연말" is re-read when the month turns. Plans are shared: callers only read them.
 */
export function createAnswerPlanner(options: { max?: number } = {}): AnswerPlanner {
  const plans = new LRUCache<string, AnswerPlan>({ max: options.max ?? 2_000 });
  return (question, indicatorId, nowMs) => {
    const today = todayOf(nowMs);
    const key = `${today.year}-${today.month}\u0000${indicatorId ?? ''}\u0000${question}`;
    let plan = plans.get(key);
    if (!plan) {
      plan = planAnswer(question, indicatorId, today);
      plans.set(key, plan);
    }
    return plan;
  };
}
