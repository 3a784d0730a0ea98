import { REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISCORD_COMMANDS } from '../../adapters/discord/commands.js';
import { createDiscordInteractions, type Interaction } from '../../adapters/discord/interactions.js';
import type { Engine } from '../../src/engine/answer-types.js';
import { createSilentLogger } from '../../src/logger.js';
import { startFakeDiscord } from '../fakes/discord-rest.js';
import { scenarioTestSurface } from '../fakes/scenario-surface.js';

let discord: Awaited<ReturnType<typeof startFakeDiscord>>;
const env = scenarioTestSurface();
beforeAll(async () => {
  discord = await startFakeDiscord();
});
afterAll(async () => {
  await discord.close();
  env.drop();
});

let n = 0;
const scenario = (text: string): Interaction => {
  n += 1;
  return {
    id: `s${n}`,
    application_id: '1234',
    type: 2,
    token: `tok-scn-${n}`,
    locale: 'ko',
    data: { name: 'scenario', options: [{ name: 'text', value: text }] },
    member: { user: { id: '556' } },
  };
};

describe('Discord /scenario against the REST stand-in', () => {
  it('creates, runs on the paper portfolio with the chart attached, edits, re-runs and lists both versions', async () => {
    expect(DISCORD_COMMANDS.some((c) => c.name === 'scenario')).toBe(true);
    await env.trading.buy('discord:556', 'kospi', 500n);
    const rest = new REST({ api: discord.api, retries: 1 }).setToken('bot');
    const handlers = createDiscordInteractions({
      rest,
      engine: {} as Engine,
      conversations: { listByUser: async () => [] },
      logger: createSilentLogger(),
      answerDeadlineMs: 45_000,
      scenarios: env.chat,
    });
    const run = async (text: string) => {
      const i = scenario(text);
      const { response, background } = await handlers.respond(i);
      expect(response).toEqual({ type: 5 });
      await background!();
      return { text: discord.texts(i.token)[0]!, files: discord.calls.find((c) => c.path.includes(i.token))!.files };
    };
    expect((await run('save won: 환율 +10%, 3개월')).text).toBe("시나리오 'won' 저장: 버전 1.");
    const first = await run('won');
    expect(first.text).toMatch(/^시나리오 'won'\(버전 1, 3개월/u);
    expect(first.files![0]).toBeGreaterThan(2_000);
    expect((await run('edit won: 환율 +20%, 3개월')).text).toBe("시나리오 'won' 저장: 버전 2.");
    expect((await run('won')).text).toMatch(/버전 2, 3개월/u);
    const versions = (await run('versions won')).text.split('\n');
    expect(versions.map((l) => l.replace(/ \d{4}-.* UTC/u, ''))).toEqual([
      'v1: usdkrw +10%, 3m · runs 1',
      'v2: usdkrw +20%, 3m · runs 1',
    ]);
    expect((await run('코스피 -150%, 3개월')).text).toBe(
      '⚠️ 코스피의 변동 -150%는 범위를 벗어나요. 가격 변동은 −90%에서 +300% 사이로 적어 주세요.',
    );
  });
});
