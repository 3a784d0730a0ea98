import { exchange, providerError, statusError, withRetries, type HttpPolicy, type HttpReply } from './http.js';
import type { KisToken } from './kis-token-store.js';
import type { Pacer } from './redis-pacer.js';

/** What every KIS call needs: the HTTP policy, the pacer shared by all calls, the host and the app's credentials. */
export interface KisCall {
  policy: HttpPolicy;
  limiter: Pacer;
  baseUrl: string;
  appKey: string;
  appSecret: string;
  now: () => number;
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

function parseJson<T>(reply: HttpReply): T | undefined {
  try {
    return JSON.parse(reply.text) as T;
  } catch {
    return undefined;
  }
}

/** Issues an access token (one per minute per app key: EGW00133 is left to the queue's retry, not retried here). */
export async function issueKisToken(kis: KisCall, signal?: AbortSignal): Promise<KisToken> {
  const { policy, limiter, baseUrl, now } = kis;
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
              appkey: kis.appKey,
              appsecret: kis.appSecret,
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

/** One page (at most 100 rows, newest first) of an index's or a stock's daily chart. */
export async function kisChartPage(
  kis: KisCall,
  kind: 'index' | 'stock',
  code: string,
  from: string,
  to: string,
  accessToken: string,
  signal?: AbortSignal,
) {
  const { policy, limiter, baseUrl } = kis;
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
    appkey: kis.appKey,
    appsecret: kis.appSecret,
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
      if (!body) throw providerError(policy, 'PROVIDER_FAILED', `${code}: response is not JSON.`, { retryable: true });
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
