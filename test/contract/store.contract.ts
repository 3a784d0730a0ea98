import { describe, expect, it } from 'vitest';
import type { ConversationRecord, Store } from '../../src/store/store.js';

let seq = 0;
/** A complete, valid conversation record; every test overrides what it is about. */
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

const uniqueUser = (platform = 'telegram') =>
  `${platform}:${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`;

/**
 * One contract, every Store implementation: the in-memory store always, MongoDB when MONGODB_URL is set.
 * `makeStore` returns a ready store (init() done) sharing its data with earlier calls is allowed, so every test
 * uses its own user ids.
 */
export function describeStoreContract(name: string, makeStore: () => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    it('saves and reads back a conversation with Unicode text, numbers and Dates intact', async () => {
      const store = await makeStore();
      const text = '코스피 전망 — “인용” 😀👨‍👩‍👧 e\u0301 (NFD) ＡＢＣ \u0000 line\nbreak 𝔘𝔫𝔦𝔠𝔬𝔡𝔢';
      const c = conversation({
        userId: uniqueUser(),
        request: { question: text, indicatorId: 'kospi', horizonMonths: 24, locale: 'en' },
        summary: text,
        scenario: '한국어 '.repeat(2_000),
        usage: { promptTokens: 812, completionTokens: 420 },
        chartHash: 'a'.repeat(64),
        timings: { forecast: 0.125, total: 1234.5 },
        createdAt: new Date(Date.UTC(2025, 5, 30, 23, 59, 59, 987)),
      });
      await store.conversations.save(c);
      const back = await store.conversations.get(c.id);
      expect(back).toEqual(c);
      expect(back!.createdAt).toBeInstanceOf(Date);
      expect(back!.createdAt.getTime()).toBe(c.createdAt.getTime());
      expect(back!.summary).toBe(text);
      // Stored as given: the store does not normalise text.
      expect(back!.summary.includes('e\u0301')).toBe(true);
      await store.close();
    });

    it('keeps the optional chart history tail (60 month-end points) in order, and records without it stay valid', async () => {
      const store = await makeStore();
      const history = Array.from({ length: 60 }, (_, i) => ({
        date: `20${String(20 + Math.floor(i / 12)).padStart(2, '0')}-${String((i % 12) + 1).padStart(2, '0')}-28`,
        value: 2000 + i * 1.25,
      }));
      const base = conversation({ userId: uniqueUser() });
      const withTail = { ...base, forecast: { ...base.forecast, history } };
      const without = conversation({ userId: base.userId });
      await store.conversations.save(withTail);
      await store.conversations.save(without);
      expect((await store.conversations.get(withTail.id))!.forecast.history).toEqual(history);
      expect((await store.conversations.get(without.id))!.forecast.history).toBeUndefined();
      await store.close();
    });

    it('omits optional fields left undefined instead of storing null', async () => {
      const store = await makeStore();
      const c = { ...conversation({ userId: uniqueUser() }), usage: undefined, chartHash: undefined };
      await store.conversations.save(c);
      const back = (await store.conversations.get(c.id))!;
      expect(back.usage).toBeUndefined();
      expect(back.chartHash).toBeUndefined();
      expect('chartHash' in back && back.chartHash === null).toBe(false);
      await store.close();
    });

    it('does not let callers change stored records through the objects they passed or got', async () => {
      const store = await makeStore();
      const base = conversation({ userId: uniqueUser(), usage: { promptTokens: 10, completionTokens: 5 } });
      const c: ConversationRecord = {
        ...base,
        forecast: { ...base.forecast, history: [{ date: '2024-12-31', value: 2399.49 }] },
      };
      await store.conversations.save(c);
      const saved = structuredClone(c);
      const mutate = (r: ConversationRecord, tag: string) => {
        r.summary = `mutated ${tag}`;
        r.request.question = `mutated ${tag}`;
        r.forecast.median.push(1);
        r.forecast.low.push(1);
        r.forecast.high.push(1);
        r.forecast.dates.push('2099-01');
        if (r.forecast.history?.[0]) r.forecast.history[0].value = -1;
        if (r.usage) r.usage.promptTokens = -1;
        r.timings.total = -1;
        r.createdAt.setTime(0);
      };
      mutate(c, 'after save');
      mutate((await store.conversations.get(c.id))!, 'after get');
      mutate((await store.conversations.listByUser(c.userId))[0]!, 'after list');
      expect(await store.conversations.get(c.id)).toEqual(saved);
      await store.close();
    });

    it('a second save of the same id changes nothing (writes are retried)', async () => {
      const store = await makeStore();
      const c = conversation({ userId: uniqueUser() });
      await store.conversations.save(c);
      await store.conversations.save({ ...c, summary: 'changed' });
      await Promise.all([store.conversations.save(c), store.conversations.save(c)]);
      expect((await store.conversations.get(c.id))!.summary).toBe('요약');
      expect(await store.conversations.listByUser(c.userId)).toHaveLength(1);
      await store.close();
    });

    it('saves a batch in order, skips ids already there, and writes nothing of a batch holding a bad record', async () => {
      const store = await makeStore();
      const saveMany = store.conversations.saveMany;
      // Every store this project ships saves batches (the writer saves one by one only for a store without it).
      expect(saveMany).toBeTypeOf('function');
      const userId = uniqueUser();
      const first = conversation({ userId });
      await store.conversations.save(first);
      const batch = [{ ...first, summary: 'changed' }, conversation({ userId }), conversation({ userId })];
      await saveMany!.call(store.conversations, batch);
      await saveMany!.call(store.conversations, batch); // retried after a lost acknowledgement: nothing changes
      const listed = await store.conversations.listByUser(userId);
      expect(listed.map((c) => c.id)).toEqual([batch[2]!.id, batch[1]!.id, first.id]);
      expect(listed.at(-1)!.summary).toBe('요약');
      expect(listed[0]).toEqual(batch[2]);

      const other = uniqueUser();
      const good = conversation({ userId: other });
      const bad = conversation({ userId: other, createdAt: new Date(Number.NaN) });
      await expect(saveMany!.call(store.conversations, [good, bad])).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      expect(await store.conversations.listByUser(other)).toEqual([]);
      await store.close();
    });

    it('lists a user history newest first, limited, and only that user', async () => {
      const store = await makeStore();
      const user = uniqueUser();
      const saved: ConversationRecord[] = [];
      // Saved out of order: the order comes from createdAt, not from insertion.
      for (const day of [3, 1, 5, 2, 4]) {
        const c = conversation({ userId: user, createdAt: new Date(Date.UTC(2025, 0, day)) });
        saved[day] = c;
        await store.conversations.save(c);
      }
      await store.conversations.save(
        conversation({ userId: `${user}-other`, createdAt: new Date(Date.UTC(2030, 0, 1)) }),
      );
      const list = await store.conversations.listByUser(user, { limit: 3 });
      expect(list.map((c) => c.id)).toEqual([saved[5]!.id, saved[4]!.id, saved[3]!.id]);
      expect((await store.conversations.listByUser(user)).map((c) => c.id)).toEqual(
        [5, 4, 3, 2, 1].map((d) => saved[d]!.id),
      );
      expect(await store.conversations.listByUser(user, { limit: 0 })).toEqual([]);
      expect(await store.conversations.listByUser(user, { limit: -3 })).toEqual([]);
      expect(await store.conversations.listByUser(`${user}-nobody`)).toEqual([]);
      await store.close();
    });

    it('deletes every conversation of one user and no one else', async () => {
      const store = await makeStore();
      const user = uniqueUser();
      for (const day of [1, 2, 3])
        await store.conversations.save(conversation({ userId: user, createdAt: new Date(Date.UTC(2025, 0, day)) }));
      const other = conversation({ userId: `${user}-other` });
      await store.conversations.save(other);
      expect(await store.conversations.deleteByUser(user)).toBe(3);
      expect(await store.conversations.listByUser(user)).toEqual([]);
      expect((await store.conversations.listByUser(`${user}-other`)).map((c) => c.id)).toEqual([other.id]);
      expect(await store.conversations.deleteByUser(user)).toBe(0);
      await expect(store.conversations.deleteByUser({ $ne: null } as unknown as string)).rejects.toMatchObject({
        code: 'BAD_REQUEST',
      });
      await store.close();
    });

    it('pages 20 by default and 100 at most; equal times are ordered by id, newest id first', async () => {
      const store = await makeStore();
      const user = uniqueUser();
      const at = new Date(Date.UTC(2025, 2, 1));
      const ids: string[] = [];
      for (let i = 0; i < 105; i += 1) {
        const id = `page-${user}-${String(i).padStart(3, '0')}`;
        ids.push(id);
        await store.conversations.save(conversation({ id, userId: user, createdAt: at }));
      }
      const byIdDesc = [...ids].reverse();
      expect((await store.conversations.listByUser(user)).map((c) => c.id)).toEqual(byIdDesc.slice(0, 20));
      expect((await store.conversations.listByUser(user, { limit: 1_000 })).map((c) => c.id)).toEqual(
        byIdDesc.slice(0, 100),
      );
      expect(await store.conversations.listByUser(user, { limit: 2.7 })).toHaveLength(2);
      await store.close();
    });

    it('answers nothing to operator-shaped strings and refuses non-string ids', async () => {
      const store = await makeStore();
      const user = uniqueUser();
      await store.conversations.save(conversation({ userId: user }));
      // As strings they are just (unknown) ids.
      expect(await store.conversations.listByUser('{"$ne": null}')).toEqual([]);
      expect(await store.conversations.listByUser('{"$regex": ".*"}')).toEqual([]);
      expect(await store.conversations.get('{"$gt": ""}')).toBeUndefined();
      expect(await store.users.get('{"$ne": null}')).toBeUndefined();
      // As objects (what JSON.parse of a hostile body gives) they never reach a query.
      const hostile = [
        { $ne: null },
        { $gt: '' },
        { $regex: '.*' },
        ['telegram:1'],
        1,
        null,
        undefined,
        '',
      ] as unknown as string[];
      for (const bad of hostile) {
        await expect(store.conversations.listByUser(bad)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
        await expect(store.conversations.get(bad)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
        await expect(store.users.get(bad)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
        await expect(store.users.upsert({ id: bad, platform: 'kakao' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      }
      await expect(
        store.conversations.save(conversation({ userId: { $ne: null } as unknown as string })),
      ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      await expect(
        store.conversations.save(conversation({ id: { $gt: '' } as unknown as string })),
      ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      await expect(store.users.upsert({ id: uniqueUser(), platform: { $ne: null } as never })).rejects.toMatchObject({
        code: 'BAD_REQUEST',
      });
      await expect(
        store.users.upsert({ id: uniqueUser(), platform: 'kakao', displayName: { $set: 1 } as never }),
      ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      // The one record saved is still there, untouched.
      expect(await store.conversations.listByUser(user)).toHaveLength(1);
      await store.close();
    });

    it('refuses a conversation whose createdAt is not a valid Date (history would sort wrongly)', async () => {
      const store = await makeStore();
      const user = uniqueUser();
      await expect(
        store.conversations.save(conversation({ userId: user, createdAt: '2025-01-01' as unknown as Date })),
      ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      await expect(
        store.conversations.save(conversation({ userId: user, createdAt: new Date(Number.NaN) })),
      ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      expect(await store.conversations.listByUser(user)).toEqual([]);
      await store.close();
    });

    it('upserts users: createdAt kept, updatedAt moves, given fields updated, missing fields kept', async () => {
      const store = await makeStore();
      const id = uniqueUser('kakao');
      const first = await store.users.upsert({ id, platform: 'kakao', displayName: '홍길동 🙂' });
      expect(first).toMatchObject({ id, platform: 'kakao', displayName: '홍길동 🙂' });
      expect(first.createdAt).toBeInstanceOf(Date);
      expect(first.updatedAt.getTime()).toBe(first.createdAt.getTime());
      await new Promise((r) => setTimeout(r, 10));
      const second = await store.users.upsert({ id, platform: 'kakao', locale: 'en' });
      expect(second.createdAt.getTime()).toBe(first.createdAt.getTime());
      expect(second.updatedAt.getTime()).toBeGreaterThan(first.updatedAt.getTime());
      expect(second).toMatchObject({ id, displayName: '홍길동 🙂', locale: 'en' });
      expect(await store.users.get(id)).toEqual(second);
      expect(await store.users.get(`${id}-none`)).toBeUndefined();
      // Concurrent first upserts of one new user: one record, no error.
      const fresh = uniqueUser('discord');
      const both = await Promise.all([
        store.users.upsert({ id: fresh, platform: 'discord' }),
        store.users.upsert({ id: fresh, platform: 'discord' }),
      ]);
      expect(both[0].createdAt.getTime()).toBe(both[1].createdAt.getTime());
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
