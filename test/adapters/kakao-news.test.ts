import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp } from '../../adapters/http/create-http-app.js';
import { createKakaoRouter } from '../../adapters/kakao/create-kakao-router.js';
import { validateSkillResponse, type SkillResponse } from '../../adapters/kakao/skill-response.js';
import { createChartStore } from '../../src/chart/chart-store.js';
import { createSilentLogger } from '../../src/logger.js';
import { createMemoryNewsStore } from '../../src/news/memory-news-store.js';
import { newsUtterance } from '../../src/news/news-reply.js';
import { withRelatedNews } from '../../src/news/related-news.js';
import { newsItem } from '../contract/news-store.contract.js';
import { createScriptedEngine, scriptedEvents } from '../fakes/kakao-scripted-engine.js';

const official = JSON.parse(readFileSync('test/fixtures/kakao/skill-payload-official.json', 'utf8')) as {
  userRequest: Record<string, unknown>;
};
const payload = (utterance: string) => {
  const p = structuredClone(official);
  p.userRequest.utterance = utterance;
  p.userRequest.user = { id: 'kuser9', type: 'botUserKey', properties: {} };
  delete p.userRequest.callbackUrl;
  return p;
};

let server: Server;
let base: string;
const store = createMemoryNewsStore();
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
  const charts = createChartStore({ ttlSeconds: 600, maxEntries: 100, backend: { kind: 'memory' } });
  server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const router = createKakaoRouter({
    engine,
    charts,
    publicBaseUrl: base,
    inlineBudgetMs: 3_000,
    skillSecretHeader: 'x-skill-secret',
    logger: createSilentLogger(),
    news: { store },
  });
  server.on(
    'request',
    createHttpApp({
      runtime: { charts, logger: createSilentLogger(), readiness: async () => [] },
      mounts: [{ path: '/kakao', router }],
    }),
  );
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

async function say(utterance: string): Promise<SkillResponse> {
  const res = await fetch(`${base}/kakao/skill`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload(utterance)),
  });
  const json = (await res.json()) as SkillResponse;
  expect(validateSkillResponse(json)).toEqual([]);
  return json;
}
const text = (r: SkillResponse) =>
  (r.template!.outputs as { simpleText?: { text: string } }[]).map((o) => o.simpleText?.text ?? '').join('\n');

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
