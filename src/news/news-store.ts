import { RiskXpertError } from '../errors.js';
import type { FeedState, NewsItem } from './news-types.js';

export interface NewsQuery {
  /** Words every returned title or description contains (case-insensitive). */
  text?: string;
  indicatorId?: string;
  /** Only items published at or after this ISO time. */
  since?: string;
  limit: number;
}

/** Stored headlines (title, link, source, date, short description) and each feed's conditional-GET state. */
export interface NewsStore {
  init(): Promise<void>;
  /** Inserts or replaces each item by id (a merge adds sources to a stored item). */
  upsert(items: readonly NewsItem[]): Promise<void>;
  /** Newest first. */
  search(query: NewsQuery): Promise<NewsItem[]>;
  /** Removes items published before `before` (the retention period); returns how many. */
  purge(before: string): Promise<number>;
  getFeedState(url: string): Promise<FeedState | undefined>;
  putFeedState(state: FeedState): Promise<void>;
  listFeedStates(): Promise<FeedState[]>;
  close(): Promise<void>;
}

export const NEWS_ID = /^[0-9a-f]{24}$/u;
export const MAX_QUERY_LIMIT = 5_000;

/** The query as every backend reads it: limits clamped, an indicator id that can only be a catalog-shaped id. */
export function checkQuery(q: NewsQuery): NewsQuery {
  if (q.indicatorId !== undefined && !/^[a-z0-9_]{1,40}$/u.test(q.indicatorId))
    throw new RiskXpertError('BAD_REQUEST', 'indicatorId must be a catalog id.');
  if (q.text !== undefined && q.text.length > 200)
    throw new RiskXpertError('BAD_REQUEST', 'The news query is too long (200 characters at most).');
  const limit = Math.max(1, Math.min(Math.floor(Number.isFinite(q.limit) ? q.limit : 20), MAX_QUERY_LIMIT));
  const text = q.text?.trim().toLowerCase();
  return { ...q, limit, ...(text ? { text } : { text: undefined }) };
}

export function checkItem(item: NewsItem): void {
  if (!NEWS_ID.test(item.id)) throw new RiskXpertError('BAD_REQUEST', 'Not a news item id.');
}

/** Text match shared by the memory and SQLite backends' post-filter: every word in title or description. */
export function matchesText(item: Pick<NewsItem, 'title' | 'description'>, text: string | undefined): boolean {
  if (!text) return true;
  const hay = `${item.title} ${item.description}`.toLowerCase();
  return text.split(/\s+/u).every((w) => hay.includes(w));
}
