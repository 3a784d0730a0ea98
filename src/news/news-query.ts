import { getIndicator } from '../data/catalog.js';
import { RiskXpertError } from '../errors.js';
import type { Locale } from '../locale.js';
import { createIndicatorTagger } from './indicator-tagger.js';
import { summariseNews, type CompleteText, type NewsDigest } from './news-digest.js';
import type { NewsStore } from './news-store.js';
import type { NewsItem } from './news-types.js';

export interface NewsAnswer {
  items: NewsItem[];
  /** The indicator the query was read as, if any. */
  indicatorId?: string;
  summary: NewsDigest;
}

const tagger = createIndicatorTagger();

/**
 * What every surface asks (`news 코스피`, `/news 환율`, "코스피 뉴스", the web panel): a query that names one
 * indicator becomes that indicator's items, anything else a word search; the digest covers the last day's items
 * (or, when the last day has none, the items listed).
 */
export async function queryNews(args: {
  store: NewsStore;
  query?: string;
  indicatorId?: string;
  limit?: number;
  locale: Locale;
  now: Date;
  complete?: CompleteText;
}): Promise<NewsAnswer> {
  const limit = Math.max(1, Math.min(args.limit ?? 10, 50));
  let indicatorId = args.indicatorId;
  if (indicatorId !== undefined && !getIndicator(indicatorId))
    throw new RiskXpertError('UNKNOWN_INDICATOR', `Unknown indicator "${indicatorId}".`);
  const query = args.query?.trim() ?? '';
  let text: string | undefined = query || undefined;
  if (!indicatorId && query) {
    const tags = tagger.tag(query, '');
    if (tags.length === 1) {
      indicatorId = tags[0];
      text = undefined;
    }
  }
  const items = await args.store.search({ limit, ...(indicatorId ? { indicatorId } : {}), ...(text ? { text } : {}) });
  const dayAgo = new Date(args.now.getTime() - 86_400_000).toISOString();
  const lastDay = items.filter((i) => i.publishedAt >= dayAgo);
  const summary = await summariseNews({
    items: lastDay.length ? lastDay : items,
    locale: args.locale,
    now: args.now,
    ...(args.complete ? { complete: args.complete } : {}),
  });
  return { items, ...(indicatorId ? { indicatorId } : {}), summary };
}

/** The JSON every surface prints: `{"items":[{title,url,source,publishedAt,indicators}],"summary":...}`. */
export function newsAnswerJson(a: NewsAnswer): {
  items: { title: string; url: string; source: string; publishedAt: string; indicators: string[] }[];
  summary: string;
  summaryNarrator: string;
} {
  return {
    items: a.items.map((i) => ({
      title: i.title,
      url: i.url,
      source: i.source,
      publishedAt: i.publishedAt,
      indicators: i.indicators,
    })),
    summary: a.summary.text,
    summaryNarrator: a.summary.narrator,
  };
}
