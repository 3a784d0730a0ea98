import { REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISCORD_COMMANDS } from '../../adapters/discord/commands.js';
import { createDiscordInteractions, type Interaction } from '../../adapters/discord/interactions.js';
import type { AnswerEvent, Engine } from '../../src/engine/answer-types.js';
import { createSilentLogger } from '../../src/logger.js';
import { createMemoryNewsStore } from '../../src/news/memory-news-store.js';
import { withRelatedNews } from '../../src/news/related-news.js';
import { newsItem } from '../contract/news-store.contract.js';
import { startFakeDiscord } from '../fakes/discord-rest.js';
import { sampleAnswer } from '../fakes/sample-answer.js';

let discord: Awaited<ReturnType<typeof startFakeDiscord>>;
beforeAll(async () => {
  discord = await startFakeDiscord();
});
afterAll(async () => discord.close());

let n = 0;
const interaction = (name: string, options: { name: string; value: string | number }[]): Interaction => {
  n += 1;
  return {
    id: `n${n}`,
    application_id: '1234',
    type: 2,
    token: `tok-news-${n}`,
    locale: 'ko',
    data: { name, options },
    member: { user: { id: '556' } },
  };
};

describe('news on Discord against the REST stand-in', () => {
  it('/news 코스피 edits the deferred response with the digest and links', async () => {
    expect(DISCORD_COMMANDS.map((c) => c.name)).toContain('news');
    const store = createMemoryNewsStore();
    const recent = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
    await store.upsert([
      newsItem({
        title: '코스피, 외국인 매도에 2% 급락',
        url: 'https://www.yna.co.kr/view/1',
        source: '연합뉴스',
        indicators: ['kospi'],
        publishedAt: recent(1),
      }),
    ]);
    const events: AnswerEvent[] = await sampleAnswer({ deltas: 3 });
    const engine: Engine = withRelatedNews(
      {
        async *answer() {
          yield* events;
        },
      },
      { store },
    );
    const rest = new REST({ api: discord.api, retries: 1 }).setToken('bot');
    const handlers = createDiscordInteractions({
      rest,
      engine,
      conversations: { listByUser: async () => [] },
      logger: createSilentLogger(),
      answerDeadlineMs: 45_000,
      minIntervalMs: 0,
      news: { store },
    });

    const news = interaction('news', [{ name: 'query', value: '코스피' }]);
    const r = await handlers.respond(news);
    expect(r.response).toEqual({ type: 5 });
    await r.background!();
    expect(discord.texts(news.token)[0]).toMatch(
      /^📰 주요 헤드라인 1건:\n\[1\] 코스피, 외국인 매도에 2% 급락 .*\n\n1\. 코스피, 외국인 매도에 2% 급락\n.* · https:\/\/www\.yna\.co\.kr\/view\/1$/su,
    );
  });
});
