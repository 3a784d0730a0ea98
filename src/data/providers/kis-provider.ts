import { createHash } from 'node:crypto';
import Bottleneck from 'bottleneck';
import { RiskXpertError, isRiskXpertError } from '../../errors.js';
import { parseDate } from '../read-csv-series.js';
import type { Point } from '../series.js';
import { providerError, type FetchLike, type HttpPolicy } from './http.js';
import type { KisTokenStore } from './kis-token-store.js';
import { issueKisToken, kisChartPage, type KisCall } from './kis-calls.js';
import type { Pacer } from './redis-pacer.js';
import { checkRequest, validatePoints, type SeriesProvider } from './provider.js';

/** Korea Investment & Securities Open API hosts (real trading and the paper-trading "VTS"). */
export const KIS_BASE_URLS = {
  real: 'https://openapi.koreainvestment.com:9443',
  paper: 'https://openapivts.koreainvestment.com:29443',
} as const;

/** KIS answers at most this many rows per chart call. */
export const KIS_PAGE_ROWS = 100;

export interface KisProviderOptions {
  baseUrl: string;
  appKey: string;
  appSecret: string;
  /** Shared by every worker (Redis in production) because KIS issues one token per minute per app key. */
  tokenStore: KisTokenStore;
  fetch?: FetchLike;
  /** Request pacing; default paces this process at requestsPerSecond. Pass a Redis pacer to share it between workers. */
  limiter?: Pacer;
  /** Default 15/s for the real host (KIS allows about 20), 2/s for paper trading. */
  requestsPerSecond?: number;
  timeoutMs?: number;
  /** Retries per call for EGW00201 (too many requests per second), 5xx and timeouts. */
  retries?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** Without request.from: how far back to page. Default about 10 years. */
  defaultLookbackDays?: number;
  /** Guard against a server that never stops paging. */
  maxPages?: number;
  /** Re-issue the token this long before KIS says it expires. */
  tokenMarginMs?: number;
  now?: () => number;
}

const isPaper = (baseUrl: string) => /openapivts|:29443/u.test(baseUrl);

/**
 * KIS daily charts as a provider. Symbols: a 4-digit sector code is an index (0001 KOSPI, 1001 KOSDAQ, 2001 KOSPI
 * 200) read from inquire-daily-indexchartprice; a 6-character code is a stock (005930) read from
 * inquire-daily-itemchartprice with adjusted prices. KIS returns at most 100 rows, newest first, so the provider
 * pages backwards by moving FID_INPUT_DATE_2 to the day before the oldest row it has.
 */
/** Default pacing: KIS allows about 20 calls a second on the real host and 2 on paper trading. */
export function kisRequestsPerSecond(baseUrl: string): number {
  return isPaper(baseUrl) ? 2 : 15;
}

/** Appends one page's rows inside [from, to] to `points`; returns the oldest date seen in range (the next page ends before it). */
function takeRows(
  policy: HttpPolicy,
  code: string,
  rows: Record<string, string>[],
  range: { value: string; from: string; to: string },
  points: Point[],
): string | undefined {
  const { value, from, to } = range;
  let oldest: string | undefined;
  for (const r of rows) {
    const date = parseDate(r['stck_bsop_date']!);
    const raw = (r[value] ?? '').trim();
    if (!date)
      throw providerError(policy, 'PROVIDER_FAILED', `${code}: bad date ${JSON.stringify(r['stck_bsop_date'])}.`, {
        retryable: false,
      });
    if (date > to || date < from) continue;
    if (oldest === undefined || date < oldest) oldest = date;
    if (raw !== '') points.push({ date, value: Number(raw) });
  }
  return oldest;
}

/** A 4-digit sector code is an index, a 6-character code a stock; anything else is refused before any call. */
function kisSymbol(symbol: string): { code: string; kind: 'index' | 'stock' } {
  const code = symbol.trim().toUpperCase();
  const kind = /^\d{4}$/u.test(code) ? 'index' : /^[0-9A-Z]{6}$/u.test(code) ? 'stock' : undefined;
  if (!kind)
    throw new RiskXpertError(
      'BAD_REQUEST',
      `KIS: ${JSON.stringify(symbol)} is neither a 4-digit index code nor a 6-character stock code.`,
    );
  return { code, kind };
}

