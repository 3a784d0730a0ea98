import { RiskXpertError } from '../errors.js';
import type { Locale } from '../locale.js';
import type { CompleteText } from './news-digest.js';
import { queryNews, type NewsAnswer } from './news-query.js';
import type { NewsStore } from './news-store.js';
import { t } from '../messages/t.js';

export interface NewsReplyDeps {
  store: NewsStore;
  complete?: CompleteText;
  now?: () => Date;
}

const QUERY_MAX = 60;

/** The chat reply to `/news 코스피` or "코스피 뉴스": the digest, then the items with outlet, date and link. */
export function formatNewsReply(answer: NewsAnswer, locale: Locale, max = 5): string {
  if (answer.items.length === 0) return t(locale, 'news.noneStored');
  const lines = answer.items
    .slice(0, max)
    .map(
      (i, n) =>
        `${n + 1}. ${i.title}\n   ${i.sources.map((s) => s.name).join(', ')} · ${i.publishedAt.slice(0, 10)} · ${i.url}`,
    );
  return `📰 ${answer.summary.text}\n\n${lines.join('\n')}`;
}

/** What every chat surface runs for a news request; bad input gets a message in the user's language. */
export async function newsReply(deps: NewsReplyDeps, args: { query: string; locale: Locale }): Promise<string> {
  const query = args.query.trim();
  if (!query) return t(args.locale, 'news.askWhat');
  if (query.length > QUERY_MAX) return t(args.locale, 'news.queryTooLong', { max: QUERY_MAX });
  try {
    const answer = await queryNews({
      store: deps.store,
      query,
      locale: args.locale,
      now: (deps.now ?? (() => new Date()))(),
      limit: 5,
      ...(deps.complete ? { complete: deps.complete } : {}),
    });
    return formatNewsReply(answer, args.locale);
  } catch (err) {
    if (err instanceof RiskXpertError && err.code === 'STORE_UNAVAILABLE') return t(args.locale, 'news.storeDown');
    throw err;
  }
}

/** "코스피 뉴스", "환율 news", "뉴스 코스피": the query of a news utterance, or undefined for anything else. */
export function newsUtterance(text: string): string | undefined {
  const m = /^\s*(?:(.{1,60}?)\s*(?:뉴스|news)|(?:뉴스|news)\s+(.{1,60}?))\s*[?？!.]?\s*$/iu.exec(text);
  const q = (m?.[1] ?? m?.[2])?.trim();
  return q ? q : undefined;
}
