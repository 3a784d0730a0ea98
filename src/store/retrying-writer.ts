import type { Logger } from '../logger.js';
import type { ConversationRecord, Store } from './store.js';

export interface RetryingConversationWriter {
  /** Queues the record and returns at once; never throws, never blocks the answer. */
  write(record: ConversationRecord): void;
  /** Waits until the queue is empty or the timeout passes; resolves to the number still pending. */
  flush(timeoutMs: number): Promise<number>;
  pending(): number;
  stats(): { written: number; retries: number; dropped: number; pending: number };
}

/**
 * Conversation writes leave the answer path: a Mongo outage delays them, it does not lose them.
 * One record at a time, in order, with exponential backoff between attempts. When the queue is full the
 * newest record is refused and counted as dropped: an operator sees it in stats, it is never silent.
 * (The durable, Redis-backed buffer that survives a restart comes with the operations work.)
 */
export function createRetryingConversationWriter(options: {
  store: Pick<Store, 'conversations'>;
  maxQueue: number;
  baseDelayMs: number;
  maxDelayMs: number;
  logger?: Logger;
}): RetryingConversationWriter {
  const queue: ConversationRecord[] = [];
  let running = false;
  let written = 0;
  let retries = 0;
  let dropped = 0;
  let idle: (() => void)[] = [];
  let closing = false;

  const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref?.());

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
        attempt += 1;
        retries += 1;
        const delay = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.min(attempt - 1, 20));
        options.logger?.warn({ err, attempt, pending: queue.length, delayMs: delay }, 'conversation write failed; will retry');
        await sleep(closing ? Math.min(delay, 100) : delay);
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
        options.logger?.error({ conversationId: record.id, dropped }, 'conversation write queue full; record dropped');
        return;
      }
      queue.push(record);
      if (!running) void drain();
    },
    async flush(timeoutMs) {
      if (queue.length === 0) return 0;
      closing = true;
      await Promise.race([new Promise<void>((r) => idle.push(r)), sleep(timeoutMs)]);
      closing = false;
      return queue.length;
    },
    pending: () => queue.length,
    stats: () => ({ written, retries, dropped, pending: queue.length }),
  };
}
