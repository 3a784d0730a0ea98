import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLlmUsage } from '../../src/ops/llm-usage.js';
import { createOpenAiScenarioLlm } from '../../src/scenario/scenario-llm.js';
import { NAME_TOKEN } from '../../src/scenario/scenario-narration.js';
import { startFakeOpenAi } from '../fakes/openai-server.js';
import { scenarioTestSurface } from '../fakes/scenario-surface.js';
import { startFakeTelegram } from '../fakes/telegram-bot-api.js';
import { scenarioTelegramBot } from '../fakes/telegram-scenario-bot.js';
import { createPrivateChatUpdates } from '../fakes/telegram-updates.js';

const TOKEN = '9:STR';
const EXPLANATION = `${NAME_TOKEN}에서는 환율이 오르면 코스피가 내려가는 쪽으로 움직였습니다. 범위가 넓어 결과는 불확실합니다. 투자 권유가 아닙니다.`;
let tg: Awaited<ReturnType<typeof startFakeTelegram>>;
let llmServer: Awaited<ReturnType<typeof startFakeOpenAi>>;
const usage = createLlmUsage();
let env: ReturnType<typeof scenarioTestSurface>;
beforeAll(async () => {
  tg = await startFakeTelegram({ token: TOKEN, perChatMinGapMs: 0 });
  llmServer = await startFakeOpenAi();
  const client = new OpenAI({ apiKey: 'test', baseURL: llmServer.url, maxRetries: 0 });
  env = scenarioTestSurface({ llm: createOpenAiScenarioLlm({ client, model: 'gpt-4o-mini', usage }) });
});
afterAll(async () => {
  await tg.close();
  await llmServer.close();
  env.drop();
});

const { command } = createPrivateChatUpdates({ id: 91, firstName: 'Kim' }, 7000);

describe('Telegram /scenario streams the explanation', () => {
  it('sends the chart with its caption, then the LLM explanation as growing drafts, then the final message', async () => {
    const bot = await scenarioTelegramBot(tg, TOKEN, env.chat);
    await env.trading.buy('telegram:91', 'kospi', 1_000n);
    llmServer.script({ kind: 'ok', text: EXPLANATION, chunkSize: 6, delayMs: 15 });
    await bot.handleUpdate(command('/scenario 환율 +10%, 3개월'));
    const calls = tg.calls.filter((c) => c.params.chat_id === 91);
    const photo = calls.find((c) => c.method === 'sendPhoto')!;
    expect(String(photo.params.caption)).toMatch(/^시나리오 '환율 \+10%, 3개월'\(3개월.*\n포트폴리오 손익 −[\d,]+원/u);
    const drafts = calls.filter((c) => c.method === 'sendMessageDraft').map((c) => String(c.params.text));
    // One draft per sentence as it passed the number check, each longer than the last.
    expect(drafts.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < drafts.length; i += 1) expect(drafts[i]!.startsWith(drafts[i - 1]!)).toBe(true);
    const final = calls.filter((c) => c.method === 'sendMessage').at(-1)!;
    expect(final.params.text).toBe(EXPLANATION.split(NAME_TOKEN).join('환율 +10%, 3개월'));
    expect(calls.indexOf(photo)).toBeLessThan(calls.indexOf(final));
    expect(usage.daily()[0]).toMatchObject({ feature: 'explanation', calls: 1, errors: 0 });
  });

  it('with the LLM down, the deterministic text arrives whole in one piece', async () => {
    const bot = await scenarioTelegramBot(tg, TOKEN, env.chat);
    const before = tg.calls.length;
    llmServer.script({ kind: 'status', status: 503 });
    await bot.handleUpdate(command('/scenario 환율 +10%, 3개월'));
    const calls = tg.calls.slice(before).filter((c) => c.params.chat_id === 91);
    const drafts = calls.filter((c) => c.method === 'sendMessageDraft');
    const final = calls.filter((c) => c.method === 'sendMessage').at(-1)!;
    expect(drafts.map((c) => c.params.text)).toEqual([final.params.text]);
    expect(String(final.params.text)).toMatch(/^시나리오 '환율 \+10%, 3개월'\(3개월[\s\S]*투자 권유가 아닙니다/u);
  });
});
