import type { NewsStore } from './news-store.js';
import type { FeedState } from './news-types.js';

/** One feed in `riskxpert status`: its URL, the last fetch's outcome and time, and the error when it failed. */
export function formatFeedStatusLine(s: FeedState): string {
  const when = s.lastFetchedAt ? ` at ${s.lastFetchedAt.slice(0, 16).replace('T', ' ')} UTC` : '';
  const outcome =
    s.lastStatus === 'error'
      ? `✗ error${when}: ${(s.lastError ?? 'unknown error').replace(/\s+/gu, ' ').slice(0, 200)}`
      : s.lastStatus === 'not-modified'
        ? `✓ not modified (304)${when}`
        : s.lastStatus === 'ok'
          ? `✓ ok${when}, ${s.lastItemCount ?? 0} item(s)`
          : 'never fetched';
  return `${s.url}  ${outcome}`;
}

/**
 * The "News feeds" block of `riskxpert status`, from the feed state the fetches keep in the news store. A store
 * that cannot be read is one line: the data freshness above it is still worth printing.
 */
export async function newsFeedStatusText(store: Pick<NewsStore, 'listFeedStates'>): Promise<string> {
  try {
    const feeds = await store.listFeedStates();
    if (feeds.length === 0)
      return 'News feeds: none fetched yet (NEWS_FEEDS, then `riskxpert news fetch` or the worker).\n';
    const failed = feeds.filter((f) => f.lastStatus === 'error').length;
    return `News feeds (${feeds.length}, ${failed} failing):\n${feeds.map((f) => `${formatFeedStatusLine(f)}\n`).join('')}`;
  } catch (err) {
    return `News feeds: cannot be read (${(err as Error).message}).\n`;
  }
}
