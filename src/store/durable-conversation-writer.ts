import type { Redis } from 'ioredis';
import { z } from 'zod';
import { isRiskXpertError } from '../errors.js';
import { outsideRequest } from '../request-context.js';
import type { Logger } from '../logger.js';
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

// What we put in the buffer ourselves; checked on the way out only so that a corrupt entry cannot wedge the drain.
const bufferedRecord = z.looseObject({ id: z.string().min(1), createdAt: z.string() });

function encode(record: ConversationRecord): string {
  return JSON.stringify(record);
}

function decode(raw: string): ConversationRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const parsed = bufferedRecord.safeParse(value);
  if (!parsed.success) return undefined;
  const createdAt = new Date(parsed.data.createdAt);
  if (Number.isNaN(createdAt.getTime())) return undefined;
  return { ...(parsed.data as unknown as ConversationRecord), createdAt };
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
  // While the buffer Redis is down, records wait in memory and go to whichever of Redis and the store comes back
  // first: to Redis when it can (durable again), straight to the store otherwise.
  const fallback: ConversationWriter = createRetryingConversationWriter({
    store: {
      conversations: {
        ...store.conversations,
        async save(record) {
          try {
            await redis.rpush(key, encode(record));
            buffered += 1;
            outsideRequest(() => void drain());
          } catch {
            await store.conversations.save(record);
            written += 1;
          }
        },
      },
    },
    maxQueue: options.maxMemoryQueue,
    baseDelayMs: options.baseDelayMs,
    maxDelayMs: options.maxDelayMs,
    ...(logger ? { logger } : {}),
  });
  const batchSize = options.batchSize ?? 50;
  const pollMs = options.pollMs ?? 5_000;
  let pushing = 0;
  let buffered = 0;
  let written = 0;
  let retries = 0;
  let rejected = 0;
  let spilled = 0;
  let attempt = 0;
  let running = false;
  let closed = false;
  let flushing = 0;
  let storeDown = false;
  let idle: (() => void)[] = [];
  const pushes = new Set<Promise<void>>();

  const pause = createWriterBackoff({ baseDelayMs: options.baseDelayMs, maxDelayMs: options.maxDelayMs });

  /** Saves one batch; false when the loop should stop (buffer empty, or Redis unreachable). */
  async function pass(): Promise<boolean> {
    let items: string[];
    try {
      items = await redis.lrange(key, 0, batchSize - 1);
      buffered = items.length < batchSize ? items.length : await redis.llen(key);
    } catch {
      // The buffer Redis is down: the poll timer (or the next write) tries again.
      return false;
    }
    if (items.length === 0) return false;
    for (const raw of items) {
      if (closed) return false;
      const record = decode(raw);
      if (!record) {
        rejected += 1;
        logger?.error({ bytes: raw.length }, 'unreadable entry in the conversation buffer; removed');
      } else {
        try {
          await store.conversations.save(record);
          written += 1;
        } catch (err) {
          if (isRiskXpertError(err) && !err.retryable) {
            rejected += 1;
            logger?.error(
              { err: err.toJSON(), conversationId: record.id },
              'buffered conversation refused by the store; given up',
            );
          } else {
            attempt += 1;
            retries += 1;
            const delayMs = Math.round(pause.delayFor(attempt, flushing > 0));
            if (!storeDown)
              logger?.warn(
                { err: isRiskXpertError(err) ? err.toJSON() : { message: (err as Error)?.message }, buffered, delayMs },
                'store unavailable; conversations stay in the Redis buffer',
              );
            storeDown = true;
            await pause.sleep(delayMs);
            return !closed;
          }
        }
      }
      attempt = 0;
      if (storeDown) {
        storeDown = false;
        logger?.info({ buffered }, 'store is back; flushing the conversation buffer');
      }
      try {
        await redis.lrem(key, 1, raw);
        buffered = Math.max(0, buffered - 1);
      } catch {
        // Saved but still listed: the next pass saves it again over the same id, which changes nothing.
        return false;
      }
    }
    return true;
  }

  async function drain(): Promise<void> {
    if (running || closed) return;
    running = true;
    try {
      while (!closed && (await pass()));
    } finally {
      running = false;
      const waiting = idle;
      idle = [];
      for (const w of waiting) w();
    }
  }

  const poll = outsideRequest(() => setInterval(() => void drain(), pollMs));
  poll.unref?.();
  // Records a previous process left behind are flushed without waiting for the first write.
  outsideRequest(() => void drain());

  return {
    write(record) {
      pushing += 1;
      const p = redis
        .rpush(key, encode(record))
        .then(
          () => {
            buffered += 1;
            outsideRequest(() => void drain());
          },
          (err: unknown) => {
            spilled += 1;
            logger?.warn(
              { err: { message: (err as Error)?.message }, conversationId: record.id },
              'conversation buffer Redis unavailable; holding the record in memory',
            );
            fallback.write(record);
          },
        )
        .finally(() => {
          pushing -= 1;
          pushes.delete(p);
        });
      pushes.add(p);
    },
    async flush(timeoutMs) {
      const until = Date.now() + timeoutMs;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((r) => {
        timer = setTimeout(r, timeoutMs);
      });
      flushing += 1;
      try {
        await Promise.race([Promise.allSettled([...pushes]), timeout]);
        pause.wake();
        const drained = (async () => {
          // One full drain after the last push; a drain already running is waited for, then run once more.
          if (running) await new Promise<void>((r) => idle.push(r));
          await drain();
        })();
        await Promise.race([drained, timeout]);
      } finally {
        clearTimeout(timer);
        flushing -= 1;
      }
      const inMemory = await fallback.flush(Math.max(0, until - Date.now()));
      if (buffered > 0)
        logger?.warn({ buffered }, 'conversations left in the Redis buffer; the next process flushes them');
      return inMemory + pushing;
    },
    pending: () => pushing + fallback.pending() + buffered,
    stats: () => {
      const f = fallback.stats();
      return {
        written,
        retries: retries + f.retries,
        dropped: f.dropped,
        rejected: rejected + f.rejected,
        pending: pushing + f.pending + buffered,
        buffered,
        spilled,
      };
    },
    async close() {
      closed = true;
      clearInterval(poll);
      pause.wake();
      if (running) await new Promise<void>((r) => idle.push(r));
    },
  };
}
