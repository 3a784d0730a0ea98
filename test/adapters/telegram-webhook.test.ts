import { afterEach, describe, expect, it } from 'vitest';
import { createTelegramBot } from '../../adapters/telegram/create-telegram-bot.js';
import { createTelegramWebhookRouter } from '../../adapters/telegram/webhook-router.js';
import { loadConfig } from '../../src/config.js';
import { createSilentLogger } from '../../src/logger.js';
import { createRuntime } from '../../src/runtime.js';
import { startFakeOpenAi } from '../fakes/openai-server.js';
import { startFakeTelegram } from '../fakes/telegram-bot-api.js';
import { serveTelegramWebhook, TEST_BOT_INFO } from '../fakes/telegram-webhook-harness.js';

const TOKEN = '123456:TEST-token';
const SECRET = 'webhook_secret-1';
const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!().catch(() => undefined);
});

async function setup(env: Record<string, string> = {}) {
  const tg = await startFakeTelegram({ token: TOKEN });
  closers.push(() => tg.close());
  const runtime = await createRuntime(loadConfig({ FORECASTER: 'drift', ...env }), { logger: createSilentLogger() });
  closers.push(() => runtime.close());
  const handled: number[] = [];
  const scenarios: string[] = [];
  // keep the engine's own scenario text, to compare with what Telegram ends up showing
  const engine = {
    async *answer(...args: Parameters<typeof runtime.engine.answer>) {
      let text = '';
      for await (const e of runtime.engine.answer(...args)) {
        if (e.type === 'scenario-delta') text += e.text;
        if (e.type === 'done') scenarios.push(text);
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
    botInfo: TEST_BOT_INFO,
    maxQuestionChars: 500,
    answerDeadlineMs: 45_000,
    questionsPerMinute: 3,
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
  return { tg, base, handled, scenarios };
}

let updateId = 1000;
function update(chat: { id: number; type: 'private' | 'supergroup' }, text: string) {
  updateId += 1;
  const isCommand = text.startsWith('/');
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat:
        chat.type === 'private'
          ? { id: chat.id, type: 'private', first_name: 'Kim' }
          : { id: chat.id, type: 'supergroup', title: 'investors' },
      from: { id: Math.abs(chat.id) + 7, is_bot: false, first_name: 'Kim', language_code: 'ko' },
      text,
      ...(isCommand ? { entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }] } : {}),
    },
  };
}

