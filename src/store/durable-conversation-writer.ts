import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import { drain, encode, newDrainState, type DrainContext } from './durable-buffer-drain.js';
import { createRetryingConversationWriter, type ConversationWriter, type WriterStats } from './retrying-writer.js';
import type { ConversationRecord, Store } from './store.js';
import { createWriterBackoff } from './writer-backoff.js';

export interface DurableWriterStats extends WriterStats {
  /** Records in the Redis buffer when last looked (they survive a restart, so they are not "pending" in memory). */
  buffered: number;
  /** Records handed to the in-memory fallback because the buffer Redis refused them. */
  spilled: number;
}

export interface DurableConversationWriter extends ConversationWriter {
  stats(): DurableWriterStats;
  /** Stops the drain loop and its timer; the buffer stays in Redis for the next process. */
  close(): Promise<void>;
}

export interface DurableWriterOptions {
  /** A fail-fast client of the queue Redis (noeviction, AOF): no offline queue, short command timeout. */
  redis: Redis;
  /** The Redis list that holds the records; every process of a deployment shares it. */
  key: string;
  store: Pick<Store, 'conversations'>;
  /** Records held in memory while the buffer Redis itself is down (they move to Redis, or the store, when either is back). */
  maxMemoryQueue: number;
  /** Records read per round trip (default 50). */
  batchSize?: number;
  /** First retry delay after a failed save, doubling up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** How often an idle writer looks for records left by a previous process or a failed pass (default 5 s). */
  pollMs?: number;
  logger?: Pick<Logger, 'warn' | 'error' | 'info'>;
}

/**
 * Conversation writes that survive a store outage and a process restart. Every record goes to a Redis list
 * first (one RPUSH, off the answer path), and a drain loop moves it into the store: read, save, then LREM.
 * A record leaves the list only after the store took it, and saves are idempotent by id, so a crash between
 * the save and the LREM, or two processes draining the same list, store it twice over the same id: once.
 * While the store is down the list simply grows (the queue Redis is noeviction) and the loop backs off; when
 * the buffer Redis is down too, the record waits in memory (the retrying writer) until Redis or the store is back.
 */
export function createDurableConversationWriter(options: DurableWriterOptions): DurableConversationWriter {
  const { redis, key, store, logger } = options;
  const ctx: DrainContext = {
    redis,
    key,
    store,
    logger,
    batchSize: options.batchSize ?? 50,
    pause: createWriterBackoff({ baseDelayMs: options.baseDelayMs, maxDelayMs: options.maxDelayMs }),
    state: newDrainState(),
  };
  const { state } = ctx;
  const fallback = createMemoryFallback(ctx, options);
  const pushes = new Set<Promise<void>>();

  const poll = setInterval(() => void drain(ctx), options.pollMs ?? 5_000);
  poll.unref?.();
  // Records a previous process left behind are flushed without waiting for the first write.
  void drain(ctx);

  return {
    write: (record) => push(ctx, fallback, pushes, record),
    flush: (timeoutMs) => flushAll(ctx, fallback, pushes, timeoutMs),
    pending: () => state.pushing + fallback.pending() + state.buffered,
    stats: () => {
      const f = fallback.stats();
      return {
        written: state.written,
        retries: state.retries + f.retries,
        dropped: f.dropped,
        rejected: state.rejected + f.rejected,
        pending: state.pushing + f.pending + state.buffered,
        buffered: state.buffered,
        spilled: state.spilled,
      };
    },
    async close() {
      state.closed = true;
      clearInterval(poll);
      ctx.pause.wake();
      if (state.running) await new Promise<void>((r) => state.idle.push(r));
    },
  };
}

/**
 * While the buffer Redis is down, records wait in memory and go to whichever of Redis and the store comes back
 * first: to Redis when it can (durable again), straight to the store otherwise.
 */
function createMemoryFallback(ctx: DrainContext, options: DurableWriterOptions): ConversationWriter {
  const { redis, key, store, logger, state } = ctx;
  return createRetryingConversationWriter({
    store: {
      // save alone, so that every record tries Redis first; the store's own saveMany would skip it.
      conversations: {
        async save(record) {
          try {
            await redis.rpush(key, encode(record));
            state.buffered += 1;
            void drain(ctx);
          } catch {
            await store.conversations.save(record);
            state.written += 1;
          }
        },
      },
    },
    maxQueue: options.maxMemoryQueue,
    baseDelayMs: options.baseDelayMs,
    maxDelayMs: options.maxDelayMs,
    ...(logger ? { logger } : {}),
  });
}

function push(ctx: DrainContext, fallback: ConversationWriter, pushes: Set<Promise<void>>, record: ConversationRecord) {
  const { state, logger } = ctx;
  state.pushing += 1;
  const p = ctx.redis
    .rpush(ctx.key, encode(record))
    .then(
      () => {
        state.buffered += 1;
        void drain(ctx);
      },
      (err: unknown) => {
        state.spilled += 1;
        logger?.warn(
          { err: { message: (err as Error)?.message }, conversationId: record.id },
          'conversation buffer Redis unavailable; holding the record in memory',
        );
        fallback.write(record);
      },
    )
    .finally(() => {
      state.pushing -= 1;
      pushes.delete(p);
    });
  pushes.add(p);
}

async function flushAll(
  ctx: DrainContext,
  fallback: ConversationWriter,
  pushes: Set<Promise<void>>,
  timeoutMs: number,
): Promise<number> {
  const { state } = ctx;
  const until = Date.now() + timeoutMs;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((r) => {
    timer = setTimeout(r, timeoutMs);
  });
  state.flushing += 1;
  try {
    await Promise.race([Promise.allSettled([...pushes]), timeout]);
    ctx.pause.wake();
    const drained = (async () => {
      // One full drain after the last push; a drain already running is waited for, then run once more.
      if (state.running) await new Promise<void>((r) => state.idle.push(r));
      await drain(ctx);
    })();
    await Promise.race([drained, timeout]);
  } finally {
    clearTimeout(timer);
    state.flushing -= 1;
  }
  const inMemory = await fallback.flush(Math.max(0, until - Date.now()));
  if (state.buffered > 0)
    ctx.logger?.warn(
      { buffered: state.buffered },
      'conversations left in the Redis buffer; the next process flushes them',
    );
  return inMemory + state.pushing;
}
