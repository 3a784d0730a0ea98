import Bottleneck from 'bottleneck';
import { RiskXpertError, type ErrorCode } from '../../errors.js';
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
import { checkRequest, validatePoints, type SeriesProvider } from './provider.js';

export type EcosCycle = 'D' | 'M' | 'Q' | 'A';

export interface EcosProviderOptions {
  apiKey: string;
  /** Default https://ecos.bok.or.kr (serves /api/StatisticSearch/...). */
  baseUrl?: string;
  fetch?: FetchLike;
  limiter?: Bottleneck;
  /** ECOS publishes no rate; it answers ERROR-602 when called too often. Default 5/s. */
  requestsPerSecond?: number;
  timeoutMs?: number;
  retries?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** Rows per call (ECOS row ranges are 1-based and inclusive). Default 10,000. */
  pageSize?: number;
  /** Without request.from, how far back to ask. Default 1990-01-01. */
  defaultFrom?: string;
  now?: () => number;
}

export interface EcosSymbol {
  statCode: string;
  cycle: EcosCycle;
  items: string[];
}

interface EcosRow {
  TIME?: string;
  DATA_VALUE?: string | null;
}

interface EcosResult {
  CODE?: string;
  MESSAGE?: string;
}

interface EcosBody {
  StatisticSearch?: { list_total_count?: number | string; row?: EcosRow[]; RESULT?: EcosResult };
  RESULT?: EcosResult;
}

/**
 * "722Y001/M/0101000": statistic table, cycle, then one to four item codes, as ECOS's own URL orders them.
 * Throws BAD_REQUEST for anything else so a typo in the catalog fails loudly, not as "no data".
 */
export function parseEcosSymbol(symbol: string): EcosSymbol {
  const parts = symbol.trim().split('/');
  const [statCode, cycle, ...items] = parts;
  if (
    !statCode ||
    !/^[0-9A-Z]{6,10}$/u.test(statCode) ||
    !cycle ||
    !/^[DMQA]$/u.test(cycle) ||
    items.length < 1 ||
    items.length > 4 ||
    !items.every((i) => /^[0-9A-Za-z]{1,20}$/u.test(i))
  ) {
    throw new RiskXpertError(
      'BAD_REQUEST',
      `ECOS: symbol must be STAT_CODE/CYCLE/ITEM1[/ITEM2..4] with cycle D, M, Q or A, got ${JSON.stringify(symbol)}.`,
    );
  }
  return { statCode, cycle: cycle as EcosCycle, items };
}

/** An ISO date as ECOS writes a period of `cycle`: 20240131, 202401, 2024Q1, 2024. */
export function toEcosTime(isoDate: string, cycle: EcosCycle): string {
  const [y, m, d] = [isoDate.slice(0, 4), isoDate.slice(5, 7), isoDate.slice(8, 10)];
  if (cycle === 'D') return `${y}${m}${d}`;
  if (cycle === 'M') return `${y}${m}`;
  if (cycle === 'Q') return `${y}Q${Math.floor((Number(m) - 1) / 3) + 1}`;
  return y;
}

/**
 * ECOS's TIME back to an ISO date. Periods are dated on their first day, as FRED dates them, so a month still
 * running is never a future date and the monthly resampling treats both providers alike.
 */
export function fromEcosTime(time: string, cycle: EcosCycle): string | undefined {
  const m =
    cycle === 'D'
      ? /^(\d{4})(\d{2})(\d{2})$/u.exec(time)
      : cycle === 'M'
        ? /^(\d{4})(\d{2})$/u.exec(time)
        : cycle === 'Q'
          ? /^(\d{4})Q([1-4])$/u.exec(time)
          : /^(\d{4})$/u.exec(time);
  if (!m) return undefined;
  const year = m[1]!;
  if (cycle === 'D') return `${year}-${m[2]}-${m[3]}`;
  if (cycle === 'M') return `${year}-${m[2]}-01`;
  if (cycle === 'Q') return `${year}-${String((Number(m[2]) - 1) * 3 + 1).padStart(2, '0')}-01`;
  return `${year}-01-01`;
}

/** ECOS RESULT codes: INFO-000 fine, INFO-200 no data, INFO-100 bad key, ERROR-xxx input or server trouble. */
function resultError(policy: HttpPolicy, label: string, result: EcosResult): RiskXpertError {
  const code = result.CODE ?? '?';
  const text = `${label}: ${code} ${result.MESSAGE ?? ''}`.trim();
  const as = (c: ErrorCode, retryable: boolean) =>
    providerError(policy, c, text, { retryable, details: { ecosCode: code } });
  if (code === 'INFO-100') return as('UNAUTHORIZED', false);
  if (code === 'ERROR-602') return as('RATE_LIMITED', true);
  // 400: the query hit ECOS's 60 s timeout; 500/600/601: server, database and SQL errors on their side.
  if (['ERROR-400', 'ERROR-500', 'ERROR-600', 'ERROR-601'].includes(code)) return as('PROVIDER_FAILED', true);
  return as('PROVIDER_FAILED', false);
}

/**
 * Bank of Korea ECOS StatisticSearch: /api/StatisticSearch/{KEY}/json/kr/{start}/{end}/{STAT}/{CYCLE}/{from}/{to}/{ITEMS}.
 * Pages by 1-based row ranges until list_total_count rows are in; a total that moves between pages fails the
 * fetch (retryable) instead of returning a mixed series. The key sits in the URL path, so it is redacted from
 * every error.
 */
