import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { createDurableConversationWriter } from '../store/durable-conversation-writer.js';
import { createRetryingConversationWriter, type RetryingConversationWriter } from '../store/retrying-writer.js';
import type { Store } from '../store/store.js';

/**
 * With MongoDB and a queue Redis, conversations pass through a Redis list that outlives a Mongo outage and a
 * restart (and hold records in memory while that Redis is down too); without them, the in-memory retrying writer.
 * `close` flushes, then closes the writer (the caller closes the store and the Redis client after it).
 */
export function buildConversationWriter(
  config: Config,
  deps: { store: Store; bufferRedis: Redis | undefined; logger: Logger },
): { writer: RetryingConversationWriter; close(): Promise<void> } {
  const { store, bufferRedis, logger } = deps;
  const backoff = { baseDelayMs: 500, maxDelayMs: 30_000, logger };
  const durable = bufferRedis
    ? createDurableConversationWriter({
        redis: bufferRedis,
        key: `${config.cache.keyPrefix}conversation-buffer`,
        store,
        maxMemoryQueue: 10_000,
        ...backoff,
      })
    : undefined;
  const writer: RetryingConversationWriter =
    durable ?? createRetryingConversationWriter({ store, maxQueue: 10_000, ...backoff });
  return {
    writer,
    async close() {
      await writer.flush(5_000);
      await durable?.close();
    },
  };
}
