import { createHash } from 'node:crypto';
import Bottleneck from 'bottleneck';
import { RiskXpertError, isRiskXpertError } from '../../errors.js';
import { parseDate } from '../read-csv-series.js';
import type { Point } from '../series.js';
import {
  exchange,
  providerError,
  statusError,
  withRetries,
  type FetchLike,
  type HttpPolicy,
  type HttpReply,
} from './http.js';
import type { KisToken, KisTokenStore } from './kis-token-store.js';
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

interface KisBody {
  rt_cd?: string;
  msg_cd?: string;
  msg1?: string;
  output2?: Record<string, string>[];
}

interface TokenBody {
  access_token?: string;
  expires_in?: number | string;
  access_token_token_expired?: string;
  error_code?: string;
  error_description?: string;
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

  async function issueToken(signal?: AbortSignal): Promise<KisToken> {
    return withRetries(
      policy,
      async () => {
        const reply = await limiter.schedule(() =>
          exchange(
            policy,
            `${baseUrl}/oauth2/tokenP`,
            {
              method: 'POST',
              headers: { 'content-type': 'application/json; charset=utf-8' },
              body: JSON.stringify({
                grant_type: 'client_credentials',
                appkey: options.appKey,
                appsecret: options.appSecret,
              }),
            },
            signal,
          ),
        );
        const body = parseJson<TokenBody>(reply);
        if (body?.error_code === 'EGW00133') {
          // One token per minute: retrying within this fetch only burns attempts; the queue retries later.
          throw providerError(
            policy,
            'RATE_LIMITED',
            `token refused: ${body.error_code} ${body.error_description ?? ''}`,
            { retryable: true, details: { retryHere: false } },
          );
        }
        if (reply.status < 200 || reply.status >= 300 || !body?.access_token) {
          if (body?.error_code) {
            throw providerError(
              policy,
              reply.status >= 500 ? 'PROVIDER_FAILED' : 'UNAUTHORIZED',
              `token refused: ${body.error_code} ${body.error_description ?? ''}`,
              { retryable: reply.status >= 500 },
            );
          }
          throw reply.status >= 200 && reply.status < 300
            ? providerError(policy, 'PROVIDER_FAILED', 'token response without access_token.', { retryable: true })
            : statusError(policy, reply);
        }
        const seconds = Number(body.expires_in);
        const byTtl = Number.isFinite(seconds) && seconds > 0 ? now() + seconds * 1000 : Number.POSITIVE_INFINITY;
        // access_token_token_expired is Korean local time ("2026-01-02 09:00:00").
        const stamp = body.access_token_token_expired
          ? Date.parse(`${body.access_token_token_expired.replace(' ', 'T')}+09:00`)
          : Number.NaN;
        const expiresAt = Math.min(byTtl, Number.isNaN(stamp) ? Number.POSITIVE_INFINITY : stamp);
        if (!Number.isFinite(expiresAt))
          throw providerError(policy, 'PROVIDER_FAILED', 'token response without an expiry.', { retryable: false });
        return { accessToken: body.access_token, expiresAt };
      },
      signal,
    );
  }

  const token = (signal?: AbortSignal) =>
    options.tokenStore.getOrIssue(tokenKey, () => issueToken(signal), {
      marginMs: margin,
      ...(signal ? { signal } : {}),
    });

  function parseJson<T>(reply: HttpReply): T | undefined {
    try {
      return JSON.parse(reply.text) as T;
    } catch {
      return undefined;
    }
  }

