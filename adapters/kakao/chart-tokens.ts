import { LRUCache } from 'lru-cache';
import type { ChartStore } from '../../src/chart/chart-store.js';
import type { ChartEvent } from '../../src/engine/answer-types.js';
import type { Logger } from '../../src/logger.js';

/**
 * One chart URL per chart content while it has most of its life left: a cached answer then costs no chart store
 * write (a Redis round trip in production), and a busy server does not push fresh charts out of the store with
 * thousands of copies of the same one. Undefined when the chart cannot be stored (the answer goes without it).
 */
export function createChartTokens(deps: { charts: ChartStore; now: () => number; logger: Logger }) {
  const tokens = new LRUCache<string, { token: string; expiresAt: number; ttlMs: number }>({ max: 1_000 });
  return async function chartToken(event: ChartEvent, requestId: string): Promise<string | undefined> {
    const hit = tokens.get(event.hash);
    // Reused only while this process can still serve it (the cache Redis may have restarted empty since).
    if (hit && hit.expiresAt - deps.now() > hit.ttlMs / 2 && (deps.charts.holds?.(hit.token) ?? true)) return hit.token;
    try {
      const put = await deps.charts.put(event.png);
      tokens.set(event.hash, { ...put, ttlMs: put.expiresAt - deps.now() });
      return put.token;
    } catch (err) {
      deps.logger.warn({ err, requestId }, 'kakao: cannot store chart; answering without the image');
      return undefined;
    }
  };
}
