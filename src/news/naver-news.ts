import { z } from 'zod';
import type { OutboundUrlGuard } from '../net/outbound-url-guard.js';
import { boundedGet } from './bounded-fetch.js';
import { parseFeedDate } from './feed-date.js';
import type { FeedEntry } from './news-types.js';
import { DESCRIPTION_MAX, TITLE_MAX } from './parse-feed.js';
import { plainText } from './text-clean.js';
import { normaliseUrl } from './url-normalise.js';

export const NAVER_API_BASE = 'https://openapi.naver.com';

/** The Naver search API's news answer (GET /v1/search/news.json): titles carry <b> around the query and entities. */
const naverSchema = z.object({
  items: z
    .array(
      z.object({
        title: z.string(),
        originallink: z.string().optional().default(''),
        link: z.string(),
        description: z.string().optional().default(''),
        pubDate: z.string().optional(),
      }),
    )
    .default([]),
});

/**
 * One search of Naver News (newest first, up to 100 items). The item's own outlet link (originallink) is kept when
 * there is one, so a Naver copy and the outlet's RSS copy of one story meet on the canonical URL.
 */
export async function searchNaverNews(
  deps: { guard: OutboundUrlGuard; now: () => Date; base?: string; maxBytes: number; timeoutMs: number },
  credentials: { clientId: string; clientSecret: string },
  query: string,
): Promise<FeedEntry[]> {
  const url = new URL('/v1/search/news.json', deps.base ?? NAVER_API_BASE);
  url.searchParams.set('query', query);
  url.searchParams.set('display', '100');
  url.searchParams.set('sort', 'date');
  const res = await boundedGet(deps.guard, url.toString(), {
    maxBytes: deps.maxBytes,
    timeoutMs: deps.timeoutMs,
    headers: {
      accept: 'application/json',
      'X-Naver-Client-Id': credentials.clientId,
      'X-Naver-Client-Secret': credentials.clientSecret,
    },
  });
  if (res.kind === 'http-error') throw new Error(`Naver search API answered HTTP ${res.status}`);
  if (res.kind !== 'ok') throw new Error(res.kind === 'too-large' ? 'Naver answer too large' : 'Naver answered 304');
  const parsed = naverSchema.safeParse(JSON.parse(res.text));
  if (!parsed.success) throw new Error('Naver search API: unexpected answer shape');
  const entries: FeedEntry[] = [];
  for (const it of parsed.data.items) {
    const title = plainText(it.title, TITLE_MAX);
    const link = normaliseUrl(it.originallink) ?? normaliseUrl(it.link);
    if (!title || !link) continue;
    const publishedAt = parseFeedDate(it.pubDate, deps.now());
    entries.push({
      title,
      url: link,
      description: plainText(it.description, DESCRIPTION_MAX),
      ...(publishedAt ? { publishedAt } : {}),
    });
  }
  return entries;
}

/** The outlet a Naver item came from, by its own link's host ("www.yna.co.kr" -> "yna.co.kr"). */
export const naverSourceName = (url: string) => new URL(url).hostname.replace(/^(www|m)\./u, '');
