import pRetry from 'p-retry';
import { RiskXpertError, isRiskXpertError, type ErrorCode } from '../../errors.js';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** How one provider talks HTTP: the injected fetch, a per-request timeout, a retry budget, the secrets to hide. */
export interface HttpPolicy {
  label: string;
  fetch: FetchLike;
  /** Per attempt, body included: a server that sends headers and then stalls still times out. */
  timeoutMs: number;
  /** Retries after the first attempt, for retryable failures only (429, 5xx, timeouts, network errors). */
  retries: number;
  minBackoffMs: number;
  maxBackoffMs: number;
  /** Strings that must never appear in an error message (API keys travel in ECOS and FRED URLs). */
  secrets: readonly string[];
}

export interface HttpReply {
  status: number;
  headers: Headers;
  text: string;
}

export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('***');
  return out;
}

export function providerError(
  policy: Pick<HttpPolicy, 'label' | 'secrets'>,
  code: ErrorCode,
  message: string,
  options: { retryable?: boolean; details?: Record<string, unknown> } = {},
): RiskXpertError {
  return new RiskXpertError(code, redact(`${policy.label}: ${message}`, policy.secrets), {
    ...(options.retryable === undefined ? {} : { retryable: options.retryable }),
    ...(options.details ? { details: options.details } : {}),
  });
}

function retryAfterMs(headers: Headers): number | undefined {
  const raw = headers.get('retry-after');
  if (!raw) return undefined;
  const secs = Number(raw);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/**
 * One HTTP exchange with the whole body read under the per-request timeout. Never throws anything but a
 * RiskXpertError whose message carries no secret; the raw cause is dropped because undici errors may quote URLs.
 */
export async function exchange(
  policy: HttpPolicy,
  url: string,
  init: RequestInit,
  signal?: AbortSignal,
): Promise<HttpReply> {
  const timeout = AbortSignal.timeout(policy.timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  try {
    const res = await policy.fetch(url, { ...init, signal: combined });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text };
  } catch (err) {
    if (signal?.aborted) throw new RiskXpertError('ABORTED', `${policy.label}: the request was cancelled.`);
    if (timeout.aborted) {
      throw providerError(policy, 'PROVIDER_FAILED', `no complete answer within ${policy.timeoutMs} ms.`, {
        retryable: true,
        details: { reason: 'timeout' },
      });
    }
    const e = err as Error & { cause?: { message?: string; code?: string } };
    const why = [e.message, e.cause?.code ?? e.cause?.message].filter(Boolean).join(': ');
    throw providerError(policy, 'PROVIDER_FAILED', `network error (${why}).`, {
      retryable: true,
      details: { reason: 'network' },
    });
  }
}

/** Maps a non-2xx status onto our codes: 429 and 5xx are worth retrying, other 4xx are not. */
export function statusError(policy: Pick<HttpPolicy, 'label' | 'secrets'>, reply: HttpReply): RiskXpertError {
  const snippet = reply.text.slice(0, 200).replace(/\s+/gu, ' ').trim();
  const wait = retryAfterMs(reply.headers);
  const details = { status: reply.status, ...(wait === undefined ? {} : { retryAfterMs: wait }) };
  if (reply.status === 429)
    return providerError(policy, 'RATE_LIMITED', `HTTP 429 (too many requests). ${snippet}`, {
      retryable: true,
      details,
    });
  if (reply.status >= 500 || reply.status === 408) {
    return providerError(policy, 'PROVIDER_FAILED', `HTTP ${reply.status}. ${snippet}`, { retryable: true, details });
  }
  if (reply.status === 401 || reply.status === 403) {
    return providerError(policy, 'UNAUTHORIZED', `HTTP ${reply.status} (check the API key). ${snippet}`, {
      retryable: false,
      details,
    });
  }
  return providerError(policy, 'PROVIDER_FAILED', `HTTP ${reply.status}. ${snippet}`, { retryable: false, details });
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });

/**
 * Runs `attempt` under p-retry: only RiskXpertErrors marked retryable are tried again, with exponential backoff
 * (jittered), a server's Retry-After honoured up to maxBackoffMs, and the caller's signal stopping everything.
 */
export async function withRetries<T>(
  policy: Pick<HttpPolicy, 'label' | 'secrets' | 'retries' | 'minBackoffMs' | 'maxBackoffMs'>,
  attempt: (attemptNumber: number) => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  try {
    return await pRetry(attempt, {
      retries: policy.retries,
      minTimeout: policy.minBackoffMs,
      maxTimeout: policy.maxBackoffMs,
      factor: 2,
      randomize: true,
      ...(signal ? { signal } : {}),
      // details.retryHere === false: worth retrying later (the queue does), not within this call.
      shouldRetry: ({ error }) =>
        isRiskXpertError(error) && error.retryable && error.details?.['retryHere'] !== false && !signal?.aborted,
      onFailedAttempt: async ({ error, retriesLeft }) => {
        const wait = isRiskXpertError(error) ? error.details?.['retryAfterMs'] : undefined;
        if (retriesLeft > 0 && typeof wait === 'number' && wait > 0)
          await sleep(Math.min(wait, policy.maxBackoffMs), signal);
      },
    });
  } catch (err) {
    if (signal?.aborted) throw new RiskXpertError('ABORTED', `${policy.label}: the request was cancelled.`);
    if (isRiskXpertError(err)) {
      const clean = redact(err.message, policy.secrets);
      return Promise.reject(
        clean === err.message
          ? err
          : new RiskXpertError(err.code, clean, {
              retryable: err.retryable,
              ...(err.details ? { details: err.details } : {}),
            }),
      );
    }
    throw providerError(policy, 'PROVIDER_FAILED', redact((err as Error).message ?? String(err), policy.secrets));
  }
}
