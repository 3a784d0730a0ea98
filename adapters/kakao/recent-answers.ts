import { LRUCache } from 'lru-cache';
import { completeSentencesEnd, splitPages } from './split-text.js';

/** The pageable text of one answer, which may still be growing while the engine streams the scenario. */
export interface AnswerText {
  /** What the user may page through (the scenario; the summary too when it was not shown). Only ever appended to. */
  text(): string;
  /** True once text() will not grow any more. */
  complete(): boolean;
  /** Resolves when the answer is complete. */
  settled: Promise<void>;
}

export interface RecentAnswer {
  indicatorId: string;
  horizonMonths: number;
  source: AnswerText;
  /** Offset into source.text() up to which the user has seen it. */
  shown: number;
}

/**
 * What each user can still fetch with the "시나리오 더 보기" quick reply: an in-memory LRU (10,000 users) with a
 * 30-minute TTL. Behind several servers a user may land on another one and get "nothing more to show", never a
 * wrong answer; a shared store is not worth it for a convenience that the next question replaces.
 */
export function createRecentAnswers(options: { max?: number; ttlMs?: number } = {}) {
  const lru = new LRUCache<string, RecentAnswer>({ max: options.max ?? 10_000, ttl: options.ttlMs ?? 30 * 60_000 });
  return {
    set: (userId: string, answer: RecentAnswer) => void lru.set(userId, answer),
    get: (userId: string): RecentAnswer | undefined => lru.get(userId),
  };
}
export type RecentAnswers = ReturnType<typeof createRecentAnswers>;

/**
 * Takes the next page (at most `max` characters) of what the user has not seen: whole sentences only while the
 * answer is still being written. `more` says whether anything is left or may still come.
 */
export function takePage(answer: RecentAnswer, max = 1000): { page: string | undefined; more: boolean } {
  const complete = answer.source.complete();
  const text = answer.source.text();
  const end = Math.max(answer.shown, complete ? text.length : completeSentencesEnd(text));
  const [first] = splitPages(text.slice(answer.shown, end), max, 1);
  if (first) answer.shown += first.end;
  return { page: first?.text, more: !complete || text.slice(answer.shown).trim().length > 0 };
}
