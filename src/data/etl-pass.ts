import { RiskXpertError, toRiskXpertError } from '../errors.js';
import type { SeriesStore, UpsertResult } from '../store/series-store.js';
import type { Point } from './series.js';

/** What the ETL needs of a provider (FRED, ECOS, KIS, a CSV folder): points for a symbol. */
export interface PointSource {
  readonly id: string;
  fetch(request: { symbol: string; from?: string; to?: string }, options?: { signal?: AbortSignal }): Promise<Point[]>;
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

/** One place to load an indicator from: a provider and its name for the series. */
export interface SourceRef {
  source: PointSource;
  symbol: string;
}

export interface EtlPassResult extends UpsertResult {
  indicatorId: string;
  source: string;
  fetched: number;
  /** Set when the primary failed and a fallback loaded the data: what each skipped source said. */
  fellBackFrom?: string[];
}

/**
 * One load of one indicator: fetch, validate, upsert, trying `fallbacks` in order when the primary fails. A
 * fallback only appends days after the last stored one, because another provider's numbers for the same days
 * differ slightly (fixing times, revisions) and rewriting history would churn versions and answers. A failure
 * is recorded in the store's status and rethrown (the queue retries with backoff); it never deletes data.
 */
export async function runEtlPass(args: EtlPassArgs): Promise<EtlPassResult> {
  const now = args.now ?? new Date();
  const chain: SourceRef[] = [{ source: args.source, symbol: args.symbol }, ...(args.fallbacks ?? [])];
  const failures: string[] = [];
  let last: RiskXpertError | undefined;
  const from = await primaryFrom(args);
  for (const [i, ref] of chain.entries()) {
    try {
      const since = i === 0 ? from : args.from;
      const points = await fetchNewPoints(args, ref, { since, fallback: i > 0, now });
      const result = points.length
        ? await args.store.upsert(args.indicatorId, points, { source: `${ref.source.id}:${ref.symbol}`, at: now })
        : {
            inserted: 0,
            updated: 0,
            version: (await args.store.read(args.indicatorId))?.version ?? '',
            changed: false,
          };
      if (failures.length) {
        // The load succeeded, but status must still show that the primary is failing.
        await args.store
          .recordFailure(args.indicatorId, `${failures.join('; ')} (loaded from ${ref.source.id})`, now)
          .catch(() => undefined);
      }
      return {
        ...result,
        indicatorId: args.indicatorId,
        source: ref.source.id,
        fetched: points.length,
        ...(failures.length ? { fellBackFrom: failures } : {}),
      };
    } catch (err) {
      const e = toRiskXpertError(err, 'PROVIDER_FAILED');
      if (e.code === 'ABORTED') throw e;
      failures.push(chain.length === 1 ? `${e.code}: ${e.message}` : `${ref.source.id}: ${e.code}: ${e.message}`);
      last = e;
    }
  }
  await args.store.recordFailure(args.indicatorId, failures.join('; '), now).catch(() => undefined);
  if (chain.length === 1) throw last!;
  throw new RiskXpertError(last!.code, failures.join('; '), {
    retryable: last!.retryable,
    ...(last!.details ? { details: last!.details } : {}),
  });
}

interface EtlPassArgs {
  indicatorId: string;
  symbol: string;
  source: PointSource;
  fallbacks?: readonly SourceRef[];
  store: SeriesStore;
  from?: string;
  /**
   * When the stored series came from this same primary source, ask it only for the last `incrementalDays` days
   * (for providers that page slowly and never revise old values, e.g. KIS index closes).
   */
  incrementalDays?: number;
  /** Newest date to keep (a market series keeps no bar of a session still open). */
  to?: string;
  now?: Date;
  signal?: AbortSignal;
}

/** With incrementalDays, and a stored series from this same primary source: that many days before its last one. */
async function primaryFrom(args: EtlPassArgs): Promise<string | undefined> {
  if (args.from || !args.incrementalDays) return args.from;
  const stored = await args.store.read(args.indicatorId);
  const lastDate = stored?.points.at(-1)?.date;
  if (!lastDate || stored.source !== `${args.source.id}:${args.symbol}`) return args.from;
  return new Date(Date.parse(`${lastDate}T00:00:00Z`) - args.incrementalDays * 86_400_000).toISOString().slice(0, 10);
}

/** The source's valid points up to `to`; from a fallback, only the days after the last stored one. */
async function fetchNewPoints(
  args: EtlPassArgs,
  ref: SourceRef,
  at: { since: string | undefined; fallback: boolean; now: Date },
) {
  const raw = await ref.source.fetch(
    { symbol: ref.symbol, ...(at.since ? { from: at.since } : {}) },
    args.signal ? { signal: args.signal } : {},
  );
  const points = validatePoints(raw, at.now.toISOString().slice(0, 10)).filter((p) => !args.to || p.date <= args.to);
  if (points.length === 0)
    throw new RiskXpertError('PROVIDER_FAILED', `${ref.source.id} returned no data for ${ref.symbol}.`);
  if (!at.fallback) return points;
  const stored = await args.store.read(args.indicatorId);
  const lastDate = stored?.points.at(-1)?.date;
  // Even when the last load was this fallback's: the days before it may be the primary's.
  return lastDate ? points.filter((p) => p.date > lastDate) : points;
}
