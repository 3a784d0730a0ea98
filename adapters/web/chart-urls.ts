import { LRUCache } from 'lru-cache';

/**
 * The chart store names charts by random tokens; remembering hash -> URL lets a repeated answer reuse its URL
 * while it has most of its life left (as the Kakao adapter does) and lets history show charts still alive.
 */
export function createChartUrls() {
  const chartUrls = new LRUCache<string, { url: string; expiresAt: number; ttlMs: number }>({ max: 5_000 });
  return {
    /** The URL of a chart with at least `minLeft` of its life left, or undefined. */
    live(hash: string | undefined, minLeft = 0.1): string | undefined {
      const hit = hash ? chartUrls.get(hash) : undefined;
      return hit && hit.expiresAt - Date.now() > hit.ttlMs * minLeft ? hit.url : undefined;
    },
    remember(hash: string, url: string, expiresAt: number): void {
      chartUrls.set(hash, { url, expiresAt, ttlMs: expiresAt - Date.now() });
    },
  };
}

export type ChartUrls = ReturnType<typeof createChartUrls>;
