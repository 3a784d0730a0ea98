import { RiskXpertError } from '../errors.js';
import { stockCodeOf } from './stock-instruments.js';

/** The ETL queue's name and job shape, shared by the workers and by the processes that ask for refreshes. */
export const ETL_QUEUE = 'riskxpert-etl';

/** Job data: the indicator id only. Keys and tokens live in the worker's environment, never in Redis. */
export interface EtlJobData {
  indicatorId: string;
}

export const ETL_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential' as const, delay: 30_000 },
  // Finished jobs disappear; failed ones stay (with their reason) for inspection, bounded.
  removeOnComplete: true,
  removeOnFail: { count: 1_000 },
};

/**
 * The core's port to the ETL workers (workers/etl-requests.ts implements it on BullMQ). Both requests are
 * deduplicated per 10 minutes, so a burst of questions about one indicator asks for one load.
 */
export interface EtlRequests {
  /** A question found stale data for an indicator. */
  requestRefresh(indicatorId: string): Promise<void>;
  /** An order names a stock whose prices are not loaded yet (`stock:<code>`). */
  requestStockLoad(stockId: string): Promise<void>;
}

const bucketOf = (now: number) => Math.floor(now / 600_000);

/** The job id of an on-demand refresh: one per indicator per 10 minutes. */
export const refreshJobId = (indicatorId: string, now: number) => `refresh:${indicatorId}:${bucketOf(now)}`;

/**
 * The job id of an on-demand stock load, like refreshJobId but in a form BullMQ accepts: custom ids may hold no ':'
 * beyond its own three-part form, and the instrument id has one.
 */
export function stockLoadJobId(stockId: string, now: number): string {
  const code = stockCodeOf(stockId);
  if (!code) throw new RiskXpertError('BAD_REQUEST', `Not a stock instrument: ${JSON.stringify(stockId)}.`);
  return `refresh:stock-${code}:${bucketOf(now)}`;
}
