import { describe, expect, it } from 'vitest';
import type { ConversationRecord, Store } from '../../src/store/store.js';

let seq = 0;
export function conversation(over: Partial<ConversationRecord> = {}): ConversationRecord {
  seq += 1;
  return {
    id: `conv-${process.pid}-${Date.now()}-${seq}`,
    platform: 'telegram',
    userId: 'telegram:1',
    request: { question: '앞으로 6개월 코스피 어때? 🚀', indicatorId: 'kospi', horizonMonths: 6, locale: 'ko' },
    forecast: {
      method: 'patchtst-q',
      modelVersion: 'v1',
      lastDate: '2024-12-31',
      lastValue: 2399.49,
      dates: ['2025-01-31'],
      median: [2410],
      low: [2300],
      high: [2520],
      dataSource: 'test',
    },
    summary: '요약',
    scenario: '시나리오',
    narrator: 'deterministic',
    cached: false,
    timings: { total: 12.5 },
    createdAt: new Date(Date.UTC(2025, 0, 1, 0, 0, seq)),
    ...over,
  };
}

/** One contract, every Store implementation: the in-memory store always, MongoDB when MONGODB_URL is set. */
export function describeStoreContract(name: string, makeStore: () => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    it('saves and reads back a conversation with Unicode text and Dates intact', async () => {
      const store = await makeStore();
      const c = conversation({ userId: `u-${Math.random()}` });
      await store.conversations.save(c);
      const back = await store.conversations.get(c.id);
      expect(back).toEqual(c);
      expect(back!.createdAt).toBeInstanceOf(Date);
      await store.close();
    });

    it('a second save of the same id changes nothing (writes are retried)', async () => {
      const store = await makeStore();
      const c = conversation({ userId: `u-${Math.random()}` });
      await store.conversations.save(c);
      await store.conversations.save({ ...c, summary: 'changed' });
      expect((await store.conversations.get(c.id))!.summary).toBe('요약');
      expect(await store.conversations.listByUser(c.userId)).toHaveLength(1);
      await store.close();
    });

    it('lists a user history newest first, limited, and only that user', async () => {
      const store = await makeStore();
      const user = `u-${Math.random()}`;
      const saved = [];
      for (let i = 0; i < 5; i += 1) {
        const c = conversation({ userId: user, createdAt: new Date(Date.UTC(2025, 0, 1 + i)) });
        saved.push(c);
        await store.conversations.save(c);
      }
      await store.conversations.save(conversation({ userId: `${user}-other` }));
      const list = await store.conversations.listByUser(user, { limit: 3 });
      expect(list.map((c) => c.id)).toEqual([saved[4]!.id, saved[3]!.id, saved[2]!.id]);
      expect(await store.conversations.listByUser(user, { limit: 0 })).toEqual([]);
      await store.close();
    });

    it('answers nothing to operator-shaped ids and refuses non-string ids', async () => {
      const store = await makeStore();
      const user = `u-${Math.random()}`;
      await store.conversations.save(conversation({ userId: user }));
      expect(await store.conversations.listByUser('{"$ne": null}')).toEqual([]);
      expect(await store.conversations.get('{"$gt": ""}')).toBeUndefined();
      if (store.kind === 'mongo') {
        await expect(store.conversations.listByUser({ $ne: null } as unknown as string)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
        await expect(store.conversations.get({ $gt: '' } as unknown as string)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      }
      await store.close();
    });

    it('upserts users: createdAt kept, updatedAt moves, fields updated', async () => {
      const store = await makeStore();
      const id = `kakao:${Math.random()}`;
      const first = await store.users.upsert({ id, platform: 'kakao', displayName: '홍길동' });
      await new Promise((r) => setTimeout(r, 5));
      const second = await store.users.upsert({ id, platform: 'kakao', locale: 'en' });
      expect(second.createdAt.getTime()).toBe(first.createdAt.getTime());
      expect(second.updatedAt.getTime()).toBeGreaterThan(first.updatedAt.getTime());
      expect(second).toMatchObject({ id, displayName: '홍길동', locale: 'en' });
      expect(await store.users.get(id)).toEqual(second);
      expect(await store.users.get(`${id}-none`)).toBeUndefined();
      await store.close();
    });

    it('init is idempotent and ping answers', async () => {
      const store = await makeStore();
      await store.init();
      await store.init();
      expect(await store.ping()).toBe(true);
      await store.close();
    });
  });
}
