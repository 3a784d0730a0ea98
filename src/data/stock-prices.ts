import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RiskXpertError } from '../errors.js';
import type { SeriesStore } from '../store/series-store.js';
import { readCsvSeries } from './read-csv-series.js';
import type { Point } from './series.js';
import { seriesVersion } from './series-version.js';
import { isStale } from './staleness.js';
import { stockCodeOf } from './stock-instruments.js';

/** A stock's daily closes with their provenance (the store's load, or a CSV file). */
export interface StockSeries {
  points: Point[];
  version: string;
  source: string;
  origin: 'store' | 'folder';
}

/** Why a stock has no price yet; bot-commands words each case for the user. */
export type StockPriceProblem = 'loading' | 'load-failed' | 'needs-kis' | 'needs-queue';

export interface StockPriceDeps {
  /** The series store the ETL loads stocks into, under the id `stock:<code>`. */
  store?: SeriesStore;
  /** RISKXPERT_DATA_DIR: `stock-<code>.csv` with `date,value` columns, for offline use. */
  csvDir?: string;
  /** Whether the ETL can load stocks from KIS (KIS_APP_KEY and KIS_APP_SECRET set, kis in ETL_PROVIDERS). */
  kisConfigured: boolean;
  /** Enqueues an on-demand ETL load (deduplicated per 10 minutes); absent without a queue Redis. */
  requestLoad?: (stockId: string) => Promise<void>;
  now?: () => number;
}

/** The CSV file a stock is read from in the data folder. */
export const stockCsvFile = (code: string) => `stock-${code}.csv`;

function problem(code: string, reason: StockPriceProblem, detail?: string): RiskXpertError {
  const text: Record<StockPriceProblem, string> = {
    loading: `Loading the price of ${code}; try again in a moment.`,
    'load-failed': `Could not load ${code} from KIS${detail ? ` (${detail})` : ''}; check the code.`,
    'needs-kis': `Stock prices need KIS_APP_KEY and KIS_APP_SECRET, or ${stockCsvFile(code)} in RISKXPERT_DATA_DIR.`,
    'needs-queue': `${code} is not loaded yet: stock loads run in \`riskxpert worker\`, which needs QUEUE_REDIS_URL (or put ${stockCsvFile(code)} in RISKXPERT_DATA_DIR).`,
  };
  return new RiskXpertError('SERIES_NOT_FOUND', text[reason], { details: { stockPrice: reason, code } });
}

/**
 * Daily closes of KRX stocks for paper trading: what the ETL loaded into the series store, else a CSV file. With
 * nothing there yet, an order asks the ETL for a load and says so; a stale stored series also asks for a refresh
 * but still prices the order (the confirmation shows the price date).
 */
export function createStockPrices(deps: StockPriceDeps) {
  const now = deps.now ?? Date.now;

  async function fromCsv(code: string): Promise<Point[] | undefined> {
    if (!deps.csvDir) return undefined;
    const file = stockCsvFile(code);
    let text: string;
    try {
      text = await readFile(join(deps.csvDir, file), 'utf8');
    } catch {
      return undefined;
    }
    return readCsvSeries(text, { dateCol: 'date', valueCol: 'value' }, file).points;
  }

  async function ask(id: string): Promise<void> {
    await deps.requestLoad?.(id);
  }

  /** The points and where they come from: the ETL's store first, then the CSV folder; otherwise why there are none. */
  async function load(id: string): Promise<StockSeries> {
    const code = stockCodeOf(id);
    if (!code) throw new RiskXpertError('BAD_REQUEST', `Not a stock instrument: ${JSON.stringify(id)}.`);
    const canLoad = deps.kisConfigured && deps.requestLoad !== undefined;
    const stored = await deps.store?.read(id);
    const last = stored?.points.at(-1);
    if (stored && last) {
      if (canLoad && isStale('D', last.date, now())) await ask(id).catch(() => undefined);
      return {
        points: stored.points,
        version: stored.version,
        source: `${stored.source}, loaded ${stored.updatedAt.toISOString().slice(0, 10)}`,
        origin: 'store',
      };
    }
    const csv = await fromCsv(code);
    if (csv && csv.length > 0)
      return {
        points: csv,
        version: seriesVersion(csv),
        source: `${stockCsvFile(code)} (${csv[0]!.date.slice(0, 7)}..${csv.at(-1)!.date.slice(0, 7)})`,
        origin: 'folder',
      };
    if (!deps.kisConfigured) throw problem(code, 'needs-kis');
    if (!deps.requestLoad) throw problem(code, 'needs-queue');
    // A load that already failed (KIS does not know the code) is reported instead of being asked for forever.
    const failed = (await deps.store?.status())?.find((s) => s.indicatorId === id && s.points === 0 && s.lastError);
    if (failed?.lastError && failed.lastErrorAt && now() - failed.lastErrorAt.getTime() < 10 * 60_000)
      throw problem(code, 'load-failed', failed.lastError);
    await ask(id);
    throw problem(code, 'loading');
  }

  return {
    async history(id: string): Promise<Point[]> {
      return (await load(id)).points;
    },
    series: load,
  };
}

export type StockPrices = ReturnType<typeof createStockPrices>;
