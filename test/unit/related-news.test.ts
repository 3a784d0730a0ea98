import { describe, expect, it } from 'vitest';
import type { AnswerEvent, Engine } from '../../src/engine/answer-types.js';
import { createMemoryNewsStore } from '../../src/news/memory-news-store.js';
import type { NewsStore } from '../../src/news/news-store.js';
import { relatedNewsText, withRelatedNews } from '../../src/news/related-news.js';
import { newsItem } from '../contract/news-store.contract.js';

const NOW = new Date('2026-12-02T06:00:00Z');
const done: AnswerEvent = { type: 'done', conversationId: 'c1', cached: false, narrator: 'deterministic', timings: {} };
const forecast = {
  type: 'forecast',
  indicator: { id: 'usdkrw', nameKo: '원/달러 환율', nameEn: 'USD/KRW', unit: 'KRW' },
} as AnswerEvent;
const scripted = (events: AnswerEvent[]): Engine => ({
  async *answer() {
    yield* events;
  },
});
const collect = async (engine: Engine) => {
  const out: AnswerEvent[] = [];
  for await (const e of engine.answer({ platform: 'cli', userId: 'cli:x', question: 'q' })) out.push(e);
  return out;
};

describe('관련 뉴스 on forecast answers', () => {
  it('adds the indicator’s three latest stored headlines to done, newest first', async () => {
    const store = createMemoryNewsStore();
    const at = (h: number) => new Date(NOW.getTime() - h * 3_600_000).toISOString();
    await store.upsert(
      [1, 2, 3, 4].map((h) =>
        newsItem({ title: `환율 기사 ${h}`, source: `s${h}`, indicators: ['usdkrw'], publishedAt: at(h) }),
      ),
    );
    await store.upsert([newsItem({ title: '코스피 기사', indicators: ['kospi'], publishedAt: at(0) })]);
    const events = await collect(withRelatedNews(scripted([forecast, done]), { store, now: () => NOW }));
    const last = events.at(-1) as Extract<AnswerEvent, { type: 'done' }>;
    expect(last.relatedNews?.map((n) => n.title)).toEqual(['환율 기사 1', '환율 기사 2', '환율 기사 3']);
    expect(relatedNewsText(last.relatedNews!, 'ko')).toMatch(
      /^\n\n📰 관련 뉴스\n1\. 환율 기사 1 \(s1, 2026년 12월 2일\)\nhttps:\/\/news\.example\/\d+\n2\./u,
    );
  });

  it('leaves done as it was without a forecast, with no items, or when the store fails or hangs', async () => {
    const store = createMemoryNewsStore();
    expect(await collect(withRelatedNews(scripted([done]), { store, now: () => NOW }))).toEqual([done]);
    expect(await collect(withRelatedNews(scripted([forecast, done]), { store, now: () => NOW }))).toEqual([
      forecast,
      done,
    ]);
    const errors: unknown[] = [];
    const hanging = { ...store, search: () => new Promise<never>(() => {}) } as NewsStore;
    expect(
      await collect(
        withRelatedNews(scripted([forecast, done]), { store: hanging, timeoutMs: 50, onError: (e) => errors.push(e) }),
      ),
    ).toEqual([forecast, done]);
    expect(String(errors[0])).toMatch(/timed out/u);
  });

  it('with cacheMs, reuses an indicator’s headlines for that long, then reads the store again; failures are not kept', async () => {
    const store = createMemoryNewsStore();
    let clock = NOW.getTime();
    let searches = 0;
    let failing = false;
    const counted = {
      ...store,
      search: async (q: Parameters<NewsStore['search']>[0]) => {
        searches += 1;
        if (failing) throw new Error('store down');
        return store.search(q);
      },
    } as NewsStore;
    const engine = withRelatedNews(scripted([forecast, done]), {
      store: counted,
      now: () => new Date(clock),
      cacheMs: 30_000,
    });
    const titles = async () =>
      ((await collect(engine)).at(-1) as Extract<AnswerEvent, { type: 'done' }>).relatedNews?.map((n) => n.title);
    await store.upsert([newsItem({ title: '첫 기사', indicators: ['usdkrw'], publishedAt: NOW.toISOString() })]);
    expect(await titles()).toEqual(['첫 기사']);
    await store.upsert([
      newsItem({ title: '새 기사', indicators: ['usdkrw'], publishedAt: new Date(clock + 1_000).toISOString() }),
    ]);
    clock += 29_000;
    expect(await titles()).toEqual(['첫 기사']);
    expect(searches).toBe(1);
    clock += 2_000;
    failing = true;
    expect(await titles()).toBeUndefined();
    failing = false;
    expect(await titles()).toEqual(['새 기사', '첫 기사']);
    expect(searches).toBe(3);
  });
});
