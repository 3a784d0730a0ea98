import { afterEach, describe, expect, it } from 'vitest';
import { createTelegramBot } from '../../adapters/telegram/create-telegram-bot.js';
import { createTelegramWebhookRouter } from '../../adapters/telegram/webhook-router.js';
import { loadConfig } from '../../src/config.js';
import { createSilentLogger } from '../../src/logger.js';
import { createRuntime } from '../../src/runtime.js';
import { writeClarifySeriesDir } from '../fakes/clarify-series-dir.js';
import { startFakeTelegram } from '../fakes/telegram-bot-api.js';
import { serveTelegramWebhook, TEST_BOT_INFO } from '../fakes/telegram-webhook-harness.js';

const TOKEN = '123456:TEST-clarify';
const SECRET = 'webhook_secret-clarify';
const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!().catch(() => undefined);
});

async function setup() {
  const data = await writeClarifySeriesDir();
  closers.push(data.remove);
  const tg = await startFakeTelegram({ token: TOKEN, perChatMinGapMs: 0 });
  closers.push(() => tg.close());
  const runtime = await createRuntime(loadConfig({ FORECASTER: 'drift', RISKXPERT_DATA_DIR: data.dir }), {
    logger: createSilentLogger(),
  });
  closers.push(() => runtime.close());
  const handled: number[] = [];
  const bot = createTelegramBot({
    token: TOKEN,
    apiRoot: tg.apiRoot,
    engine: runtime.engine,
    conversations: runtime.store.conversations,
    logger: createSilentLogger(),
    botInfo: TEST_BOT_INFO,
    maxQuestionChars: 500,
    answerDeadlineMs: 45_000,
    minIntervalMs: 0,
  });
  const base = await serveTelegramWebhook(
    runtime,
    createTelegramWebhookRouter({
      bot,
      secretToken: SECRET,
      logger: createSilentLogger(),
      onHandled: (id) => handled.push(id),
    }),
    closers,
  );
  return { tg, base, handled };
}

async function post(base: string, body: unknown) {
  const res = await fetch(`${base}/telegram/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
}

async function waitFor(pred: () => boolean, ms = 60_000) {
  const until = Date.now() + ms;
  while (!pred() && Date.now() < until) await new Promise((r) => setTimeout(r, 25));
  expect(pred()).toBe(true);
}

describe('Telegram asks back with an inline keyboard, and a pressed choice completes the answer', () => {
  it('"금리 전망" -> choices of the rates with data -> the picked one answered, its default horizon stated', async () => {
    const { tg, base, handled } = await setup();
    const chat = { id: 7001, type: 'private', first_name: 'Kim' };
    const from = { id: 7008, is_bot: false, first_name: 'Kim', language_code: 'ko' };
    const question = { message_id: 11, date: Math.floor(Date.now() / 1000), chat, from, text: '금리 전망' };
    await post(base, { update_id: 9001, message: question });
    await waitFor(() => handled.includes(9001));

    const asked = tg.calls.find((c) => c.method === 'sendMessage' && c.params.chat_id === 7001)!;
    expect(String(asked.params.text)).toMatch(/어떤 금리를 볼까요\?.*한국은행 기준금리, 미국 10년 국채금리/u);
    expect(asked.params.reply_parameters).toMatchObject({ message_id: 11 });
    const buttons = (
      asked.params.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }
    ).inline_keyboard.flat();
    expect(buttons).toEqual([
      { text: '한은 기준금리', callback_data: 'c:kr_base_rate:-' },
      { text: '미국 10년물', callback_data: 'c:us10y:-' },
    ]);
    for (const b of buttons) expect(Buffer.byteLength(b.callback_data)).toBeLessThanOrEqual(64);

    // Telegram sends the pressed button with the bot's message, which carries the question it replied to.
    const botMessage = {
      message_id: 12,
      date: question.date,
      chat,
      from: { id: 42, is_bot: true, first_name: 'RiskXpert' },
      text: String(asked.params.text),
      reply_to_message: question,
    };
    await post(base, {
      update_id: 9002,
      callback_query: { id: 'cb-1', from, chat_instance: 'ci', message: botMessage, data: buttons[1]!.callback_data },
    });
    await waitFor(() => handled.includes(9002));
    await waitFor(() => tg.calls.some((c) => c.method === 'sendPhoto' && c.params.chat_id === 7001));
    expect(tg.calls.some((c) => c.method === 'answerCallbackQuery')).toBe(true);
    const photo = tg.calls.find((c) => c.method === 'sendPhoto' && c.params.chat_id === 7001)!;
    expect(String(photo.params.caption)).toMatch(
      /^📈 미국 10년 국채금리 6개월 전망\n\n(?:자료가 [^.]*\. )?기간을 말하지 않아 6개월로 봤어요\./u,
    );
    expect(photo.outcome).toBe('ok');

    // /forecast with something that is not one indicator goes the same way, keeping the months given.
    await post(base, {
      update_id: 9003,
      message: {
        message_id: 13,
        date: question.date,
        chat,
        from,
        text: '/forecast 금리 12',
        entities: [{ type: 'bot_command', offset: 0, length: 9 }],
      },
    });
    await waitFor(() => handled.includes(9003));
    const command = tg.calls.filter((c) => c.method === 'sendMessage' && c.params.chat_id === 7001).at(-1)!;
    const commandButtons = (
      command.params.reply_markup as { inline_keyboard: { callback_data: string }[][] }
    ).inline_keyboard.flat();
    expect(commandButtons.map((b) => b.callback_data)).toEqual(['c:kr_base_rate:12', 'c:us10y:12']);
  });
});