/** The days to page through: the request's, never past today in Korea, and `lookbackDays` back without a start. */
function kisRange(
  request: { from?: string | undefined; to?: string | undefined },
  nowMs: number,
  lookbackDays: number,
) {
  const kstToday = new Date(nowMs + 9 * 3_600_000).toISOString().slice(0, 10);
  const from = request.from ?? new Date(nowMs + 9 * 3_600_000 - lookbackDays * 86_400_000).toISOString().slice(0, 10);
  return { from, to: request.to && request.to < kstToday ? request.to : kstToday };
}

export function createKisProvider(options: KisProviderOptions): SeriesProvider {
  const now = options.now ?? Date.now;
  const baseUrl = options.baseUrl.replace(/\/+$/u, '');
  const policy: HttpPolicy = {
    label: 'KIS',
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    timeoutMs: options.timeoutMs ?? 15_000,
    retries: options.retries ?? 6,
    minBackoffMs: options.minBackoffMs ?? 250,
    maxBackoffMs: options.maxBackoffMs ?? 5_000,
    secrets: [options.appKey, options.appSecret],
  };
  const rps = options.requestsPerSecond ?? kisRequestsPerSecond(baseUrl);
  const limiter: Pacer = options.limiter ?? new Bottleneck({ maxConcurrent: 1, minTime: Math.ceil(1000 / rps) });
  // The store key names the app key by hash: Redis key names show up in monitoring.
  const tokenKey = `${isPaper(baseUrl) ? 'paper' : 'real'}:${createHash('sha256').update(options.appKey).digest('hex').slice(0, 16)}`;
  const maxPages = options.maxPages ?? 1_000;
  const lookbackDays = options.defaultLookbackDays ?? 3_660;
  const margin = options.tokenMarginMs ?? 5 * 60_000;
  const kis: KisCall = { policy, limiter, baseUrl, appKey: options.appKey, appSecret: options.appSecret, now };

  const token = (signal?: AbortSignal) =>
    options.tokenStore.getOrIssue(tokenKey, () => issueKisToken(kis, signal), {
      marginMs: margin,
      ...(signal ? { signal } : {}),
    });

  /** One chart call with a fresh token if KIS says ours expired, at most once per fetch. */
  function pager(signal?: AbortSignal) {
    let refreshed = false;
    return async function page(kind: 'index' | 'stock', code: string, from: string, to: string) {
      for (;;) {
        const t = await token(signal);
        try {
          return await kisChartPage(kis, kind, code, from, to, t.accessToken, signal);
        } catch (err) {
          if (!isRiskXpertError(err) || err.details?.['tokenExpired'] !== true) throw err;
          if (refreshed)
            throw providerError(policy, 'UNAUTHORIZED', `${code}: EGW00123 again right after a token refresh.`, {
              retryable: true,
            });
          refreshed = true;
          await options.tokenStore.invalidate(tokenKey, t.accessToken);
        }
      }
    };
  }

  return {
    id: 'kis',
    async fetch(request, fetchOptions = {}) {
      checkRequest(request, 'KIS');
      const { code, kind } = kisSymbol(request.symbol);
      const range = kisRange(request, now(), lookbackDays);
      const from = range.from;
      let to = range.to;
      const value = kind === 'index' ? 'bstp_nmix_prpr' : 'stck_clpr';
      const page = pager(fetchOptions.signal);
      const points: Point[] = [];
      try {
        for (let n = 0; ; n += 1) {
          if (n >= maxPages)
            throw providerError(policy, 'PROVIDER_FAILED', `${code}: still paging after ${maxPages} pages.`, {
              retryable: false,
            });
          const rows = (await page(kind, code, from, to)).filter((r) => r['stck_bsop_date']);
          if (rows.length === 0) break;
          const oldest = takeRows(policy, code, rows, { value, from, to }, points);
          // Nothing in range (a confused server) or reached the start: done. Otherwise `to` moves strictly back.
          if (oldest === undefined || oldest <= from) break;
          to = new Date(Date.parse(`${oldest}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
        }
      } catch (err) {
        if (isRiskXpertError(err)) throw err;
        throw providerError(policy, 'PROVIDER_FAILED', (err as Error).message, { retryable: true });
      }
      return validatePoints(points, { label: `KIS ${code}`, from: request.from, to: request.to });
    },
  };
}
