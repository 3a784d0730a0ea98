import type { Redis } from 'ioredis';
import { z } from 'zod';
import { isRiskXpertError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { ConversationRecord, Store } from './store.js';
import type { WriterBackoff } from './writer-backoff.js';

/** The durable writer's counters and loop flags, shared by the write path and the drain loop. */
export interface DrainState {
  pushing: number;
  buffered: number;
  written: number;
  retries: number;
  rejected: number;
  spilled: number;
  attempt: number;
  running: boolean;
  closed: boolean;
  flushing: number;
  storeDown: boolean;
  /** Waiters for the drain now running to end (flush and close). */
  idle: (() => void)[];
}

export interface DrainContext {
  redis: Redis;
  key: string;
  store: Pick<Store, 'conversations'>;
  logger?: Pick<Logger, 'warn' | 'error' | 'info'> | undefined;
  batchSize: number;
  pause: WriterBackoff;
  state: DrainState;
}

export function newDrainState(): DrainState {
  const counts = { pushing: 0, buffered: 0, written: 0, retries: 0, rejected: 0, spilled: 0, attempt: 0, flushing: 0 };
  return { ...counts, running: false, closed: false, storeDown: false, idle: [] };
}

// What we put in the buffer ourselves; checked on the way out only so that a corrupt entry cannot wedge the drain.
const bufferedRecord = z.looseObject({ id: z.string().min(1), createdAt: z.string() });

export function encode(record: ConversationRecord): string {
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

/** Runs passes until the buffer is empty, Redis is unreachable or the writer closes; one loop at a time. */
export async function drain(ctx: DrainContext): Promise<void> {
  const { state } = ctx;
  if (state.running || state.closed) return;
  state.running = true;
  try {
    while (!state.closed && (await pass(ctx)));
  } finally {
    state.running = false;
    const waiting = state.idle;
    state.idle = [];
    for (const w of waiting) w();
  }
}

/** Saves one batch; false when the loop should stop (buffer empty, or Redis unreachable). */
async function pass(ctx: DrainContext): Promise<boolean> {
  const { state } = ctx;
  const items = await readBatch(ctx);
  if (!items || items.length === 0) return false;
  for (const raw of items) {
    if (state.closed) return false;
    // The store is down: the back-off pause already ran, and the same batch is read again.
    if (!(await saveEntry(ctx, raw))) return !state.closed;
    state.attempt = 0;
    if (state.storeDown) {
      state.storeDown = false;
      ctx.logger?.info({ buffered: state.buffered }, 'store is back; flushing the conversation buffer');
    }
    try {
      await ctx.redis.lrem(ctx.key, 1, raw);
      state.buffered = Math.max(0, state.buffered - 1);
    } catch {
      // Saved but still listed: the next pass saves it again over the same id, which changes nothing.
      return false;
    }
  }
  return true;
}

async function readBatch(ctx: DrainContext): Promise<string[] | undefined> {
  try {
    const items = await ctx.redis.lrange(ctx.key, 0, ctx.batchSize - 1);
    ctx.state.buffered = items.length < ctx.batchSize ? items.length : await ctx.redis.llen(ctx.key);
    return items;
  } catch {
    // The buffer Redis is down: the poll timer (or the next write) tries again.
    return undefined;
  }
}

/** True when the entry is done with (saved, unreadable or refused for good); false when the store is down. */
async function saveEntry(ctx: DrainContext, raw: string): Promise<boolean> {
  const { state, logger } = ctx;
  const record = decode(raw);
  if (!record) {
    state.rejected += 1;
    logger?.error({ bytes: raw.length }, 'unreadable entry in the conversation buffer; removed');
    return true;
  }
  try {
    await ctx.store.conversations.save(record);
    state.written += 1;
    return true;
  } catch (err) {
    if (isRiskXpertError(err) && !err.retryable) {
      state.rejected += 1;
      logger?.error(
        { err: err.toJSON(), conversationId: record.id },
        'buffered conversation refused by the store; given up',
      );
      return true;
    }
    await backOff(ctx, err);
    return false;
  }
}

async function backOff(ctx: DrainContext, err: unknown): Promise<void> {
  const { state } = ctx;
  state.attempt += 1;
  state.retries += 1;
  const delayMs = Math.round(ctx.pause.delayFor(state.attempt, state.flushing > 0));
  if (!state.storeDown)
    ctx.logger?.warn(
      {
        err: isRiskXpertError(err) ? err.toJSON() : { message: (err as Error)?.message },
        buffered: state.buffered,
        delayMs,
      },
      'store unavailable; conversations stay in the Redis buffer',
    );
  state.storeDown = true;
  await ctx.pause.sleep(delayMs);
}
