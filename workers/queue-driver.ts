import { Queue } from 'bullmq';
import type { QueueDriver } from '../src/app/queue-driver.js';
import { ETL_JOB_OPTIONS, ETL_QUEUE, refreshJobId, stockLoadJobId, type EtlJobData } from '../src/data/etl-jobs.js';
import { stockCodeOf } from '../src/data/stock-instruments.js';

/** An on-demand refresh of one indicator (deduplicated per 10 minutes by its job id). */
export async function requestRefresh(queue: Queue<EtlJobData>, indicatorId: string, now = Date.now()): Promise<void> {
  // A stale stock (`stock:<code>`) is the same job as its on-demand load: BullMQ refuses the id with a second ':'.
  const jobId = stockCodeOf(indicatorId) ? stockLoadJobId(indicatorId, now) : refreshJobId(indicatorId, now);
  await queue.add('etl', { indicatorId }, { ...ETL_JOB_OPTIONS, jobId });
}

/** An on-demand load of one stock (`stock:<code>`), deduplicated like requestRefresh. */
export async function requestStockLoad(queue: Queue<EtlJobData>, stockId: string, now = Date.now()): Promise<void> {
  const jobId = stockLoadJobId(stockId, now);
  await queue.add('etl', { indicatorId: stockId }, { ...ETL_JOB_OPTIONS, jobId });
}

/** The BullMQ implementation of the core's queue ports. */
export const bullmqQueueDriver: QueueDriver = {
  etlRequests({ connection, logger, metrics }) {
    const queue = new Queue<EtlJobData>(ETL_QUEUE, { connection });
    queue.on('error', (err) => logger.warn({ err: err.message }, 'etl refresh queue unavailable'));
    metrics.watchQueue(queue);
    return {
      requestRefresh: (indicatorId) => requestRefresh(queue, indicatorId),
      requestStockLoad: (stockId) => requestStockLoad(queue, stockId),
      close: () => queue.close(),
    };
  },
};
