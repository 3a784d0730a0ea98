import type { OutboundUrlGuard } from '../net/outbound-url-guard.js';
import { readFeed, type FeedLimits } from './feed-reader.js';
import type { HostPacer } from './host-pacer.js';
import type { IndicatorTagger } from './indicator-tagger.js';
import { naverSourceName, searchNaverNews } from './naver-news.js';
import type { NewsConfig } from './news-config.js';
import { NewsDeduper } from './news-deduper.js';
import type { NewsStore } from './news-store.js';
import type { FeedConfig, FeedEntry, FeedState, NewsItem } from './news-types.js';

export interface IngestDeps {
  guard: OutboundUrlGuard;
  pacer: HostPacer;
  store: NewsStore;
  tagger: IndicatorTagger;
  config: Pick<NewsConfig, 'feeds' | 'maxFeedBytes' | 'feedTimeoutMs' | 'retentionDays' | 'naver'>;
  now: () => Date;
  /** Tests point this at a stand-in; production leaves it to Naver's host. */
  naverBase?: string;
}

export interface FeedReport {
  url: string;
  name: string;
  status: 'ok' | 'not-modified' | 'error';
  entries: number;
  error?: string;
}

export interface IngestReport {
  feeds: FeedReport[];
  /** Stories not seen before this fetch. */
  added: NewsItem[];
  /** Known stories that gained a source, a tag or a real date. */
  merged: number;
  purged: number;
}

const DEDUPE_WINDOW_MS = 3 * 86_400_000;

/**
 * One fetch of every configured feed (and the Naver searches): feeds in parallel (paced per host), then one
 * de-duplication pass in the configured order against what the store already holds, then one write.
 */
export async function ingestNews(deps: IngestDeps): Promise<IngestReport> {
  const started = deps.now();
  const limits: FeedLimits = { maxFeedBytes: deps.config.maxFeedBytes, feedTimeoutMs: deps.config.feedTimeoutMs };
  const states = new Map((await deps.store.listFeedStates()).map((s) => [s.url, s]));
  const outcomes = await Promise.all(
    deps.config.feeds.map((feed) => readFeed({ ...deps, limits }, feed, states.get(feed.url))),
  );
  const naver = await readNaver(deps);

  const deduper = new NewsDeduper();
  deduper.seed(
    await deps.store.search({ since: new Date(started.getTime() - DEDUPE_WINDOW_MS).toISOString(), limit: 5_000 }),
  );
  const fetchedAt = started.toISOString();
  const changed = new Map<string, NewsItem>();
  const added = new Map<string, NewsItem>();
  const take = (entries: readonly FeedEntry[], source: (e: FeedEntry) => Pick<FeedConfig, 'name'>) => {
    for (const e of entries) {
      const r = deduper.add(e, source(e), fetchedAt, deps.tagger.tag(e.title, e.description));
      if (r.outcome === 'new') added.set(r.item.id, r.item);
      if (r.outcome !== 'same') changed.set(r.item.id, r.item);
    }
  };

  const reports: FeedReport[] = [];
  const newStates: FeedState[] = [];
  deps.config.feeds.forEach((feed, i) => {
    const o = outcomes[i]!;
    const prev = states.get(feed.url);
    const base = {
      url: feed.url,
      lastFetchedAt: fetchedAt,
      ...(prev?.etag ? { etag: prev.etag } : {}),
      ...(prev?.lastModified ? { lastModified: prev.lastModified } : {}),
    };
    if (o.status === 'ok') {
      take(o.entries, () => feed);
      reports.push({ url: feed.url, name: feed.name, status: 'ok', entries: o.entries.length });
      newStates.push({
        url: feed.url,
        lastFetchedAt: fetchedAt,
        lastStatus: 'ok',
        lastItemCount: o.entries.length,
        ...(o.etag ? { etag: o.etag } : {}),
        ...(o.lastModified ? { lastModified: o.lastModified } : {}),
      });
    } else if (o.status === 'not-modified') {
      reports.push({ url: feed.url, name: feed.name, status: 'not-modified', entries: 0 });
      newStates.push({ ...base, lastStatus: 'not-modified', lastItemCount: 0 });
    } else {
      reports.push({ url: feed.url, name: feed.name, status: 'error', entries: 0, error: o.error });
      newStates.push({ ...base, lastStatus: 'error', lastError: o.error });
    }
  });
  if (naver) {
    take(naver.entries, (e) => ({ name: naverSourceName(e.url) }));
    reports.push({
      url: 'naver:news-search',
      name: 'Naver News',
      status: naver.error ? 'error' : 'ok',
      entries: naver.entries.length,
      ...(naver.error ? { error: naver.error } : {}),
    });
  }

  await deps.store.upsert([...changed.values()]);
  for (const s of newStates) await deps.store.putFeedState(s);
  const purged = await deps.store.purge(
    new Date(started.getTime() - deps.config.retentionDays * 86_400_000).toISOString(),
  );
  return { feeds: reports, added: [...added.values()], merged: changed.size - added.size, purged };
}

async function readNaver(deps: IngestDeps): Promise<{ entries: FeedEntry[]; error?: string } | undefined> {
  const naver = deps.config.naver;
  if (!naver) return undefined;
  const entries: FeedEntry[] = [];
  const errors: string[] = [];
  for (const query of naver.queries) {
    try {
      entries.push(
        ...(await deps.pacer.schedule(deps.naverBase ?? 'https://openapi.naver.com', () =>
          searchNaverNews(
            {
              guard: deps.guard,
              now: deps.now,
              maxBytes: deps.config.maxFeedBytes,
              timeoutMs: deps.config.feedTimeoutMs,
              ...(deps.naverBase ? { base: deps.naverBase } : {}),
            },
            naver,
            query,
          ),
        )),
      );
    } catch (err) {
      errors.push(`${query}: ${(err as Error).message.slice(0, 120)}`);
    }
  }
  return { entries, ...(errors.length ? { error: errors.join('; ') } : {}) };
}
