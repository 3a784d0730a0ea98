import OpenAI from 'openai';
import { REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordInteractions, type Interaction } from '../../adapters/discord/interactions.js';
import type { Engine } from '../../src/engine/answer-types.js';
import { createSilentLogger } from '../../src/logger.js';
import { createOpenAiScenarioLlm } from '../../src/scenario/scenario-llm.js';
import { NAME_TOKEN } from '../../src/scenario/scenario-narration.js';
import { startFakeDiscord } from '../fakes/discord-rest.js';
import { startFakeOpenAi } from '../fakes/openai-server.js';
import { scenarioTestSurface } from '../fakes/scenario-surface.js';

const EXPLANATION = `${NAME_TOKEN}: 환율이 오르면 코스피는 내려가는 쪽입니다. 범위가 넓어 불확실합니다. 투자 권유가 아닙니다.`;
let discord: Awaited<ReturnType<typeof startFakeDiscord>>;
let llmServer: Awaited<ReturnType<typeof startFakeOpenAi>>;
let env: ReturnType<typeof scenarioTestSurface>;
beforeAll(async () => {
  discord = await startFakeDiscord();
  llmServer = await startFakeOpenAi();
  const client = new OpenAI({ apiKey: 'test', baseURL: llmServer.url, maxRetries: 0 });
  env = scenarioTestSurface({ llm: createOpenAiScenarioLlm({ client, model: 'gpt-4o-mini' }) });
});
afterAll(async () => {
  await discord.close();
  await llmServer.close();
  env.drop();
});

let n = 0;
const interaction = (text: string): Interaction => {
  n += 1;
  return {
    id: `st${n}`,
    application_id: '1234',
    type: 2,
    token: `tok-stream-${n}`,
    locale: 'ko',
    data: { name: 'scenario', options: [{ name: 'text', value: text }] },
    member: { user: { id: '557' } },
  };
};

describe('Discord /scenario streams the explanation', () => {
  it('edits the original with the chart and caption, then streams the explanation into a follow-up', async () => {
    await env.trading.buy('discord:557', 'kospi', 500n);
    const handlers = createDiscordInteractions({
      rest: new REST({ api: discord.api, retries: 1 }).setToken('bot'),
      engine: {} as Engine,
      conversations: { listByUser: async () => [] },
      logger: createSilentLogger(),
      answerDeadlineMs: 45_000,
      scenarios: env.chat,
    });
    const run = async (text: string) => {
      const i = interaction(text);
      await (
        await handlers.respond(i)
      ).background!();
      return { texts: discord.texts(i.token), calls: discord.calls.filter((c) => c.path.includes(i.token)) };
    };

    llmServer.script({ kind: 'ok', text: EXPLANATION, chunkSize: 6, delayMs: 150 });
    const streamed = await run('환율 +10%, 3개월');
    expect(streamed.texts[0]).toMatch(/^시나리오 '환율 \+10%, 3개월'\(3개월.*\n포트폴리오 손익 −[\d,]+원/u);
    expect(streamed.calls[0]!.files[0]).toBeGreaterThan(2_000);
    const final = EXPLANATION.split(NAME_TOKEN).join('환율 +10%, 3개월');
    expect(streamed.texts[1]).toBe(final);
    const followUp = streamed.calls.filter((c) => c.status === 200 && c.method === 'POST');
    const edits = streamed.calls.filter(
      (c) => c.status === 200 && c.method === 'PATCH' && !c.path.endsWith('@original'),
    );
    // Posted with the first sentences, then edited up to the whole text.
    expect(String(followUp[0]!.body.content).length).toBeLessThan(final.length);
    expect(final.startsWith(String(followUp[0]!.body.content))).toBe(true);
    expect(edits.at(-1)!.body.content).toBe(final);

    llmServer.script({ kind: 'status', status: 503 });
    const fallback = await run('환율 +10%, 3개월');
    expect(fallback.texts[1]).toMatch(/^시나리오 '환율 \+10%, 3개월'\(3개월[\s\S]*투자 권유가 아닙니다/u);
    // The deterministic text arrives whole: one post, no edit.
    expect(
      fallback.calls.filter((c) => c.status === 200 && c.method === 'PATCH' && !c.path.endsWith('@original')),
    ).toEqual([]);
  });
});
