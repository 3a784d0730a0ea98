import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramBot } from '../../adapters/telegram/create-telegram-bot.js';
import type { AnswerEvent, Engine } from '../../src/engine/answer-types.js';
import { createSilentLogger } from '../../src/logger.js';
import { createMemoryNewsStore } from '../../src/news/memory-news-store.js';
import { withRelatedNews } from '../../src/news/related-news.js';
import { newsItem } from '../contract/news-store.contract.js';
import { sampleAnswer } from '../fakes/sample-answer.js';
import { startFakeTelegram } from '../fakes/telegram-bot-api.js';
import { TEST_BOT_INFO } from '../fakes/telegram-webhook-harness.js';
import { createPrivateChatUpdates } from '../fakes/telegram-updates.js';

const TOKEN = '9:NEWS';
let tg: Awaited<ReturnType<typeof startFakeTelegram>>;
beforeAll(async () => {
  tg = await startFakeTelegram({ token: TOKEN, perChatMinGapMs: 0 });
});
afterAll(async () => tg.close());

const { command } = createPrivateChatUpdates({ id: 88, firstName: 'Lee' }, 9000);

describe('news on Telegram against the Bot API stand-in', () => {
  it('/news 코스피 answers with the extractive digest (no LLM) and the items with outlet, date and link; a forecast ends with 관련 뉴스', async () => {
    const store = createMemoryNewsStore();
    const recent = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
    await store.upsert([
      newsItem({
        title: '코스피, 외국인 매도에 2% 급락',
        url: 'https://www.yna.co.kr/view/1',
        source: '연합뉴스',
        sources: [
          { name: '연합뉴스', url: 'https://www.yna.co.kr/view/1', publishedAt: recent(1) },
          { name: '한국경제', url: 'https://www.hankyung.com/1', publishedAt: recent(1) },
        ],
        indicators: ['kospi'],
        publishedAt: recent(1),
      }),
      newsItem({
        title: '환율 1,480원 돌파',
        url: 'https://www.mk.co.kr/n/3',
        source: '매일경제',
        indicators: ['usdkrw'],
        publishedAt: recent(2),
      }),
    ]);
    const events: AnswerEvent[] = await sampleAnswer({ deltas: 5 });
    const engine: Engine = withRelatedNews(
      {
        async *answer() {
          yield* events;
        },
      },
      { store },
    );
    const bot = createTelegramBot({
      token: TOKEN,
      apiRoot: tg.apiRoot,
      engine,
      conversations: { listByUser: async () => [] },
      logger: createSilentLogger(),
      botInfo: TEST_BOT_INFO,
      maxQuestionChars: 500,
      answerDeadlineMs: 45_000,
      minIntervalMs: 0,
      news: { store },
    });
    await bot.init();
    const texts = () =>
      tg.calls.filter((c) => c.method === 'sendMessage' && c.params.chat_id === 88).map((c) => String(c.params.text));

    await bot.handleUpdate(command('/news 코스피'));
    expect(texts().at(-1)).toMatch(
      /^📰 주요 헤드라인 1건:\n\[1\] 코스피, 외국인 매도에 2% 급락 \(연합뉴스, 한국경제, \d{4}-\d\d-\d\d\)\n\n1\. 코스피, 외국인 매도에 2% 급락\n {3}연합뉴스, 한국경제 · \d{4}-\d\d-\d\d · https:\/\/www\.yna\.co\.kr\/view\/1$/u,
    );
    await bot.handleUpdate(command('/news'));
    expect(texts().at(-1)).toBe('무엇에 관한 뉴스인지 알려 주세요. 예: /news 코스피');

    await bot.handleUpdate(command('/forecast 코스피 6'));
    const final = texts().join('');
    expect(final).toMatch(
      /📰 관련 뉴스\n1\. 코스피, 외국인 매도에 2% 급락 \(연합뉴스, [^)]*\d+월 \d+일\)\nhttps:\/\/www\.yna\.co\.kr\/view\/1$/u,
    );
    expect(final).not.toContain('환율 1,480원');
  });
});
