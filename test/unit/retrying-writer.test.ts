import { describe, expect, it } from 'vitest';
import { RiskXpertError } from '../../src/errors.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { createRetryingConversationWriter } from '../../src/store/retrying-writer.js';
import type { ConversationRecord, ConversationStore } from '../../src/store/store.js';
import { conversation } from '../contract/store.contract.js';
import { waitUntil } from '../fakes/wait-until.js';

/** A real memory store behind a switch: down for the next `failures` saves, or until `up()`. */
function flakyStore(failures: number) {
  const inner = createMemoryStore();
  const attempts: string[] = [];
  const saved: string[] = [];
  let left = failures;
  let forever = false;
  // No saveMany: every attempt goes through the switch below, one record at a time.
  const { saveMany: _batches, ...oneByOne } = inner.conversations;
  const conversations: ConversationStore = {
    ...oneByOne,
    async save(r: ConversationRecord) {
      attempts.push(r.id);
      if (forever || left > 0) {
        left -= 1;
        throw new RiskXpertError('STORE_UNAVAILABLE', 'MongoDB down');
      }
      await inner.conversations.save(r);
      saved.push(r.id);
    },
  };
  return {
    store: { conversations },
    inner,
    attempts,
    saved,
    down: () => (forever = true),
    up: () => {
      forever = false;
      left = 0;
    },
  };
}

const silent = () => {
  const lines: { level: string; msg: string }[] = [];
  return {
    lines,
    warn: (_o: unknown, msg?: string) => void lines.push({ level: 'warn', msg: msg ?? '' }),
    error: (_o: unknown, msg?: string) => void lines.push({ level: 'error', msg: msg ?? '' }),
  };
};

