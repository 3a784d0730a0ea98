/** One outlet's copy of a story: the same story syndicated or re-published is one item with several of these. */
export interface NewsSource {
  /** The feed's name (its host unless NEWS_FEEDS names it). */
  name: string;
  url: string;
  publishedAt: string;
}

/**
 * A stored news item. Only what a headline list needs is kept (title, link, source, date, a short description),
 * never the article itself.
 */
export interface NewsItem {
  /** sha256 prefix of the first canonical URL seen: stable across fetches. */
  id: string;
  title: string;
  url: string;
  /** The first outlet's name. */
  source: string;
  sources: NewsSource[];
  /** ISO 8601; the fetch time when the feed's date was missing or malformed (`dateEstimated`). */
  publishedAt: string;
  dateEstimated?: boolean;
  description: string;
  /** Catalog indicator ids the item concerns. */
  indicators: string[];
  fetchedAt: string;
}

/** An entry as a feed gives it, already cleaned (plain text, normalised URL). */
export interface FeedEntry {
  title: string;
  url: string;
  description: string;
  publishedAt?: string;
}

export interface FeedConfig {
  url: string;
  name: string;
  /** A watched source's every item on an indicator raises a threat event (a central bank's press releases). */
  watched: boolean;
}

/** What the last fetch of one feed came to: `riskxpert status` and `news fetch` show it. */
export interface FeedState {
  url: string;
  etag?: string;
  lastModified?: string;
  lastFetchedAt?: string;
  lastStatus?: 'ok' | 'not-modified' | 'error';
  lastError?: string;
  lastItemCount?: number;
}
