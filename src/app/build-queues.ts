import type { Config } from '../config.js';
import type { EtlRequests } from '../data/etl-jobs.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { createQueueRedisClient } from './clients/redis.js';
import type { QueueDriver } from './queue-driver.js';

/** With a queue Redis and a queue driver, the port that asks the ETL workers for loads. */
export function openQueues(
  config: Config,
  options: { queues?: QueueDriver | undefined },
  metrics: Metrics,
  logger: Logger,
  notices: string[],
): { etl?: EtlRequests; close(): Promise<void> } {
  if (!config.queue.redisUrl) return { close: async () => undefined };
  if (!options.queues) {
    notices.push(
      'queue: this process has no queue driver; stale data and stock loads are not requested from the workers',
    );
    return { close: async () => undefined };
  }
  const connection = createQueueRedisClient(config.queue.redisUrl, 'producer');
  const etl = options.queues.etlRequests({ connection, logger, metrics });
  return {
    etl,
    async close() {
      await etl.close();
      connection.disconnect();
    },
  };
}

export const refreshOnStale = (etl: EtlRequests, logger: Logger) => (indicatorId: string) => {
  void etl
    .requestRefresh(indicatorId)
    .catch((err: unknown) => logger.warn({ err, indicatorId }, 'could not request an ETL refresh'));
};