describe('retrying conversation writer', () => {
  it('returns at once and saves every record exactly once, in order, through a run of failures', async () => {
    const s = flakyStore(5);
    const logger = silent();
    const writer = createRetryingConversationWriter({
      store: s.store,
      maxQueue: 100,
      baseDelayMs: 2,
      maxDelayMs: 10,
      logger,
    });
    const records = Array.from({ length: 20 }, () => conversation());
    const t0 = Date.now();
    for (const r of records) writer.write(r);
    expect(Date.now() - t0).toBeLessThan(1_000);
    expect(writer.pending()).toBe(20);

    expect(await writer.flush(10_000)).toBe(0);
    expect(s.saved).toEqual(records.map((r) => r.id));
    // The first record was tried 6 times (5 failures), every other one once: order is never overtaken.
    expect(s.attempts.slice(0, 6)).toEqual(Array(6).fill(records[0]!.id));
    expect(s.attempts.length).toBe(25);
    expect(writer.stats()).toEqual({ written: 20, retries: 5, dropped: 0, rejected: 0, pending: 0 });
    for (const r of records) expect(await s.inner.conversations.get(r.id)).toEqual(r);
    expect(logger.lines.filter((l) => l.level === 'warn')).toHaveLength(5);
  });

  it('backs off exponentially, capped at maxDelayMs', async () => {
    const s = flakyStore(6);
    const times: number[] = [];
    const save = s.store.conversations.save;
    s.store.conversations.save = async (r) => {
      times.push(performance.now());
      return save(r);
    };
    // random() = 1: the delay is the full ceiling, so the gaps are 20, 40, 80, 100, 100, 100 ms.
    const writer = createRetryingConversationWriter({
      store: s.store,
      maxQueue: 10,
      baseDelayMs: 20,
      maxDelayMs: 100,
      random: () => 0.999_999,
    });
    writer.write(conversation());
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (writer.pending() === 0) {
          clearInterval(poll);
          resolve();
        }
      }, 5);
    });
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(gaps).toHaveLength(6);
    // Lower bounds only (timers never fire early by much); the upper side is not asserted on a busy machine.
    [20, 40, 80, 100, 100, 100].forEach((min, i) => expect(gaps[i]!).toBeGreaterThanOrEqual(min - 2));
    expect(gaps[2]!).toBeGreaterThan(gaps[0]!);
  });

  it('flush cuts a long backoff short and drains once the store is back', async () => {
    const s = flakyStore(0);
    s.down();
    const writer = createRetryingConversationWriter({
      store: s.store,
      maxQueue: 10,
      baseDelayMs: 60_000,
      maxDelayMs: 60_000,
    });
    const records = [conversation(), conversation()];
    for (const r of records) writer.write(r);
    await waitUntil(() => s.attempts.length > 0, 'the first attempt'); // it failed; the writer now backs off for a minute
    expect(s.attempts).toHaveLength(1);
    s.up();
    const t0 = Date.now();
    expect(await writer.flush(10_000)).toBe(0);
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(s.saved).toEqual(records.map((r) => r.id));
  });

  it('flush gives up at its timeout and reports what is still pending', async () => {
    const s = flakyStore(0);
    s.down();
    const logger = silent();
    const writer = createRetryingConversationWriter({
      store: s.store,
      maxQueue: 10,
      baseDelayMs: 5,
      maxDelayMs: 20,
      logger,
    });
    writer.write(conversation());
    writer.write(conversation());
    const t0 = Date.now();
    expect(await writer.flush(150)).toBe(2);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    expect(logger.lines.some((l) => l.level === 'error' && /pending after flush/u.test(l.msg))).toBe(true);
    expect(writer.stats().written).toBe(0);
    // Nothing is lost while the process lives: the store comes back, the records go in.
    s.up();
    expect(await writer.flush(10_000)).toBe(0);
    expect(writer.stats()).toMatchObject({ written: 2, pending: 0 });
  });

  it('keeps the oldest records when full and counts (and logs) every refused one', async () => {
    const s = flakyStore(0);
    s.down();
    const logger = silent();
    const writer = createRetryingConversationWriter({
      store: s.store,
      maxQueue: 3,
      baseDelayMs: 5,
      maxDelayMs: 10,
      logger,
    });
    const records = Array.from({ length: 7 }, () => conversation());
    for (const r of records) writer.write(r);
    expect(writer.stats()).toMatchObject({ pending: 3, dropped: 4, written: 0 });
    expect(logger.lines.filter((l) => l.level === 'error' && /queue full/u.test(l.msg))).toHaveLength(4);
    s.up();
    expect(await writer.flush(10_000)).toBe(0);
    expect(s.saved).toEqual(records.slice(0, 3).map((r) => r.id));
    // Room again: new records are accepted.
    const late = conversation();
    writer.write(late);
    expect(await writer.flush(10_000)).toBe(0);
    expect(s.saved.at(-1)).toBe(late.id);
    expect(writer.stats()).toEqual({ written: 4, retries: expect.any(Number), dropped: 4, rejected: 0, pending: 0 });
  });

  it('gives up a record the store refuses (non-retryable) instead of blocking the queue behind it', async () => {
    const store = createMemoryStore();
    const logger = silent();
    const writer = createRetryingConversationWriter({ store, maxQueue: 10, baseDelayMs: 5, maxDelayMs: 10, logger });
    const good1 = conversation();
    const bad = conversation({ userId: { $ne: null } as unknown as string });
    const good2 = conversation();
    writer.write(good1);
    writer.write(bad);
    writer.write(good2);
    expect(await writer.flush(5_000)).toBe(0);
    expect(writer.stats()).toEqual({ written: 2, retries: 0, dropped: 0, rejected: 1, pending: 0 });
    expect(await store.conversations.get(good2.id)).toBeDefined();
    expect(logger.lines.some((l) => l.level === 'error' && /refused/u.test(l.msg))).toBe(true);
  });

  it('retries errors that are not RiskXpertErrors (a driver error escaping a store)', async () => {
    const inner = createMemoryStore();
    let fail = 2;
    const { saveMany: _batches, ...oneByOne } = inner.conversations;
    const store = {
      conversations: {
        ...oneByOne,
        async save(r: ConversationRecord) {
          if (fail-- > 0) throw new TypeError('socket hang up');
          await inner.conversations.save(r);
        },
      },
    };
    const writer = createRetryingConversationWriter({ store, maxQueue: 10, baseDelayMs: 2, maxDelayMs: 5 });
    const r = conversation();
    writer.write(r);
    expect(await writer.flush(5_000)).toBe(0);
    expect(writer.stats()).toMatchObject({ written: 1, retries: 2, rejected: 0 });
  });

  it('saves the records of one event-loop turn in one batch where the store takes batches, in order', async () => {
    const inner = createMemoryStore();
    const batches: string[][] = [];
    let failures = 1;
    const store = {
      conversations: {
        ...inner.conversations,
        async saveMany(records: readonly ConversationRecord[]) {
          batches.push(records.map((r) => r.id));
          if (failures-- > 0) throw new RiskXpertError('STORE_UNAVAILABLE', 'database locked');
          await inner.conversations.saveMany!(records);
        },
      },
    };
    const writer = createRetryingConversationWriter({ store, maxQueue: 1_000, baseDelayMs: 2, maxDelayMs: 5 });
    const records = Array.from({ length: 250 }, () => conversation({ userId: 'telegram:batch' }));
    for (const r of records) writer.write(r);
    expect(await writer.flush(5_000)).toBe(0);
    // The first batch of 100 failed once and was tried again whole; then 100 and 50.
    expect(batches.map((b) => b.length)).toEqual([100, 100, 100, 50]);
    expect(batches.flat().slice(100)).toEqual(records.map((r) => r.id));
    expect(writer.stats()).toEqual({ written: 250, retries: 1, dropped: 0, rejected: 0, pending: 0 });
    const listed = await inner.conversations.listByUser('telegram:batch', { limit: 100 });
    expect(listed).toHaveLength(100);
  });

  it('a batch the store refuses is saved again one by one, so only the bad record is given up', async () => {
    const store = createMemoryStore();
    const logger = silent();
    const writer = createRetryingConversationWriter({ store, maxQueue: 10, baseDelayMs: 5, maxDelayMs: 10, logger });
    const before = [conversation(), conversation()];
    const bad = conversation({ createdAt: new Date(Number.NaN) });
    const after = [conversation(), conversation()];
    for (const r of [...before, bad, ...after]) writer.write(r);
    expect(await writer.flush(5_000)).toBe(0);
    expect(writer.stats()).toEqual({ written: 4, retries: 0, dropped: 0, rejected: 1, pending: 0 });
    for (const r of [...before, ...after]) expect(await store.conversations.get(r.id)).toEqual(r);
    expect(await store.conversations.get(bad.id)).toBeUndefined();
    // Later records go in batches again.
    const late = [conversation(), conversation()];
    for (const r of late) writer.write(r);
    expect(await writer.flush(5_000)).toBe(0);
    expect(writer.stats().written).toBe(6);
  });

  it('flush on an empty writer resolves at once', async () => {
    const writer = createRetryingConversationWriter({
      store: createMemoryStore(),
      maxQueue: 1,
      baseDelayMs: 1,
      maxDelayMs: 1,
    });
    expect(await writer.flush(60_000)).toBe(0);
    expect(writer.stats()).toEqual({ written: 0, retries: 0, dropped: 0, rejected: 0, pending: 0 });
  });
});
