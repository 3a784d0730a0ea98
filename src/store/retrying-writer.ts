import { isRiskXpertError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { ConversationRecord, ConversationStore } from './store.js';
import { createWriterBackoff, type WriterBackoff } from './writer-backoff.js';

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
  /** Only the writes: a wrapper that routes `save` elsewhere must not hand over a `saveMany` that skips it. */
  store: { conversations: Pick<ConversationStore, 'save' | 'saveMany'> };
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
 * In order, in batches where the store saves several in one write (`saveMany`). A retryable failure (STORE_UNAVAILABLE, or anything that is not a
 * RiskXpertError) is retried with exponential backoff forever; a non-retryable one (the store refusing the
 * record) would block the queue for good, so that record is given up, counted and logged.
 * When the queue is full the records already queued are kept (oldest first) and the new one is refused.
 */
export function createRetryingConversationWriter(options: RetryingWriterOptions): ConversationWriter {
  const random = options.random ?? Math.random;
  const w: WriterState = {
    options,
    pause: createWriterBackoff({ baseDelayMs: options.baseDelayMs, maxDelayMs: options.maxDelayMs, random }),
    queue: [],
    running: false,
    written: 0,
    retries: 0,
    dropped: 0,
    rejected: 0,
    idle: [],
    flushing: 0,
    singles: 0,
  };
  return {
    write(record) {
      if (w.queue.length >= options.maxQueue) {
        w.dropped += 1;
        options.logger?.error(
          { conversationId: record.id, dropped: w.dropped, pending: w.queue.length },
          'conversation write queue full; record dropped',
        );
        return;
      }
      w.queue.push(record);
      if (w.running) return;
      w.running = true;
      // On the next turn of the event loop, not now: the answers handled in this turn are saved together (one SQLite
      // transaction for many instead of one each, on the answer's own tick).
      setImmediate(() => void drain(w));
    },
    flush: (timeoutMs) => flush(w, timeoutMs),
    pending: () => w.queue.length,
    stats: () => ({
      written: w.written,
      retries: w.retries,
      dropped: w.dropped,
      rejected: w.rejected,
      pending: w.queue.length,
    }),
  };
}

interface WriterState {
  options: RetryingWriterOptions;
  pause: WriterBackoff;
  queue: ConversationRecord[];
  running: boolean;
  written: number;
  retries: number;
  dropped: number;
  rejected: number;
  /** Waiters for the queue to empty (flush). */
  idle: (() => void)[];
  flushing: number;
  /** Records still to be saved one by one, after a batch that held a record the store refused. */
  singles: number;
}

/** Records saved in one store write when the store can (saveMany). */
const BATCH = 100;

async function drain(w: WriterState): Promise<void> {
  let attempt = 0;
  while (w.queue.length > 0) attempt = await saveNext(w, attempt);
  w.running = false;
  const waiting = w.idle;
  w.idle = [];
  for (const wake of waiting) wake();
}

/**
 * One try at the oldest records (a batch where the store takes several, else one); returns the attempt count for the
 * next try (0 once they are done with).
 */
async function saveNext(w: WriterState, attempt: number): Promise<number> {
  const { logger, store } = w.options;
  const size = store.conversations.saveMany && w.singles === 0 ? Math.min(BATCH, w.queue.length) : 1;
  const record = w.queue[0]!;
  try {
    if (size > 1) await store.conversations.saveMany!(w.queue.slice(0, size));
    else await store.conversations.save(record);
    w.queue.splice(0, size);
    w.written += size;
    if (w.singles > 0) w.singles -= 1;
    return 0;
  } catch (err) {
    if (isRiskXpertError(err) && !err.retryable) {
      // A refused batch: save the same records again one by one, so only the refused one is given up.
      if (size > 1) {
        w.singles = size;
        return 0;
      }
      w.queue.shift();
      w.rejected += 1;
      if (w.singles > 0) w.singles -= 1;
      logger?.error(
        { err: err.toJSON(), conversationId: record.id },
        'conversation record refused by the store; given up',
      );
      return 0;
    }
    const next = attempt + 1;
    w.retries += 1;
    const delayMs = Math.round(w.pause.delayFor(next, w.flushing > 0));
    logger?.warn(
      {
        err: isRiskXpertError(err) ? err.toJSON() : { message: (err as Error)?.message },
        attempt: next,
        pending: w.queue.length,
        delayMs,
      },
      'conversation write failed; will retry',
    );
    await w.pause.sleep(delayMs);
    return next;
  }
}

async function flush(w: WriterState, timeoutMs: number): Promise<number> {
  if (w.queue.length === 0) return 0;
  w.flushing += 1;
  w.pause.wake();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      new Promise<void>((r) => w.idle.push(r)),
      new Promise<void>((r) => {
        timer = setTimeout(r, timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    w.flushing -= 1;
  }
  if (w.queue.length > 0) {
    w.options.logger?.error({ pending: w.queue.length, timeoutMs }, 'conversation writes still pending after flush');
  }
  return w.queue.length;
}
