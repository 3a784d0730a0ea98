import type { Queue } from 'bullmq';

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
 * An on-demand refresh (a question found stale data). The job id is bucketed per 10 minutes, so a burst of
 * questions about the same indicator enqueues one refresh.
 */
export async function requestRefresh(queue: Queue<EtlJobData>, indicatorId: string, now = Date.now()): Promise<void> {
  const bucket = Math.floor(now / 600_000);
  await queue.add('etl', { indicatorId }, { ...ETL_JOB_OPTIONS, jobId: `refresh:${indicatorId}:${bucket}` });
}
