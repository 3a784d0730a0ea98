import type { Redis } from 'ioredis';
import type { EtlRequests } from '../data/etl-jobs.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';

/**
 * How the composition root reaches the queues without importing the queue library: the process entry (bin/) hands it
 * the BullMQ driver of workers/queue-driver.ts. The root owns the Redis connection; the driver owns its queues.
 */
export interface QueueDriver {
  etlRequests(args: { connection: Redis; logger: Logger; metrics: Metrics }): EtlRequests & { close(): Promise<void> };
}
