import { describe, expect, it } from 'vitest';
import { decodeAnswer, encodeAnswer } from '../../src/cache/answer-codec.js';
import { answerCacheKey, normalizeQuestion } from '../../src/cache/cache-key.js';
import { createMemoryCache } from '../../src/cache/memory-cache.js';
import type { AnswerEvent } from '../../src/engine/answer-types.js';

const base = { indicatorId: 'kospi', horizonMonths: 6, locale: 'ko' as const, question: '앞으로 6개월 코스피 어때?', dataVersion: 'd1', modelVersion: 'm1', promptVersion: 'p1' };

describe('answer cache key', () => {
  it('ignores spacing, case, width and trailing punctuation', () => {
    expect(normalizeQuestion('  앞으로   6개월  KOSPI 어때?? ')).toBe('앞으로 6개월 kospi 어때');
    expect(answerCacheKey(base)).toBe(answerCacheKey({ ...base, question: '앞으로 6개월 코스피 어때' }));
    expect(answerCacheKey({ ...base, question: 'ＫＯＳＰＩ' })).toBe(answerCacheKey({ ...base, question: 'kospi' }));
  });

  it('changes with every part that changes the answer', () => {
    const k = answerCacheKey(base);
    for (const change of [{ indicatorId: 'usdkrw' }, { horizonMonths: 7 }, { locale: 'en' as const }, { question: '코스피 전망' }, { dataVersion: 'd2' }, { modelVersion: 'm2' }, { promptVersion: 'p2' }]) {
      expect(answerCacheKey({ ...base, ...change })).not.toBe(k);
    }
    expect(k).toMatch(/^answer:v1:[0-9a-f]{64}$/u);
  });
});

describe('answer codec', () => {
  const png = new Uint8Array(60_000).map((_, i) => i % 251);
  const events: AnswerEvent[] = [
    {
      type: 'forecast',
      indicator: { id: 'sp500', nameKo: 'S&P 500', nameEn: 'S&P 500', unit: 'pt' },
      horizonMonths: 1,
      locale: 'en',
      history: [{ date: '2020-04-30', value: 2874.56 }],
      dates: ['2020-05-31'],
      median: [2900],
      levels: [0.1, 0.5, 0.9],
      quantiles: [[2700], [2900], [3100]],
      method: 'drift',
      modelVersion: 'baseline-1',
      dataSource: 'x',
      sampleData: true,
      facts: { lastValue: 2874.56 } as never,
    },
    { type: 'chart', png, hash: 'h' },
    { type: 'summary', text: '요약', narrator: 'deterministic' },
    { type: 'scenario-delta', text: 'a' },
    { type: 'done', conversationId: 'c', cached: false, narrator: 'deterministic', timings: { total: 1 } },
  ];

  it('round-trips a whole answer including the PNG bytes', () => {
    const back = decodeAnswer(encodeAnswer(events))!;
    expect(back).toHaveLength(5);
    expect(back[1]!.type === 'chart' && Buffer.from(back[1]!.png).equals(Buffer.from(png))).toBe(true);
    expect(back.filter((e) => e.type !== 'chart')).toEqual(events.filter((e) => e.type !== 'chart'));
  });

  it('reads corrupt, foreign, old-format or incomplete entries as a miss', () => {
    expect(decodeAnswer(Buffer.from('not json'))).toBeUndefined();
    expect(decodeAnswer(Buffer.from(JSON.stringify({ format: 'rx-answer-0', events: [] })))).toBeUndefined();
    expect(decodeAnswer(Buffer.from(JSON.stringify({ format: 'rx-answer-1', events: [{ type: 'summary' }] })))).toBeUndefined();
    expect(decodeAnswer(encodeAnswer(events.slice(0, 3)))).toBeUndefined();
  });
});

describe('memory cache', () => {
  it('expires entries after their TTL and evicts least recently used', async () => {
    const cache = createMemoryCache({ maxEntries: 2 });
    await cache.set('a', new Uint8Array([1]), 0.05);
    expect(await cache.get('a')).toBeDefined();
    await new Promise((r) => setTimeout(r, 80));
    expect(await cache.get('a')).toBeUndefined();
    await cache.set('x', new Uint8Array([1]), 60);
    await cache.set('y', new Uint8Array([2]), 60);
    await cache.get('x');
    await cache.set('z', new Uint8Array([3]), 60);
    expect(await cache.get('y')).toBeUndefined();
    expect(await cache.get('x')).toBeDefined();
  });
});
