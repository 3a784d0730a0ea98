import { OutboundRefusedError, type OutboundUrlGuard } from '../net/outbound-url-guard.js';
import { boundedGet } from './bounded-fetch.js';
import type { HostPacer } from './host-pacer.js';
import type { FeedConfig, FeedEntry, FeedState } from './news-types.js';
import { parseFeed } from './parse-feed.js';

export interface FeedLimits {
  maxFeedBytes: number;
  feedTimeoutMs: number;
}

export type FeedOutcome =
  | { status: 'ok'; entries: FeedEntry[]; skipped: number; bytes: number; etag?: string; lastModified?: string }
  | { status: 'not-modified' }
  | { status: 'error'; error: string };

/** Why a feed failed, in one line fit for `status` (never a stack, never a header). */
export function describeFeedError(err: unknown, limits: FeedLimits): string {
  if (err instanceof OutboundRefusedError) return `refused by the outbound guard (${err.refusal.code})`;
  const e = err as { name?: string; message?: string; cause?: { code?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError' || /timed out/u.test(e?.message ?? ''))
    return `timed out after ${limits.feedTimeoutMs} ms`;
  if (e?.cause?.code) return `network error (${e.cause.code})`;
  return (e?.message ?? String(err)).slice(0, 200);
}

/**
 * Fetches and parses one feed; never throws: a hostile, huge, slow or broken feed becomes an `error` outcome and
 * the other feeds go on. Paced per host; conditional on the last ETag / Last-Modified.
 */
export async function readFeed(
  deps: { guard: OutboundUrlGuard; pacer: HostPacer; limits: FeedLimits; now: () => Date },
  feed: FeedConfig,
  state: FeedState | undefined,
): Promise<FeedOutcome> {
  try {
    const res = await deps.pacer.schedule(feed.url, () =>
      boundedGet(deps.guard, feed.url, {
        maxBytes: deps.limits.maxFeedBytes,
        timeoutMs: deps.limits.feedTimeoutMs,
        ...(state?.etag ? { etag: state.etag } : {}),
        ...(state?.lastModified ? { lastModified: state.lastModified } : {}),
      }),
    );
    if (res.kind === 'not-modified') return { status: 'not-modified' };
    if (res.kind === 'http-error') return { status: 'error', error: `HTTP ${res.status}` };
    if (res.kind === 'too-large')
      return {
        status: 'error',
        error: `too large: stopped reading past ${deps.limits.maxFeedBytes} bytes (NEWS_MAX_FEED_BYTES)`,
      };
    const parsed = parseFeed(res.text, deps.now(), feed.url);
    return {
      status: 'ok',
      entries: parsed.entries,
      skipped: parsed.skipped,
      bytes: res.bytes,
      ...(res.etag ? { etag: res.etag } : {}),
      ...(res.lastModified ? { lastModified: res.lastModified } : {}),
    };
  } catch (err) {
    return { status: 'error', error: describeFeedError(err, deps.limits) };
  }
}