async function postUpdate(base: string, body: unknown, secret = SECRET) {
  const t0 = Date.now();
  const res = await fetch(`${base}/telegram/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
    body: JSON.stringify(body),
  });
  return { status: res.status, ms: Date.now() - t0 };
}

async function waitFor(pred: () => boolean, ms = 60_000) {
  const until = Date.now() + ms;
  while (!pred() && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  expect(pred()).toBe(true);
}

describe('Telegram through the real webhook route against a Bot API stand-in', () => {
  it('private chat: chat action, photo with caption, drafts, then the final message equal to the scenario', async () => {
    const { tg, base, handled, scenarios } = await setup();
    const u = update({ id: 5001, type: 'private' }, '/forecast S&P 500 6');
    const r = await postUpdate(base, u);
    expect(r.status).toBe(200);
    await waitFor(() => handled.includes(u.update_id));
    const methods = tg.calls.filter((c) => c.params.chat_id === 5001).map((c) => c.method);
    expect(methods[0]).toBe('sendChatAction');
    const photoAt = methods.indexOf('sendPhoto');
    expect(photoAt).toBeGreaterThan(0);
    expect(
      methods
        .slice(photoAt + 1)
        .every((m) => m === 'sendMessageDraft' || m === 'sendMessage' || m === 'sendChatAction'),
    ).toBe(true);
    expect(methods).toContain('sendMessageDraft');
    const photo = tg.calls.find((c) => c.method === 'sendPhoto')!;
    expect(photo.photoBytes).toBeGreaterThan(1000);
    expect(String(photo.params.caption).length).toBeLessThanOrEqual(1024);
    expect(String(photo.params.caption)).toMatch(/S&P 500 6개월 전망/u);
    expect(String(photo.params.reply_markup)).toContain('sub:sp500');
    const finals = tg.calls
      .filter((c) => c.method === 'sendMessage' && c.params.chat_id === 5001)
      .map((c) => String(c.params.text));
    expect(finals.join('')).toBe(scenarios[0]);
    expect(tg.calls.filter((c) => c.outcome !== 'ok')).toEqual([]);
  });

  it('group chat: one message edited at most about once a second, split past 4096, final text whole, zero 429s', async () => {
    const llm = await startFakeOpenAi();
    closers.push(() => llm.close());
    const long = `${'시장 심리는 여전히 조심스럽고 변동성이 커질 수 있습니다. '.repeat(150)}`;
    llm.script(
      { kind: 'ok', text: '요약: 중앙 전망은 큰 변화가 없고 불확실성이 큽니다.' },
      { kind: 'ok', text: long, chunkSize: 400, delayMs: 150 },
    );
    const { tg, base, handled, scenarios } = await setup({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: llm.url });
    const u = update({ id: -100777, type: 'supergroup' }, '/forecast sp500 3');
    await postUpdate(base, u);
    await waitFor(() => handled.includes(u.update_id), 120_000);
    const inChat = tg.calls.filter((c) => c.params.chat_id === -100777 && c.method !== 'sendChatAction');
    expect(inChat.map((c) => c.method)).not.toContain('sendMessageDraft');
    expect(inChat.filter((c) => c.outcome !== 'ok')).toEqual([]);
    for (let i = 1; i < inChat.length; i += 1) expect(inChat[i]!.at - inChat[i - 1]!.at).toBeGreaterThanOrEqual(950);
    expect(inChat.every((c) => String(c.params.text ?? '').length <= 4096)).toBe(true);
    const texts = tg.finalTexts(-100777).filter((t) => t.length > 0);
    expect(texts.length).toBeGreaterThanOrEqual(2);
    expect(texts.join('')).toBe(scenarios[0]);
  });

  it('acknowledges the webhook before the answer is done, and refuses a wrong secret', async () => {
    const { base, handled } = await setup();
    const u = update({ id: 5002, type: 'private' }, '/forecast sp500 12');
    const r = await postUpdate(base, u);
    expect(r.status).toBe(200);
    expect(handled).not.toContain(u.update_id);
    expect((await postUpdate(base, update({ id: 5003, type: 'private' }, 'hi'), 'wrong')).status).toBe(401);
    // not an update: acknowledged (Telegram would re-send anything else) and dropped
    expect((await postUpdate(base, { hello: 'world' })).status).toBe(200);
    await waitFor(() => handled.includes(u.update_id));
  });

  it('asks for the indicator and the horizon with keyboards, and rate-limits a flood politely', async () => {
    const { tg, base, handled } = await setup();
    const a = update({ id: 5004, type: 'private' }, '/forecast');
    await postUpdate(base, a);
    await waitFor(() => handled.includes(a.update_id));
    const ask = tg.calls.find((c) => c.method === 'sendMessage' && c.params.chat_id === 5004)!;
    expect(JSON.stringify(ask.params.reply_markup)).toContain('i:kospi');
    const ids: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const u = update({ id: 5005, type: 'private' }, `S&P 500 ${i + 1}개월`);
      ids.push(u.update_id);
      await postUpdate(base, u);
    }
    await waitFor(() => ids.every((id) => handled.includes(id)), 120_000);
    const texts = tg.calls
      .filter((c) => c.method === 'sendMessage' && c.params.chat_id === 5005)
      .map((c) => String(c.params.text));
    expect(texts.filter((t) => /질문이 너무 많아요/u.test(t))).toHaveLength(2);
  });
});
