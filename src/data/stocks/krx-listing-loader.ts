import { RiskXpertError, toRiskXpertError } from '../../errors.js';
import type { StockListingStore } from '../../store/stock-listing-store.js';
import { providerError, statusError, withRetries, type FetchLike, type HttpPolicy } from '../providers/http.js';
import { parseKisMasterFile } from './kis-master-file.js';
import { KRX_MARKETS, type KrxMarket } from './listed-stock.js';
import { readZipEntry } from './zip-entry.js';

/** KIS's download host for master files (the same for real and paper trading); config KIS_MASTER_BASE_URL overrides it. */
export const KIS_MASTER_BASE_URL = 'https://new.real.download.dws.co.kr';

const FILES: Record<KrxMarket, string> = { KOSPI: 'kospi_code.mst', KOSDAQ: 'kosdaq_code.mst' };

/** A master zip is about 250 KB; a body far larger is not one. */
const MAX_DOWNLOAD_BYTES = 32 * 1024 * 1024;

export interface KrxListingLoaderOptions {
  store: StockListingStore;
  /** Operator configuration only (the KIS host or a test stand-in), never anything a user typed. */
  baseUrl?: string;
  fetch?: FetchLike;
  timeoutMs?: number;
  retries?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  now?: () => Date;
}

export interface MarketLoad {
  market: KrxMarket;
  count?: number;
  error?: string;
}

/**
 * Loads the KRX listing: for each market, KIS's zipped master file, its one .mst entry, the CP949 rows parsed, and
 * the market replaced in the store. A market that fails (download, zip, parse) keeps its stored listing and is
 * reported; the other market still loads.
 */
export function createKrxListingLoader(options: KrxListingLoaderOptions) {
  const base = (options.baseUrl ?? KIS_MASTER_BASE_URL).replace(/\/+$/u, '');
  const policy: HttpPolicy = {
    label: 'KIS master',
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    timeoutMs: options.timeoutMs ?? 30_000,
    retries: options.retries ?? 3,
    minBackoffMs: options.minBackoffMs ?? 500,
    maxBackoffMs: options.maxBackoffMs ?? 5_000,
    secrets: [],
  };

  async function download(file: string, signal?: AbortSignal): Promise<Uint8Array> {
    const url = `${base}/common/master/${file}.zip`;
    return withRetries(
      policy,
      async () => {
        const timeout = AbortSignal.timeout(policy.timeoutMs);
        const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
        let res: Response;
        let body: ArrayBuffer;
        try {
          res = await policy.fetch(url, { signal: combined });
          body = await res.arrayBuffer();
        } catch (err) {
          if (signal?.aborted) throw new RiskXpertError('ABORTED', 'KIS master: the download was cancelled.');
          const why = timeout.aborted
            ? `no complete answer within ${policy.timeoutMs} ms`
            : `network error (${(err as Error).message})`;
          throw providerError(policy, 'PROVIDER_FAILED', `${file}.zip: ${why}.`, { retryable: true });
        }
        if (res.status < 200 || res.status >= 300) {
          throw statusError(policy, {
            status: res.status,
            headers: res.headers,
            text: Buffer.from(body.slice(0, 200)).toString('latin1'),
          });
        }
        if (body.byteLength > MAX_DOWNLOAD_BYTES)
          throw providerError(policy, 'PROVIDER_FAILED', `${file}.zip is ${body.byteLength} bytes.`, {
            retryable: false,
          });
        return new Uint8Array(body);
      },
      signal,
    );
  }

  async function loadMarket(market: KrxMarket, signal?: AbortSignal): Promise<number> {
    const file = FILES[market];
    const zip = await download(file, signal);
    const entry = readZipEntry(zip, (name) => name.toLowerCase().endsWith(file));
    const stocks = parseKisMasterFile(entry.data, market);
    return (await options.store.replaceMarket(market, stocks, options.now?.() ?? new Date())).count;
  }

  return {
    async load(opts: { signal?: AbortSignal } = {}): Promise<MarketLoad[]> {
      const results: MarketLoad[] = [];
      for (const market of KRX_MARKETS) {
        try {
          results.push({ market, count: await loadMarket(market, opts.signal) });
        } catch (err) {
          const e = toRiskXpertError(err);
          if (e.code === 'ABORTED') throw e;
          results.push({ market, error: e.message });
        }
      }
      return results;
    },
  };
}
