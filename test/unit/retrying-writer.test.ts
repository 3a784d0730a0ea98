import { describe, expect, it } from 'vitest';
import { RiskXpertError } from '../../src/errors.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { createRetryingConversationWriter } from '../../src/store/retrying-writer.js';
import type { ConversationRecord } from '../../src/store/store.js';
import { conversation } from '../contract/store.contract.js';

describe('retrying conversation writer', () => {
  it('saves every record exactly once, in order, through a run of failures', async () => {
    const inner = createMemoryStore();
    const order: string[] = [];
    let fail = 4;
    const store = {
      conversations: {
        ...inner.conversations,
        async save(r: ConversationRecord) {
          if (fail > 0) {
            fail -= 1;
            throw new RiskXpertError('STORE_UNAVAILABLE', 'down');
          }
          order.push(r.id);
          await inner.conversations.save(r);
        },
      },
    };
    const writer = createRetryingConversationWriter({ store, maxQueue: 10, baseDelayMs: 2, maxDelayMs: 10 });
    const records = [conversation(), conversation(), conversation()];
    for (const r of records) writer.write(r);
    expect(writer.pending()).toBe(3);
    expect(await writer.flush(5_000)).toBe(0);
    expect(order).toEqual(records.map((r) => r.id));
    expect(writer.stats()).toMatchObject({ written: 3, retries: 4, dropped: 0, pending: 0 });
  });

  it('counts what it cannot queue instead of dropping it silently', async () => {
    const store = { conversations: { ...createMemoryStore().conversations, save: async () => Promise.reject(new Error('down')) } };
    const writer = createRetryingConversationWriter({ store, maxQueue: 2, baseDelayMs: 1_000, maxDelayMs: 1_000 });
    writer.write(conversation());
    writer.write(conversation());
    writer.write(conversation());
    expect(writer.stats()).toMatchObject({ pending: 2, dropped: 1 });
    expect(await writer.flush(50)).toBe(2);
  });
});