export function createEcosProvider(options: EcosProviderOptions): SeriesProvider {
  const now = options.now ?? Date.now;
  const policy: HttpPolicy = {
    label: 'ECOS',
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    timeoutMs: options.timeoutMs ?? 30_000,
    retries: options.retries ?? 4,
    minBackoffMs: options.minBackoffMs ?? 1_000,
    maxBackoffMs: options.maxBackoffMs ?? 15_000,
    secrets: [options.apiKey, encodeURIComponent(options.apiKey)],
  };
  const e: Ecos = {
    policy,
    apiKey: options.apiKey,
    baseUrl: (options.baseUrl ?? 'https://ecos.bok.or.kr').replace(/\/+$/u, ''),
    pageSize: Math.max(1, options.pageSize ?? 10_000),
    limiter:
      options.limiter ??
      new Bottleneck({ maxConcurrent: 2, minTime: Math.ceil(1000 / (options.requestsPerSecond ?? 5)) }),
  };

  return {
    id: 'ecos',
    async fetch(request, fetchOptions = {}) {
      checkRequest(request, 'ECOS');
      const sym = parseEcosSymbol(request.symbol);
      const label = `${sym.statCode}/${sym.cycle}/${sym.items.join('/')}`;
      const kstToday = new Date(now() + 9 * 3_600_000).toISOString().slice(0, 10);
      const to = request.to && request.to < kstToday ? request.to : kstToday;
      const from = toEcosTime(request.from ?? options.defaultFrom ?? '1990-01-01', sym.cycle);
      const range = { from, to: toEcosTime(to, sym.cycle) };
      const points = await fetchAllRows(e, sym, label, range, fetchOptions.signal);
      return validatePoints(points, { label: `ECOS ${label}`, from: request.from, to: request.to });
    },
  };
}

interface Ecos {
  policy: HttpPolicy;
  apiKey: string;
  baseUrl: string;
  pageSize: number;
  limiter: Bottleneck;
}

/** Pages by 1-based row ranges until the total is in; a total that moves between pages fails (retryable). */
async function fetchAllRows(
  e: Ecos,
  sym: EcosSymbol,
  label: string,
  range: { from: string; to: string },
  signal: AbortSignal | undefined,
): Promise<Point[]> {
  const { policy } = e;
  const points: Point[] = [];
  let total: number | undefined;
  let received = 0;
  do {
    const got = await page(e, sym, label, received + 1, received + e.pageSize, range.from, range.to, signal);
    if (got.total === 0 && received === 0) break;
    if (total !== undefined && got.total !== total) {
      throw providerError(
        policy,
        'PROVIDER_FAILED',
        `${label}: the series changed while paging (${total} -> ${got.total} rows).`,
        { retryable: true },
      );
    }
    total = got.total;
    if (got.rows.length === 0)
      throw providerError(policy, 'PROVIDER_FAILED', `${label}: empty page at row ${received + 1} of ${total}.`, {
        retryable: true,
      });
    appendRowPoints(policy, label, sym, got.rows, points);
    received += got.rows.length;
  } while (received < (total ?? 0));
  return points;
}

async function page(
  e: Ecos,
  sym: EcosSymbol,
  label: string,
  start: number,
  end: number,
  from: string,
  to: string,
  signal?: AbortSignal,
) {
  const path = [
    'api',
    'StatisticSearch',
    encodeURIComponent(e.apiKey),
    'json',
    'kr',
    start,
    end,
    sym.statCode,
    sym.cycle,
    from,
    to,
    ...sym.items,
  ].join('/');
  return withRetries(
    e.policy,
    async () => {
      const reply = await e.limiter.schedule(() =>
        exchange(e.policy, `${e.baseUrl}/${path}`, { headers: { accept: 'application/json' } }, signal),
      );
      return readPage(e.policy, label, reply);
    },
    signal,
  );
}

/** One reply: INFO-200 is an empty series, any other non-INFO-000 result an error, else the total and the rows. */
function readPage(policy: HttpPolicy, label: string, reply: HttpReply): { total: number; rows: EcosRow[] } {
  if (reply.status < 200 || reply.status >= 300) throw statusError(policy, reply);
  let body: EcosBody;
  try {
    body = JSON.parse(reply.text) as EcosBody;
  } catch {
    throw providerError(policy, 'PROVIDER_FAILED', `${label}: the answer is not JSON (cut off or an HTML page).`, {
      retryable: true,
    });
  }
  const result = body.RESULT ?? body.StatisticSearch?.RESULT;
  if (result?.CODE === 'INFO-200') return { total: 0, rows: [] as EcosRow[] };
  if (result && result.CODE !== 'INFO-000') throw resultError(policy, label, result);
  const total = Number(body.StatisticSearch?.list_total_count);
  const rows = body.StatisticSearch?.row;
  if (!Number.isInteger(total) || total < 0 || !Array.isArray(rows)) {
    throw providerError(policy, 'PROVIDER_FAILED', `${label}: malformed StatisticSearch JSON.`, {
      retryable: true,
    });
  }
  return { total, rows };
}

/** Appends the rows' values; blank and "-" are ECOS's missing values, anything else must be a number. */
function appendRowPoints(policy: HttpPolicy, label: string, sym: EcosSymbol, rows: EcosRow[], points: Point[]): void {
  for (const r of rows) {
    const date = fromEcosTime(String(r.TIME ?? ''), sym.cycle);
    if (!date)
      throw providerError(
        policy,
        'PROVIDER_FAILED',
        `${label}: TIME ${JSON.stringify(r.TIME)} does not match cycle ${sym.cycle}.`,
        { retryable: false },
      );
    const raw = (r.DATA_VALUE ?? '').trim();
    if (raw === '' || raw === '-') continue;
    points.push({ date, value: Number(raw.replace(/,/gu, '')) });
  }
}
