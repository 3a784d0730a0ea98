import { RiskXpertError } from '../../errors.js';
import { readCsvSeries } from '../read-csv-series.js';
import type { Point } from '../series.js';
import { exchange, providerError, statusError, withRetries, type FetchLike, type HttpPolicy } from './http.js';
import { checkRequest, validatePoints, type SeriesProvider } from './provider.js';

export interface FredProviderOptions {
  /** Keyless CSV host. Default https://fred.stlouisfed.org (serves /graph/fredgraph.csv). */
  baseUrl?: string;
  /** JSON API host, used when apiKey is set. Default https://api.stlouisfed.org (serves /fred/series/observations). */
  apiBaseUrl?: string;
  apiKey?: string;
  fetch?: FetchLike;
  timeoutMs?: number;
  retries?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** Observations per JSON page; FRED allows 1..100000. */
  pageSize?: number;
}

interface FredObservationsPage {
  count?: number;
  offset?: number;
  limit?: number;
  observations?: { date?: string; value?: string }[];
  error_code?: number;
  error_message?: string;
}

const SYMBOL = /^[A-Za-z0-9_.-]{1,64}$/u;

/**
 * FRED (St. Louis Fed). Without a key: the keyless fredgraph.csv download, checked for completeness (FRED's files
 * end in a newline and start with `observation_date,ID`, or `DATE,ID` in older exports) so a cut-off or HTML page
 * is PROVIDER_FAILED, never a shorter series. With a key: series/observations JSON, paged with offset/limit.
 * "." and blanks are FRED's missing values and are skipped.
 */
export function createFredProvider(options: FredProviderOptions = {}): SeriesProvider {
  const policy: HttpPolicy = {
    label: 'FRED',
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    timeoutMs: options.timeoutMs ?? 20_000,
    retries: options.retries ?? 3,
    minBackoffMs: options.minBackoffMs ?? 500,
    maxBackoffMs: options.maxBackoffMs ?? 10_000,
    secrets: options.apiKey ? [options.apiKey, encodeURIComponent(options.apiKey)] : [],
  };
  const f: Fred = {
    policy,
    baseUrl: (options.baseUrl ?? 'https://fred.stlouisfed.org').replace(/\/+$/u, ''),
    apiBaseUrl: (options.apiBaseUrl ?? 'https://api.stlouisfed.org').replace(/\/+$/u, ''),
    pageSize: Math.min(100_000, Math.max(1, options.pageSize ?? 100_000)),
  };
  return {
    id: 'fred',
    async fetch(request, fetchOptions = {}) {
      checkRequest(request, 'FRED');
      if (!SYMBOL.test(request.symbol))
        throw new RiskXpertError('BAD_REQUEST', `FRED: invalid series id ${JSON.stringify(request.symbol)}.`);
      const raw = options.apiKey
        ? await fetchApi(
            { ...f, apiKey: options.apiKey },
            request.symbol,
            request.from,
            request.to,
            fetchOptions.signal,
          )
        : await fetchCsv(f, request.symbol, request.from, request.to, fetchOptions.signal);
      return validatePoints(raw, { label: `FRED ${request.symbol}`, from: request.from, to: request.to });
    },
  };
}

interface Fred {
  policy: HttpPolicy;
  baseUrl: string;
  apiBaseUrl: string;
  pageSize: number;
}

/** The JSON API needs the key; the keyless CSV path never sees one. */
type FredApi = Fred & { apiKey: string };

function parseCsv(policy: HttpPolicy, symbol: string, text: string, contentType: string | null): Point[] {
  const head = text.slice(0, 200).trimStart().toLowerCase();
  if ((contentType ?? '').includes('html') || head.startsWith('<')) {
    throw providerError(policy, 'PROVIDER_FAILED', `${symbol}: got an HTML page instead of CSV.`, {
      retryable: true,
    });
  }
  const firstLine =
    text
      .replace(/^\uFEFF/u, '')
      .split(/\r?\n/u, 1)[0]
      ?.trim() ?? '';
  const dateCol = ['observation_date', 'DATE'].find((c) => firstLine === `${c},${symbol}`);
  if (!dateCol) {
    throw providerError(
      policy,
      'PROVIDER_FAILED',
      `${symbol}: unexpected CSV header ${JSON.stringify(firstLine.slice(0, 80))}.`,
      { retryable: false },
    );
  }
  if (!text.endsWith('\n')) {
    throw providerError(policy, 'PROVIDER_FAILED', `${symbol}: the CSV ends mid-line (cut off in transfer).`, {
      retryable: true,
    });
  }
  let result;
  try {
    result = readCsvSeries(text, { dateCol, valueCol: symbol }, `FRED ${symbol}`);
  } catch (err) {
    throw providerError(policy, 'PROVIDER_FAILED', (err as Error).message, { retryable: true });
  }
  if (result.skipped > 0) {
    throw providerError(
      policy,
      'PROVIDER_FAILED',
      `${symbol}: ${result.skipped} row(s) without a valid date (garbled CSV).`,
      { retryable: true },
    );
  }
  return result.points;
}

