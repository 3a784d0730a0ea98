import { LRUCache } from 'lru-cache';

export interface RecentAnswer {
  indicatorId: string;
  horizonMonths: number;
  /** Scenario pages not shown yet. */
  pages: string[];
}

/**
 * What each user can still fetch with the "시나리오 더 보기" quick reply. Kept in this process for 30 minutes:
 * behind several servers a user may land on another one and get "nothing more to show", never a wrong answer.
 */
export function createRecentAnswers(options: { max?: number; ttlMs?: number } = {}) {
  const lru = new LRUCache<string, RecentAnswer>({ max: options.max ?? 10_000, ttl: options.ttlMs ?? 30 * 60_000 });
  return {
    set: (userId: string, answer: RecentAnswer) => void lru.set(userId, answer),
    /** Takes the next page, if any. */
    next(userId: string): { page: string; remaining: number; answer: RecentAnswer } | undefined {
      const a = lru.get(userId);
      const page = a?.pages.shift();
      if (!a || page === undefined) return undefined;
      return { page, remaining: a.pages.length, answer: a };
    },
  };
}
export type RecentAnswers = ReturnType<typeof createRecentAnswers>;
