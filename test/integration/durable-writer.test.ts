import { spawn } from 'node:child_process';
import type { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { createCacheRedisClient } from '../../src/cache/redis-client.js';
import { RiskXpertError } from '../../src/errors.js';
import { createDurableConversationWriter } from '../../src/store/durable-conversation-writer.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import type { ConversationRecord, ConversationStore } from '../../src/store/store.js';
import { conversation } from '../contract/store.contract.js';
import { startPrivateRedis } from '../fakes/private-redis.js';
import { useTestRedis } from '../fakes/test-redis.js';

const testRedis = useTestRedis();
const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!().catch(() => undefined);
});

/**
 * The memory store behind a switch, standing in for a MongoDB that goes away. `saves` counts accepted saves per
 * id (a second one is a harmless idempotent repeat); what is stored is read back from the store itself.
 */
function switchableStore() {
  const inner = createMemoryStore();
  let up = false;
  const saves = new Map<string, number>();
  const conversations: ConversationStore = {
    ...inner.conversations,
    async save(r: ConversationRecord) {
      if (!up)
        throw new RiskXpertError(
          'STORE_UNAVAILABLE',
          'MongoDB save conversation failed: connect ECONNREFUSED 127.0.0.1:1',
        );
      await inner.conversations.save(r);
      saves.set(r.id, (saves.get(r.id) ?? 0) + 1);
    },
    // Behind the same switch: a batch write to a MongoDB that is down fails like a single one.
    async saveMany(rs: readonly ConversationRecord[]) {
      for (const r of rs) await conversations.save(r);
    },
  };
  return { store: { conversations }, inner, saves, up: () => (up = true), down: () => (up = false) };
}

function uniqueKey(): string {
  return `rx-test-convbuf-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
}

async function client(url = testRedis.url): Promise<Redis> {
  const redis = createCacheRedisClient(url, { commandTimeoutMs: 1_000 });
  closers.push(async () => redis.disconnect());
  if (redis.status !== 'ready') await new Promise((r) => redis.once('ready', r));
  return redis;
}

function writerFor(redis: Redis, key: string, store: ReturnType<typeof switchableStore>['store']) {
  const writer = createDurableConversationWriter({
    redis,
    key,
    store,
    maxMemoryQueue: 1_000,
    baseDelayMs: 10,
    maxDelayMs: 50,
    pollMs: 100,
  });
  closers.push(() => writer.close());
  return writer;
}

async function until(check: () => Promise<boolean> | boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('durable conversation writer (real Redis)', () => {
  it('keeps conversations in Redis while the store is down and stores each exactly once when it returns', async () => {
    const redis = await client();
    const key = uniqueKey();
    closers.push(() => redis.del(key));
    const s = switchableStore();
    const writer = writerFor(redis, key, s.store);
    const records = Array.from({ length: 30 }, () => conversation());
    for (const r of records) writer.write(r);
    await until(async () => (await redis.llen(key)) === 30 && writer.stats().retries > 0);
    expect(s.saves.size).toBe(0);

    s.up();
    expect(await writer.flush(10_000)).toBe(0);
    await until(async () => (await redis.llen(key)) === 0);
    expect([...s.saves.keys()].sort()).toEqual(records.map((r) => r.id).sort());
    expect([...s.saves.values()].every((n) => n === 1)).toBe(true);
    const back = await s.inner.conversations.get(records[0]!.id);
    expect(back).toEqual(records[0]);
    expect(back!.createdAt).toBeInstanceOf(Date);
  });

  it('loses nothing when the process is killed while the store is down: the next process flushes the buffer', async () => {
    const key = uniqueKey();
    const idPrefix = `restart-${process.pid}-${Date.now()}`;
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/integration/durable-writer-child.ts', testRedis.url, key, idPrefix, '25'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise((r) => child.once('exit', r));
    closers.push(async () => {
      child.kill('SIGKILL');
      await exited;
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('child never buffered its records')), 30_000);
      child.stdout.on('data', (d: Buffer) => {
        if (d.toString().includes('buffered')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    child.kill('SIGKILL');
    await exited;

    const redis = await client();
    closers.push(() => redis.del(key));
    expect(await redis.llen(key)).toBe(25);
    const s = switchableStore();
    s.up();
    // The new process is only started: it flushes what it finds without any write of its own.
    writerFor(redis, key, s.store);
    await until(async () => (await redis.llen(key)) === 0);
    expect([...s.saves.keys()].sort()).toEqual(Array.from({ length: 25 }, (_, i) => `${idPrefix}-${i}`).sort());
    expect([...s.saves.values()].every((n) => n === 1)).toBe(true);
    expect(await s.inner.conversations.listByUser('kakao:restart-user', { limit: 100 })).toHaveLength(25);
  }, 60_000);

  it('two processes draining one buffer store every conversation once, and a corrupt entry does not wedge the drain', async () => {
    const redis = await client();
    const key = uniqueKey();
    closers.push(() => redis.del(key));
    await redis.rpush(key, '{not json', JSON.stringify({ id: 'no-date' }));
    const s = switchableStore();
    s.up();
    const a = writerFor(redis, key, s.store);
    const b = writerFor(redis, key, s.store);
    const records = Array.from({ length: 40 }, () => conversation());
    records.forEach((r, i) => (i % 2 ? a : b).write(r));
    await until(async () => (await redis.llen(key)) === 0 && s.saves.size === 40);
    // Both may save one record (idempotent by id); the store holds each exactly once.
    expect(await s.inner.conversations.listByUser('telegram:1', { limit: 100 })).toHaveLength(40);
    expect(a.stats().rejected + b.stats().rejected).toBeGreaterThanOrEqual(2);
  });

  it('falls back to memory when the buffer Redis is down, and the records still reach the store', async () => {
    const redis = await startPrivateRedis();
    const c = await client(redis.url);
    const key = uniqueKey();
    const s = switchableStore();
    const writer = writerFor(c, key, s.store);
    await redis.stop();
    const records = Array.from({ length: 10 }, () => conversation());
    for (const r of records) writer.write(r);
    await until(() => writer.stats().spilled === 10);
    expect(s.saves.size).toBe(0);
    s.up();
    expect(await writer.flush(10_000)).toBe(0);
    expect([...s.saves.keys()].sort()).toEqual(records.map((r) => r.id).sort());
  });

  it('holds records in memory while both Redis and the store are down, and moves them into Redis when it returns', async () => {
    const redis = await startPrivateRedis();
    const c = await client(redis.url);
    const key = uniqueKey();
    const s = switchableStore();
    const writer = writerFor(c, key, s.store);
    await redis.stop();
    const records = Array.from({ length: 8 }, () => conversation());
    for (const r of records) writer.write(r);
    await until(() => writer.stats().spilled === 8);
    const again = await startPrivateRedis(redis.port);
    closers.push(() => again.stop());
    await until(async () => c.status === 'ready' && (await c.llen(key)) === 8, 30_000);
    expect(s.saves.size).toBe(0);
    s.up();
    await until(async () => (await c.llen(key)) === 0 && s.saves.size === 8);
    expect([...s.saves.values()].every((n) => n === 1)).toBe(true);
  }, 60_000);
});
