import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpApp } from '../../adapters/http/create-http-app.js';
import { createTelegramBot } from '../../adapters/telegram/create-telegram-bot.js';
import { createTelegramWebhookRouter } from '../../adapters/telegram/webhook-router.js';
import { loadConfig } from '../../src/config.js';
import type { Engine } from '../../src/engine/answer-types.js';
import { createSilentLogger } from '../../src/logger.js';
import { createRuntime } from '../../src/runtime.js';
import { startFakeTelegram } from '../fakes/telegram-bot-api.js';
import { TEST_BOT_INFO } from '../fakes/telegram-webhook-harness.js';

/*
 * Telegram degrades per call, not per answer: the Bot API stand-in answers one method with Telegram's real error
 * body, and the user must still get the summary and the whole scenario. Everything runs through the webhook route.
 */

const TOKEN = '123456:DEGRADE-token';
const SECRET = 'degrade_secret';
const BOT_INFO = TEST_BOT_INFO;
const APOLOGY = /앗, 문제가 생겼어요/u;
const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!().catch(() => undefined);
});

async function setup(options: { engine?: Engine } = {}) {
  const tg = await startFakeTelegram({ token: TOKEN, perChatMinGapMs: 100 });
  closers.push(() => tg.close());
  const runtime = await createRuntime(loadConfig({ FORECASTER: 'drift' }), { logger: createSilentLogger() });
  closers.push(() => runtime.close());
  const seen: { summary: string; scenario: string }[] = [];
  const engine: Engine = options.engine ?? {
    async *answer(...args: Parameters<Engine['answer']>) {
      const got = { summary: '', scenario: '' };
      for await (const e of runtime.engine.answer(...args)) {
        if (e.type === 'summary') got.summary = e.text;
        if (e.type === 'scenario-delta') got.scenario += e.text;
        if (e.type === 'done') seen.push(got);
        yield e;
      }
    },
  };
  const bot = createTelegramBot({
    token: TOKEN,
    apiRoot: tg.apiRoot,
    engine,
    conversations: runtime.store.conversations,
    logger: createSilentLogger(),
    botInfo: BOT_INFO,
    maxQuestionChars: 500,
    answerDeadlineMs: 45_000,
    minIntervalMs: 150,
  });
  const handled: number[] = [];
  const ignored: (number | undefined)[] = [];
  const router = createTelegramWebhookRouter({
    bot,
    secretToken: SECRET,
    logger: createSilentLogger(),
    onHandled: (id) => handled.push(id),
    onIgnored: (id) => ignored.push(id),
  });
  const server: Server = createServer(createHttpApp({ runtime, mounts: [{ path: '/telegram', router }] }));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const post = async (body: unknown) =>
    (
      await fetch(`${base}/telegram/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
        body: JSON.stringify(body),
      })
    ).status;
  return { tg, post, handled, ignored, seen };
}

let nextUpdate = 7000;
function update(chatId: number, text: string) {
  nextUpdate += 1;
  const isPrivate = chatId > 0;
  return {
    update_id: nextUpdate,
    message: {
      message_id: nextUpdate,
      date: Math.floor(Date.now() / 1000),
      chat: isPrivate
        ? { id: chatId, type: 'private', first_name: 'Kim' }
        : { id: chatId, type: 'supergroup', title: 'investors' },
      from: { id: Math.abs(chatId) + 7, is_bot: false, first_name: 'Kim', language_code: 'ko' },
      text,
      entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }],
    },
  };
}

const sentTexts = (tg: Awaited<ReturnType<typeof startFakeTelegram>>, chatId: number) =>
  tg.calls
    .filter((c) => c.params.chat_id === chatId && c.method === 'sendMessage' && c.outcome === 'ok')
    .map((c) => String(c.params.text));

describe('Telegram degrades per call', () => {
  it('sendMessageDraft answering 404 (an older self-hosted Bot API): the scenario goes out as a message and edits, whole', async () => {
    const { tg, post, handled, seen } = await setup();
    tg.refuse('sendMessageDraft', 404, 'Not Found');
    const u = update(6001, '/forecast S&P 500 6');
    expect(await post(u)).toBe(200);
    await expect.poll(() => handled.includes(u.update_id), { timeout: 60_000 }).toBe(true);
    const photo = tg.calls.find((c) => c.method === 'sendPhoto' && c.params.chat_id === 6001);
    expect(photo?.outcome).toBe('ok');
    expect(String(photo!.params.caption)).toContain(seen[0]!.summary.slice(0, 40));
    expect(tg.calls.some((c) => c.method === 'sendMessageDraft' && c.outcome === 'Not Found')).toBe(true);
    expect(
      tg
        .finalTexts(6001)
        .filter((t) => t.length > 0)
        .join(''),
    ).toBe(seen[0]!.scenario);
    expect(sentTexts(tg, 6001).some((t) => APOLOGY.test(t))).toBe(false);
  });

  it('sendPhoto refused (400 not enough rights to send photos): the caption goes out as text and the scenario still streams', async () => {
    const { tg, post, handled, seen } = await setup();
    tg.refuse('sendPhoto', 400, 'Bad Request: not enough rights to send photos to the chat');
    const u = update(-1006002, '/forecast sp500 3');
    expect(await post(u)).toBe(200);
    await expect.poll(() => handled.includes(u.update_id), { timeout: 60_000 }).toBe(true);
    const texts = sentTexts(tg, -1006002);
    expect(texts[0]).toMatch(/S&P 500 3개월 전망/u);
    expect(texts[0]).toContain(seen[0]!.summary);
    expect(
      tg
        .finalTexts(-1006002)
        .slice(1)
        .filter((t) => t.length > 0)
        .join(''),
    ).toBe(seen[0]!.scenario);
    expect(texts.some((t) => APOLOGY.test(t))).toBe(false);
  });

  it('webhook mode: a handler that fails still reaches the user with the apology polling mode gives', async () => {
    const failing: Engine = {
      // eslint-disable-next-line require-yield
      async *answer() {
        throw new Error('engine exploded');
      },
    };
    const { tg, post, handled } = await setup({ engine: failing });
    const u = update(6003, '/forecast kospi 6');
    expect(await post(u)).toBe(200);
    await expect.poll(() => handled.includes(u.update_id), { timeout: 10_000 }).toBe(true);
    expect(sentTexts(tg, 6003).some((t) => APOLOGY.test(t))).toBe(true);
  });

  it('malformed updates with the right secret are acknowledged 200 and dropped before any handler', async () => {
    const { tg, post, handled, ignored } = await setup();
    const malformed = [
      { update_id: 1, message: { message_id: 1, date: 1, chat: {}, text: 'hi' } },
      {
        update_id: 2,
        message: {
          message_id: 2,
          date: 1,
          chat: { id: 5, type: 'private' },
          from: { id: 5, is_bot: false, first_name: 'K' },
          text: { evil: true },
          entities: [{ type: 'bot_command', offset: 0, length: 3 }],
        },
      },
      { update_id: 3, callback_query: { id: 'q', from: { id: 'x' }, data: 5 } },
      { update_id: 4, edited_message: { chat: { id: null } } },
      { hello: 'world' },
      [1, 2, 3],
    ];
    for (const body of malformed) expect(await post(body)).toBe(200);
    expect(ignored).toEqual([1, 2, 3, 4, undefined, undefined]);
    expect(handled).toEqual([]);
    expect(tg.calls.filter((c) => c.method !== 'getMe')).toEqual([]);
  });
});