async function fetchCsv(
  f: Fred,
  symbol: string,
  from: string | undefined,
  to: string | undefined,
  signal?: AbortSignal,
): Promise<Point[]> {
  const url = new URL(`${f.baseUrl}/graph/fredgraph.csv`);
  url.searchParams.set('id', symbol);
  if (from) url.searchParams.set('cosd', from);
  if (to) url.searchParams.set('coed', to);
  return withRetries(
    f.policy,
    async () => {
      const reply = await exchange(f.policy, url.toString(), { headers: { accept: 'text/csv' } }, signal);
      if (reply.status < 200 || reply.status >= 300) throw statusError(f.policy, reply);
      return parseCsv(f.policy, symbol, reply.text, reply.headers.get('content-type'));
    },
    signal,
  );
}

async function fetchApiPage(
  f: FredApi,
  symbol: string,
  offset: number,
  from: string | undefined,
  to: string | undefined,
  signal?: AbortSignal,
) {
  const url = new URL(`${f.apiBaseUrl}/fred/series/observations`);
  url.searchParams.set('series_id', symbol);
  url.searchParams.set('api_key', f.apiKey);
  url.searchParams.set('file_type', 'json');
  url.searchParams.set('sort_order', 'asc');
  url.searchParams.set('limit', String(f.pageSize));
  url.searchParams.set('offset', String(offset));
  if (from) url.searchParams.set('observation_start', from);
  if (to) url.searchParams.set('observation_end', to);
  return withRetries(
    f.policy,
    async () => {
      const reply = await exchange(f.policy, url.toString(), { headers: { accept: 'application/json' } }, signal);
      let body: FredObservationsPage | undefined;
      try {
        body = JSON.parse(reply.text) as FredObservationsPage;
      } catch {
        body = undefined;
      }
      if (reply.status < 200 || reply.status >= 300) {
        if (body?.error_message && reply.status < 500 && reply.status !== 429) {
          throw providerError(
            f.policy,
            reply.status === 401 || reply.status === 403 ? 'UNAUTHORIZED' : 'PROVIDER_FAILED',
            `${symbol}: ${body.error_message}`,
            { retryable: false, details: { status: reply.status } },
          );
        }
        throw statusError(f.policy, reply);
      }
      if (!body || !Array.isArray(body.observations) || typeof body.count !== 'number') {
        throw providerError(f.policy, 'PROVIDER_FAILED', `${symbol}: malformed observations JSON.`, {
          retryable: true,
        });
      }
      return { count: body.count, observations: body.observations };
    },
    signal,
  );
}

async function fetchApi(
  f: FredApi,
  symbol: string,
  from: string | undefined,
  to: string | undefined,
  signal?: AbortSignal,
): Promise<Point[]> {
  const points: Point[] = [];
  let offset = 0;
  let total: number | undefined;
  for (;;) {
    const page = await fetchApiPage(f, symbol, offset, from, to, signal);
    if (total !== undefined && page.count !== total) {
      throw providerError(
        f.policy,
        'PROVIDER_FAILED',
        `${symbol}: the series changed while paging (${total} -> ${page.count} observations).`,
        { retryable: true },
      );
    }
    total = page.count;
    for (const o of page.observations) {
      const v = o.value === undefined || o.value === '.' || o.value.trim() === '' ? Number.NaN : Number(o.value);
      if (o.date && Number.isFinite(v)) points.push({ date: o.date, value: v });
    }
    offset += page.observations.length;
    if (offset >= total) break;
    if (page.observations.length === 0) {
      throw providerError(f.policy, 'PROVIDER_FAILED', `${symbol}: empty page at offset ${offset} of ${total}.`, {
        retryable: true,
      });
    }
  }
  return points;
}
