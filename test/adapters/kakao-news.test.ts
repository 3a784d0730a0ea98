import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryNewsStore } from '../../src/news/memory-news-store.js';
import { newsUtterance } from '../../src/news/news-reply.js';
import { withRelatedNews } from '../../src/news/related-news.js';
import { newsItem } from '../contract/news-store.contract.js';
import { createScriptedEngine, scriptedEvents } from '../fakes/kakao-scripted-engine.js';
import { skillText, startKakaoSkillServer } from '../fakes/kakao-skill-harness.js';

const store = createMemoryNewsStore();
let kakao: Awaited<ReturnType<typeof startKakaoSkillServer>>;
beforeAll(async () => {
  const recent = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
  await store.upsert([
    newsItem({
      title: '코스피, 외국인 매도에 2% 급락',
      url: 'https://www.yna.co.kr/view/1',
      source: '연합뉴스',
      indicators: ['kospi'],
      publishedAt: recent(1),
    }),
    newsItem({
      title: '코스피 반등 시도',
      url: 'https://www.hankyung.com/a/2',
      source: '한국경제',
      indicators: ['kospi'],
      publishedAt: recent(2),
    }),
  ]);
  const events = await scriptedEvents({ scenarioChars: 200 });
  const engine = withRelatedNews(
    createScriptedEngine(() => ({ kind: 'replay', events })),
    { store },
  );
  kakao = await startKakaoSkillServer(
    {
      engine,
      inlineBudgetMs: 3_000,
      news: { store },
    },
    'kuser9',
  );
});
afterAll(async () => {
  await kakao.close();
});

const say = (utterance: string) => kakao.say(utterance);
const text = skillText;

describe('news on Kakao through the real skill route', () => {
  it('reads "코스피 뉴스" and its variants as a news request, and nothing else', () => {
    expect(newsUtterance('코스피 뉴스')).toBe('코스피');
    expect(newsUtterance('환율뉴스?')).toBe('환율');
    expect(newsUtterance('news kospi')).toBe('kospi');
    expect(newsUtterance('앞으로 6개월 코스피 어때?')).toBeUndefined();
    expect(newsUtterance('뉴스')).toBeUndefined();
  });

  it('"코스피 뉴스" answers with the extractive digest and links; a forecast answer ends with 관련 뉴스', async () => {
    const news = text(await say('코스피 뉴스'));
    expect(news).toMatch(/^📰 주요 헤드라인 2건:\n\[1\] 코스피, 외국인 매도에 2% 급락 \(example, \d{4}-/u);
    expect(news).toContain('https://www.hankyung.com/a/2');
    const answer = text(await say('앞으로 6개월 코스피 어때?'));
    expect(answer).toMatch(
      /📰 관련 뉴스\n1\. 코스피, 외국인 매도에 2% 급락 \(연합뉴스, [^)]*\d+월 \d+일\)\nhttps:\/\/www\.yna\.co\.kr\/view\/1\n2\. 코스피 반등 시도/u,
    );
  });
});
