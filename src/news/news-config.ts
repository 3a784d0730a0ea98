import { z } from 'zod';
import { RiskXpertError } from '../errors.js';
import type { FeedConfig } from './news-types.js';

export interface NewsConfig {
  feeds: FeedConfig[];
  intervalMinutes: number;
  maxFeedBytes: number;
  feedTimeoutMs: number;
  hostGapMs: number;
  retentionDays: number;
  naver?: { clientId: string; clientSecret: string; queries: string[] };
  /** Burst threshold: the hourly count's z-score against the indicator's own past hours. */
  burstZ: number;
  burstMinCount: number;
}

const int = (min: number, max: number, dflt: number) => z.coerce.number().int().min(min).max(max).default(dflt);

const envSchema = z.object({
  NEWS_FEEDS: z.string().default(''),
  NEWS_WATCHED_SOURCES: z.string().default(''),
  NEWS_FETCH_INTERVAL_MIN: int(1, 1_440, 15),
  NEWS_MAX_FEED_BYTES: int(10_000, 50_000_000, 2_000_000),
  NEWS_FEED_TIMEOUT_MS: int(500, 120_000, 15_000),
  NEWS_HOST_GAP_MS: int(0, 60_000, 1_000),
  NEWS_RETENTION_DAYS: int(1, 365, 30),
  NEWS_BURST_Z: z.coerce.number().min(1).max(20).default(3),
  NEWS_BURST_MIN_COUNT: int(2, 10_000, 10),
  NAVER_CLIENT_ID: z.string().optional(),
  NAVER_CLIENT_SECRET: z.string().optional(),
  NAVER_NEWS_QUERIES: z.string().default('코스피,환율,기준금리,국고채,유가'),
});

const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/**
 * NEWS_FEEDS is a comma-separated list of feed URLs, each optionally named ("연합뉴스 경제=https://...").
 * Feeds come only from here: no request, command or chat message can point the fetcher anywhere else.
 */
export function loadNewsConfig(env: Record<string, string | undefined>): NewsConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success)
    throw new RiskXpertError(
      'CONFIG_INVALID',
      `News settings: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  const e = parsed.data;
  const watched = new Set(list(e.NEWS_WATCHED_SOURCES).map((s) => s.toLowerCase()));
  const feeds: FeedConfig[] = [];
  for (const entry of list(e.NEWS_FEEDS)) {
    const eq = entry.indexOf('=');
    const named = eq > 0 && !/^https?:/iu.test(entry);
    const url = (named ? entry.slice(eq + 1) : entry).trim();
    let parsedUrl: URL;
    try {
      parsedUrl = new URL(url);
    } catch {
      throw new RiskXpertError('CONFIG_INVALID', `NEWS_FEEDS: "${url}" is not a URL.`);
    }
    if (parsedUrl.protocol !== 'https:' && parsedUrl.protocol !== 'http:')
      throw new RiskXpertError('CONFIG_INVALID', `NEWS_FEEDS: "${url}" is not http(s).`);
    const name = named ? entry.slice(0, eq).trim() : parsedUrl.hostname.replace(/^www\./u, '');
    feeds.push({
      url: parsedUrl.toString(),
      name,
      watched: watched.has(name.toLowerCase()) || watched.has(parsedUrl.hostname.toLowerCase()),
    });
  }
  const naver =
    e.NAVER_CLIENT_ID && e.NAVER_CLIENT_SECRET
      ? { clientId: e.NAVER_CLIENT_ID, clientSecret: e.NAVER_CLIENT_SECRET, queries: list(e.NAVER_NEWS_QUERIES) }
      : undefined;
  return {
    feeds,
    intervalMinutes: e.NEWS_FETCH_INTERVAL_MIN,
    maxFeedBytes: e.NEWS_MAX_FEED_BYTES,
    feedTimeoutMs: e.NEWS_FEED_TIMEOUT_MS,
    hostGapMs: e.NEWS_HOST_GAP_MS,
    retentionDays: e.NEWS_RETENTION_DAYS,
    burstZ: e.NEWS_BURST_Z,
    burstMinCount: e.NEWS_BURST_MIN_COUNT,
    ...(naver ? { naver } : {}),
  };
}

/** The guard's allow-list: exactly the configured feed hosts (and Naver's API host when it is on). */
export function newsAllowedHosts(config: NewsConfig): string[] {
  const hosts = new Set(config.feeds.map((f) => new URL(f.url).hostname));
  if (config.naver) hosts.add('openapi.naver.com');
  return [...hosts];
}