  async function chartPage(
    kind: 'index' | 'stock',
    code: string,
    from: string,
    to: string,
    accessToken: string,
    signal?: AbortSignal,
  ) {
    const path = kind === 'index' ? 'inquire-daily-indexchartprice' : 'inquire-daily-itemchartprice';
    const url = new URL(`${baseUrl}/uapi/domestic-stock/v1/quotations/${path}`);
    url.searchParams.set('FID_COND_MRKT_DIV_CODE', kind === 'index' ? 'U' : 'J');
    url.searchParams.set('FID_INPUT_ISCD', code);
    url.searchParams.set('FID_INPUT_DATE_1', from.replace(/-/gu, ''));
    url.searchParams.set('FID_INPUT_DATE_2', to.replace(/-/gu, ''));
    url.searchParams.set('FID_PERIOD_DIV_CODE', 'D');
    if (kind === 'stock') url.searchParams.set('FID_ORG_ADJ_PRC', '0');
    const headers = {
      'content-type': 'application/json; charset=utf-8',
      authorization: `Bearer ${accessToken}`,
      appkey: options.appKey,
      appsecret: options.appSecret,
      tr_id: kind === 'index' ? 'FHKUP03500100' : 'FHKST03010100',
      custtype: 'P',
    };
    return withRetries(
      policy,
      async () => {
        const reply = await limiter.schedule(() => exchange(policy, url.toString(), { headers }, signal));
        const body = parseJson<KisBody>(reply);
        if (body?.msg_cd === 'EGW00201') {
          throw providerError(
            policy,
            'RATE_LIMITED',
            `${code}: EGW00201 ${body.msg1 ?? 'too many requests per second'}`,
            { retryable: true },
          );
        }
        if (body?.msg_cd === 'EGW00123') {
          // Handled outside the retry loop: refresh the token once, then try again.
          throw providerError(policy, 'UNAUTHORIZED', `${code}: EGW00123 ${body.msg1 ?? 'expired token'}`, {
            retryable: true,
            details: { retryHere: false, tokenExpired: true },
          });
        }
        if (reply.status < 200 || reply.status >= 300) {
          if (body?.msg_cd && reply.status < 500)
            throw providerError(policy, 'PROVIDER_FAILED', `${code}: ${body.msg_cd} ${body.msg1 ?? ''}`, {
              retryable: false,
            });
          throw statusError(policy, reply);
        }
        if (!body)
          throw providerError(policy, 'PROVIDER_FAILED', `${code}: response is not JSON.`, { retryable: true });
        if (body.rt_cd !== '0') {
          throw providerError(policy, 'PROVIDER_FAILED', `${code}: ${body.msg_cd ?? '?'} ${body.msg1 ?? ''}`.trim(), {
            retryable: false,
            details: { msgCd: body.msg_cd },
          });
        }
        return Array.isArray(body.output2) ? body.output2 : [];
      },
      signal,
    );
  }

  /** One chart call with a fresh token if KIS says ours expired, at most once per fetch. */
  function pager(signal?: AbortSignal) {
    let refreshed = false;
    return async function page(kind: 'index' | 'stock', code: string, from: string, to: string) {
      for (;;) {
        const t = await token(signal);
        try {
          return await chartPage(kind, code, from, to, t.accessToken, signal);
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
      const code = request.symbol.trim().toUpperCase();
      const kind = /^\d{4}$/u.test(code) ? 'index' : /^[0-9A-Z]{6}$/u.test(code) ? 'stock' : undefined;
      if (!kind)
        throw new RiskXpertError(
          'BAD_REQUEST',
          `KIS: ${JSON.stringify(request.symbol)} is neither a 4-digit index code nor a 6-character stock code.`,
        );
      const kstToday = new Date(now() + 9 * 3_600_000).toISOString().slice(0, 10);
      const from =
        request.from ?? new Date(now() + 9 * 3_600_000 - lookbackDays * 86_400_000).toISOString().slice(0, 10);
      let to = request.to && request.to < kstToday ? request.to : kstToday;
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
          let oldest: string | undefined;
          for (const r of rows) {
            const date = parseDate(r['stck_bsop_date']!);
            const raw = (r[value] ?? '').trim();
            if (!date)
              throw providerError(
                policy,
                'PROVIDER_FAILED',
                `${code}: bad date ${JSON.stringify(r['stck_bsop_date'])}.`,
                { retryable: false },
              );
            if (date > to || date < from) continue;
            if (oldest === undefined || date < oldest) oldest = date;
            if (raw !== '') points.push({ date, value: Number(raw) });
          }
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
