import { RiskXpertError, toRiskXpertError } from '../errors.js';
import type { SeriesStore, UpsertResult } from '../store/series-store.js';
import type { Point } from './series.js';

/** What the ETL needs of a provider (FRED, ECOS, KIS, a CSV folder): points for a symbol. */
export interface PointSource {
  readonly id: string;
  fetch(request: { symbol: string; from?: string; to?: string }, options?: { signal?: AbortSignal }): Promise<Point[]>;
}

export interface EtlPassResult extends UpsertResult {
  indicatorId: string;
  source: string;
  fetched: number;
}

/**
 * Checks what a provider returned before it touches the store: real calendar dates, finite numbers, nothing
 * dated after today; duplicates keep the last value. Throws SERIES_INVALID rather than loading a partial series.
 */
export function validatePoints(points: readonly Point[], today: string): Point[] {
  const byDate = new Map<string, number>();
  for (const p of points) {
    const t = Date.parse(`${p.date}T00:00:00Z`);
    if (!/^\d{4}-\d{2}-\d{2}$/u.test(p.date) || Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== p.date) {
      throw new RiskXpertError('SERIES_INVALID', `Invalid date ${JSON.stringify(p.date)} from the provider.`);
    }
    if (!Number.isFinite(p.value)) throw new RiskXpertError('SERIES_INVALID', `Non-finite value on ${p.date}.`);
    if (p.date > today) throw new RiskXpertError('SERIES_INVALID', `Future date ${p.date} from the provider.`);
    byDate.set(p.date, p.value);
  }
  return [...byDate.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, value]) => ({ date, value }));
}

/**
 * One load of one indicator: fetch, validate, upsert. A failure is recorded in the store's status and rethrown
 * (the queue retries with backoff); it never deletes the data already there.
 */
export async function runEtlPass(args: {
  indicatorId: string;
  symbol: string;
  source: PointSource;
  store: SeriesStore;
  from?: string;
  now?: Date;
  signal?: AbortSignal;
}): Promise<EtlPassResult> {
  const now = args.now ?? new Date();
  try {
    const raw = await args.source.fetch({ symbol: args.symbol, ...(args.from ? { from: args.from } : {}) }, args.signal ? { signal: args.signal } : {});
    const points = validatePoints(raw, now.toISOString().slice(0, 10));
    if (points.length === 0) throw new RiskXpertError('PROVIDER_FAILED', `${args.source.id} returned no data for ${args.symbol}.`);
    const result = await args.store.upsert(args.indicatorId, points, { source: `${args.source.id}:${args.symbol}`, at: now });
    return { ...result, indicatorId: args.indicatorId, source: args.source.id, fetched: points.length };
  } catch (err) {
    const e = toRiskXpertError(err, 'PROVIDER_FAILED');
    await args.store.recordFailure(args.indicatorId, `${e.code}: ${e.message}`, now).catch(() => undefined);
    throw e;
  }
}
