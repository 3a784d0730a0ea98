import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/store/memory-store.js';
import type { ConversationRecord } from '../../src/store/store.js';
import { conversation } from '../contract/store.contract.js';

describe('memory store bound', () => {
  it('keeps the newest maxConversations, oldest out first, also after a user’s records were erased', async () => {
    const store = createMemoryStore({ maxConversations: 3 });
    const saved: ConversationRecord[] = [];
    for (let i = 0; i < 5; i += 1) {
      const c = conversation({ userId: i === 3 ? 'kakao:erased' : 'kakao:kept' });
      saved.push(c);
      await store.conversations.save(c);
    }
    const held = async () =>
      (await Promise.all(saved.map((c) => store.conversations.get(c.id)))).map((c) => c !== undefined);
    expect(await held()).toEqual([false, false, true, true, true]);
    expect(await store.conversations.deleteByUser('kakao:erased')).toBe(1);
    for (let i = 0; i < 2; i += 1) {
      const c = conversation({ userId: 'kakao:kept' });
      saved.push(c);
      await store.conversations.save(c);
    }
    // Three held: the erased one's slot was free, so only the oldest remaining one (index 2) went.
    expect(await held()).toEqual([false, false, false, false, true, true, true]);
  });

  it('stays bounded over many saves (the order list is compacted as it goes)', async () => {
    const store = createMemoryStore({ maxConversations: 100 });
    let last = conversation();
    for (let i = 0; i < 5_000; i += 1) {
      last = conversation({ userId: `kakao:${i % 7}` });
      await store.conversations.save(last);
    }
    const listed = await Promise.all(
      Array.from({ length: 7 }, (_, u) => store.conversations.listByUser(`kakao:${u}`, { limit: 100 })),
    );
    expect(listed.flat()).toHaveLength(100);
    expect(await store.conversations.get(last.id)).toBeDefined();
  });
});
