// A process that answers while the store is down: it buffers `count` conversations in Redis, says so, and waits to
// be killed (SIGKILL: no flush, no goodbye), so a test can check that a restart loses nothing.
import { createCacheRedisClient } from '../../src/cache/redis-client.js';
import { RiskXpertError } from '../../src/errors.js';
import { createDurableConversationWriter } from '../../src/store/durable-conversation-writer.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import type { ConversationRecord } from '../../src/store/store.js';

const [url, key, idPrefix, countText] = process.argv.slice(2) as [string, string, string, string];
const inner = createMemoryStore();
const down = {
  conversations: {
    ...inner.conversations,
    save: async () => {
      throw new RiskXpertError('STORE_UNAVAILABLE', 'MongoDB save conversation failed: connect ECONNREFUSED');
    },
  },
};
const redis = createCacheRedisClient(url, { commandTimeoutMs: 1_000 });
await new Promise((r) => redis.once('ready', r));
const writer = createDurableConversationWriter({
  redis,
  key,
  store: down,
  maxMemoryQueue: 1_000,
  baseDelayMs: 50,
  maxDelayMs: 200,
});
const conversation = (id: string): ConversationRecord => ({
  id,
  platform: 'kakao',
  userId: 'kakao:restart-user',
  request: { question: '앞으로 6개월 코스피 어때?', indicatorId: 'kospi', horizonMonths: 6, locale: 'ko' },
  forecast: {
    method: 'drift',
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
  createdAt: new Date(Date.UTC(2025, 0, 1)),
});
const count = Number(countText);
for (let i = 0; i < count; i += 1) writer.write(conversation(`${idPrefix}-${i}`));
while ((await redis.llen(key)) < count) await new Promise((r) => setTimeout(r, 20));
process.stdout.write('buffered\n');
await new Promise(() => undefined);
