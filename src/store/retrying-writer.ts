import { isRiskXpertError } from '../errors.js';
import { outsideRequest } from '../request-context.js';
import type { Logger } from '../logger.js';
import type { ConversationRecord, Store } from './store.js';
import { createWriterBackoff } from './writer-backoff.js';

export interface WriterStats {
  /** Saved by the store. */
  written: number;
  /** Failed attempts that were tried again. */
  retries: number;
  /** Refused because the queue was full (never silent: also logged at error level). */
  dropped: number;
  /** Given up because the store refused the record itself (a non-retryable error such as BAD_REQUEST). */
  rejected: number;
  pending: number;
}

/**
 * What the engine needs from a conversation writer. An implementation with a durable (Redis-backed) buffer
 * can replace this one without the engine noticing.
 */
export interface ConversationWriter {
  /** Queues the record and returns at once; never throws, never blocks the answer. */
  write(record: ConversationRecord): void;
  /** Waits until the queue is empty or the timeout passes; resolves to the number still pending. */
  flush(timeoutMs: number): Promise<number>;
  pending(): number;
  stats(): WriterStats;
}

/** Kept for the callers written before the interface got its general name. */
export type RetryingConversationWriter = ConversationWriter;

export interface RetryingWriterOptions {
  store: Pick<Store, 'conversations'>;
  /** Records held while the store is down; beyond it new records are refused and counted. */
  maxQueue: number;
  /** First retry delay; doubles per failed attempt up to maxDelayMs (with jitter, so many processes do not retry in step). */
  baseDelayMs: number;
  maxDelayMs: number;
  logger?: Pick<Logger, 'warn' | 'error'>;
  /** For tests: a source of randomness in [0, 1). */
  random?: () => number;
}

/**
 * Conversation writes leave the answer path: a Mongo outage delays them, it does not lose them (up to
 * `maxQueue`; nothing survives a process restart until the durable buffer lands).
 * One record at a time, in order. A retryable failure (STORE_UNAVAILABLE, or anything that is not a
 * RiskXpertError) is retried with exponential backoff forever; a non-retryable one (the store refusing the
 * record) would block the queue for good, so that record is given up, counted and logged.
 * When the queue is full the records already queued are kept (oldest first) and the new one is refused.
 */
export function createRetryingConversationWriter(options: RetryingWriterOptions): ConversationWriter {
  const queue: ConversationRecord[] = [];
  const random = options.random ?? Math.random;
  let running = false;
  let written = 0;
  let retries = 0;
  let dropped = 0;
  let rejected = 0;
  let idle: (() => void)[] = [];
  let flushing = 0;

  const pause = createWriterBackoff({ baseDelayMs: options.baseDelayMs, maxDelayMs: options.maxDelayMs, random });

  async function drain(): Promise<void> {
    running = true;
    let attempt = 0;
    while (queue.length > 0) {
      const record = queue[0]!;
      try {
        await options.store.conversations.save(record);
        queue.shift();
        written += 1;
        attempt = 0;
      } catch (err) {
        if (isRiskXpertError(err) && !err.retryable) {
          queue.shift();
          rejected += 1;
          attempt = 0;
          options.logger?.error(
            { err: err.toJSON(), conversationId: record.id },
            'conversation record refused by the store; given up',
          );
          continue;
        }
        attempt += 1;
        retries += 1;
        const delayMs = Math.round(pause.delayFor(attempt, flushing > 0));
        options.logger?.warn(
          {
            err: isRiskXpertError(err) ? err.toJSON() : { message: (err as Error)?.message },
            attempt,
            pending: queue.length,
            delayMs,
          },
          'conversation write failed; will retry',
        );
        await pause.sleep(delayMs);
      }
    }
    running = false;
    const waiting = idle;
    idle = [];
    for (const w of waiting) w();
  }

  return {
    write(record) {
      if (queue.length >= options.maxQueue) {
        dropped += 1;
        options.logger?.error(
          { conversationId: record.id, dropped, pending: queue.length },
          'conversation write queue full; record dropped',
        );
        return;
      }
      queue.push(record);
      // The drain serves every later record too: it must not carry this request's id into their log lines.
      if (!running) outsideRequest(() => void drain());
    },
    async flush(timeoutMs) {
      if (queue.length === 0) return 0;
      flushing += 1;
      pause.wake();
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          new Promise<void>((r) => idle.push(r)),
          new Promise<void>((r) => {
            timer = setTimeout(r, timeoutMs);
          }),
        ]);
      } finally {
        clearTimeout(timer);
        flushing -= 1;
      }
      if (queue.length > 0) {
        options.logger?.error({ pending: queue.length, timeoutMs }, 'conversation writes still pending after flush');
      }
      return queue.length;
    },
    pending: () => queue.length,
    stats: () => ({ written, retries, dropped, rejected, pending: queue.length }),
  };
}
