import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarioTestSurface } from '../fakes/scenario-surface.js';
import { startFakeTelegram } from '../fakes/telegram-bot-api.js';
import { scenarioTelegramBot } from '../fakes/telegram-scenario-bot.js';
import { createPrivateChatUpdates } from '../fakes/telegram-updates.js';

const TOKEN = '9:SCN';
let tg: Awaited<ReturnType<typeof startFakeTelegram>>;
const env = scenarioTestSurface();
beforeAll(async () => {
  tg = await startFakeTelegram({ token: TOKEN, perChatMinGapMs: 0 });
});
afterAll(async () => {
  await tg.close();
  env.drop();
});

const { command } = createPrivateChatUpdates({ id: 88, firstName: 'Lee' }, 9000);

describe('Telegram /scenario against the Bot API stand-in', () => {
  it('creates, runs on the paper portfolio with a chart, edits, re-runs and shows both versions', async () => {
    const bot = await scenarioTelegramBot(tg, TOKEN, env.chat);
    await env.trading.buy('telegram:88', 'kospi', 1_000n);
    const sent = () =>
      tg.calls.filter((c) => (c.method === 'sendMessage' || c.method === 'sendPhoto') && c.params.chat_id === 88);

    await bot.handleUpdate(command('/scenario save 원화 약세: 환율 +10%, 3개월'));
    expect(sent().at(-1)!.params.text).toBe("시나리오 '원화 약세' 저장: 버전 1.");
    await bot.handleUpdate(command('/scenario 원화 약세'));
    // The chart with the lead and the portfolio line as its caption, then the explanation as its own message.
    const first = sent().at(-2)!;
    expect(first.method).toBe('sendPhoto');
    expect(String(sent().at(-1)!.params.text)).toMatch(
      /^시나리오 '원화 약세'\(버전 1, 3개월[\s\S]*투자 권유가 아닙니다/u,
    );
    expect(first.photoBytes).toBeGreaterThan(2_000);
    expect(String(first.params.caption)).toMatch(/^시나리오 '원화 약세'\(버전 1, 3개월/u);
    expect(String(first.params.caption)).toMatch(/포트폴리오 손익 −[\d,]+원/u);

    await bot.handleUpdate(command('/scenario edit 원화 약세: 환율 +20%, 3개월'));
    expect(sent().at(-1)!.params.text).toBe("시나리오 '원화 약세' 저장: 버전 2.");
    await bot.handleUpdate(command('/scenario 원화 약세'));
    expect(String(sent().at(-2)!.params.caption)).toMatch(/버전 2, 3개월.*원\/달러 환율 \+20\.0%/u);

    await bot.handleUpdate(command('/scenario versions 원화 약세'));
    const history = String(sent().at(-1)!.params.text).split('\n');
    expect(history).toHaveLength(2);
    expect(history[0]).toMatch(/^v1 .*usdkrw \+10%, 3m · runs 1$/u);
    expect(history[1]).toMatch(/^v2 .*usdkrw \+20%, 3m · runs 1$/u);
  });

  it('answers a shock text directly, and refuses a rate given in % in Korean', async () => {
    const bot = await scenarioTelegramBot(tg, TOKEN, env.chat);
    const sent = () =>
      tg.calls.filter((c) => (c.method === 'sendMessage' || c.method === 'sendPhoto') && c.params.chat_id === 88);
    await bot.handleUpdate(command('/scenario 환율 +10%, 코스피 -15%, 3개월'));
    expect(String(sent().at(-2)!.params.caption)).toMatch(/코스피 −15\.0%/u);
    await bot.handleUpdate(command('/scenario 미국채 +1%, 3개월'));
    expect(sent().at(-1)!.params.text).toBe(
      '⚠️ 미국 10년 국채금리는 금리라서 %p(퍼센트포인트)로 적어 주세요. 예: +0.5%p.',
    );
  });
});
