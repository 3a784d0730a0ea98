import { LRUCache } from 'lru-cache';
import type { AnswerEvent, Engine, RelatedNewsItem } from '../engine/answer-types.js';
import type { Locale } from '../locale.js';
import type { NewsStore } from './news-store.js';
import { t } from '../messages/t.js';
import { formatDay } from '../narrate/format-number.js';

const LOOKBACK_MS = 7 * 86_400_000;

/**
 * The engine, with "관련 뉴스" on every forecast answer: the `done` event of an answer that had a forecast carries
 * up to three of that indicator's latest stored headlines. The store gets `timeoutMs` (it is a local read); a slow
 * or failing store leaves the field out rather than hold the answer. With `cacheMs`, an indicator's headlines are
 * reused for that long: a cached answer is served thousands of times a second, and a headline shown half a minute
 * late costs nothing. Only successful reads are kept.
 */
export function withRelatedNews(
  engine: Engine,
  deps: {
    store: NewsStore;
    now?: () => Date;
    timeoutMs?: number;
    limit?: number;
    cacheMs?: number;
    /** A failed read, with the request that asked (for its log line). */
    onError?: (err: unknown, requestId: string | undefined) => void;
  },
): Engine {
  const now = deps.now ?? (() => new Date());
  const cacheMs = deps.cacheMs ?? 0;
  const recent = new LRUCache<string, { at: number; items: RelatedNewsItem[] }>({ max: 1_000 });
  async function read(indicatorId: string, requestId: string | undefined): Promise<RelatedNewsItem[] | undefined> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const items = await Promise.race([
        deps.store.search({
          indicatorId,
          since: new Date(now().getTime() - LOOKBACK_MS).toISOString(),
          limit: deps.limit ?? 3,
        }),
        new Promise<never>(
          (_, reject) => (timer = setTimeout(() => reject(new Error('news store timed out')), deps.timeoutMs ?? 500)),
        ),
      ]);
      return items.map((i) => ({ title: i.title, url: i.url, source: i.source, publishedAt: i.publishedAt }));
    } catch (err) {
      deps.onError?.(err, requestId);
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }
  async function lookup(indicatorId: string, requestId: string | undefined): Promise<RelatedNewsItem[] | undefined> {
    if (cacheMs <= 0) return read(indicatorId, requestId);
    const at = now().getTime();
    const hit = recent.get(indicatorId);
    if (hit && at - hit.at < cacheMs) return hit.items;
    const items = await read(indicatorId, requestId);
    if (items) recent.set(indicatorId, { at, items });
    return items;
  }
  return {
    async *answer(request, options) {
      let indicatorId: string | undefined;
      for await (const event of engine.answer(request, options) as AsyncIterable<AnswerEvent>) {
        if (event.type === 'forecast') indicatorId = event.indicator.id;
        if (event.type === 'done' && indicatorId) {
          const related = await lookup(indicatorId, request.requestId);
          yield related && related.length > 0 ? { ...event, relatedNews: related } : event;
          continue;
        }
        yield event;
      }
    },
  };
}

// The day in Seoul: a headline at 00:30 KST is that day's news, not the previous UTC day's.
const dateOf = (iso: string, locale: Locale) =>
  formatDay(new Date(Date.parse(iso) + 9 * 3_600_000).toISOString(), locale);

/** The "관련 뉴스" block as plain text (title, source, date, link), the same on every chat surface. */
export function relatedNewsText(items: readonly RelatedNewsItem[], locale: Locale): string {
  if (items.length === 0) return '';
  const head = t(locale, 'news.related');
  return `\n\n📰 ${head}\n${items.map((i, n) => `${n + 1}. ${i.title} (${i.source}, ${dateOf(i.publishedAt, locale)})\n${i.url}`).join('\n')}`;
}
