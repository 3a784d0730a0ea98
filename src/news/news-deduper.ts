import { createHash } from 'node:crypto';
import type { FeedConfig, FeedEntry, NewsItem } from './news-types.js';
import { sameStory, trigrams } from './title-similarity.js';
import { canonicalKey } from './url-normalise.js';

/** Two copies of a story more than this far apart in time are two stories (a headline that recurs every month). */
const WINDOW_MS = 3 * 86_400_000;
/** A trigram in more headlines than this says nothing about which story it is: not used to find candidates. */
const MAX_POSTING = 200;
const MAX_SOURCES = 20;

export const itemId = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 24);

interface Indexed {
  item: NewsItem;
  grams: Set<string>;
  time: number;
}

export interface AddResult {
  item: NewsItem;
  /** 'new': a story not seen; 'merged': another outlet or URL of a known story; 'same': nothing new. */
  outcome: 'new' | 'merged' | 'same';
}

/**
 * The de-duplication index: canonical URL first (the same link, tracking parameters aside), then near-duplicate
 * headline within three days, found through an inverted trigram index so each new entry compares against the
 * few items that share its trigrams, not against every item.
 */
export class NewsDeduper {
  private readonly byKey = new Map<string, Indexed>();
  private readonly byId = new Map<string, Indexed>();
  private readonly postings = new Map<string, Set<string>>();

  /** Items already stored (the last days), so a fetch de-duplicates against what earlier fetches kept. */
  seed(items: readonly NewsItem[]): void {
    for (const item of items) {
      const entry: Indexed = {
        item: structuredClone(item),
        grams: trigrams(item.title),
        time: Date.parse(item.publishedAt),
      };
      this.index(entry);
      for (const s of item.sources) this.byKey.set(canonicalKey(s.url), entry);
    }
  }

  add(entry: FeedEntry, feed: Pick<FeedConfig, 'name'>, fetchedAt: string, indicators: readonly string[]): AddResult {
    const key = canonicalKey(entry.url);
    const publishedAt = entry.publishedAt ?? fetchedAt;
    const time = Date.parse(publishedAt);
    const found = this.byKey.get(key) ?? this.similar(entry.title, time);
    if (found) {
      const changed = this.merge(found, entry, feed.name, publishedAt, indicators);
      this.byKey.set(key, found);
      return { item: found.item, outcome: changed ? 'merged' : 'same' };
    }
    const item: NewsItem = {
      id: itemId(key),
      title: entry.title,
      url: entry.url,
      source: feed.name,
      sources: [{ name: feed.name, url: entry.url, publishedAt }],
      publishedAt,
      ...(entry.publishedAt ? {} : { dateEstimated: true }),
      description: entry.description,
      indicators: [...indicators].sort(),
      fetchedAt,
    };
    const indexed: Indexed = { item, grams: trigrams(entry.title), time };
    this.index(indexed);
    this.byKey.set(key, indexed);
    return { item, outcome: 'new' };
  }

  get size(): number {
    return this.byId.size;
  }

  private index(entry: Indexed): void {
    this.byId.set(entry.item.id, entry);
    for (const g of entry.grams) {
      let set = this.postings.get(g);
      if (!set) this.postings.set(g, (set = new Set()));
      // One past the limit marks it common; more would only cost memory.
      if (set.size <= MAX_POSTING) set.add(entry.item.id);
    }
  }

  private similar(title: string, time: number): Indexed | undefined {
    const grams = trigrams(title);
    // Candidates come from the rarer trigrams only (a trigram in hundreds of headlines, "환율 ", finds everything
    // and tells nothing); each candidate is then compared on its whole trigram set.
    const candidates = new Set<string>();
    for (const g of grams) {
      const ids = this.postings.get(g);
      if (ids && ids.size <= MAX_POSTING) for (const id of ids) candidates.add(id);
    }
    let best: { entry: Indexed; score: number } | undefined;
    for (const id of candidates) {
      const other = this.byId.get(id)!;
      if (Math.abs(other.time - time) > WINDOW_MS) continue;
      let shared = 0;
      for (const g of grams) if (other.grams.has(g)) shared += 1;
      if (!sameStory(shared, grams.size, other.grams.size)) continue;
      const score = shared / (grams.size + other.grams.size - shared);
      if (!best || score > best.score) best = { entry: other, score };
    }
    return best?.entry;
  }

  private merge(
    found: Indexed,
    entry: FeedEntry,
    source: string,
    publishedAt: string,
    indicators: readonly string[],
  ): boolean {
    const item = found.item;
    let changed = false;
    if (!item.sources.some((s) => s.name === source) && item.sources.length < MAX_SOURCES) {
      item.sources.push({ name: source, url: entry.url, publishedAt });
      changed = true;
    }
    // The story dates from its first outlet; a later copy with a real date replaces an estimated one.
    if (entry.publishedAt && (item.dateEstimated || publishedAt < item.publishedAt)) {
      item.publishedAt = publishedAt;
      delete item.dateEstimated;
      changed = true;
    }
    const tags = new Set([...item.indicators, ...indicators]);
    if (tags.size !== item.indicators.length) {
      item.indicators = [...tags].sort();
      changed = true;
    }
    if (!item.description && entry.description) {
      item.description = entry.description;
      changed = true;
    }
    return changed;
  }
}
