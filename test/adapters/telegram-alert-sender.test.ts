import { Api } from 'grammy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramAlertSender } from '../../adapters/telegram/alert-sender.js';
import { startFakeTelegram } from '../fakes/telegram-bot-api.js';

const TOKEN = '7:ALERTS';
let tg: Awaited<ReturnType<typeof startFakeTelegram>>;
beforeAll(async () => {
  tg = await startFakeTelegram({ token: TOKEN, blocked: [9999] });
});
afterAll(async () => {
  await tg.close();
});

describe('Telegram alert sender against the stand-in', () => {
  it('delivers a burst to many chats with no 429, at most one message per second per chat, and reports blocked users', async () => {
    const sender = createTelegramAlertSender({ api: new Api(TOKEN, { apiRoot: tg.apiRoot }) });
    const chats = Array.from({ length: 40 }, (_, i) => 1000 + i);
    const jobs = [...chats, ...chats].map((id, n) => sender.send(id, `코스피 급락 알림 #${n}`));
    jobs.push(sender.send(9999, '차단한 사용자'));
    const outcomes = await Promise.all(jobs);
    expect(outcomes.slice(0, 80).every((o) => o === 'sent')).toBe(true);
    expect(outcomes[80]).toBe('blocked');
    expect(tg.calls.filter((c) => c.outcome.startsWith('Too Many Requests'))).toEqual([]);
    for (const id of chats) {
      const times = tg.calls.filter((c) => c.params.chat_id === id && c.method === 'sendMessage').map((c) => c.at);
      expect(times).toHaveLength(2);
      expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(1000);
    }
    await sender.stop();
  });
});

describe('Telegram command menu', () => {
  it('registers the commands in English and Korean within Bot API limits', async () => {
    const { registerTelegramCommands } = await import('../../adapters/telegram/create-telegram-bot.js');
    await registerTelegramCommands(new Api(TOKEN, { apiRoot: tg.apiRoot }));
    const calls = tg.calls.filter((c) => c.method === 'setMyCommands');
    expect(calls).toHaveLength(2);
    expect(calls[1]!.params.language_code).toBe('ko');
    for (const c of calls) {
      const commands = c.params.commands as { command: string; description: string }[];
      expect(commands.map((x) => x.command)).toEqual([
        'forecast',
        'indicators',
        'history',
        'help',
        'buy',
        'sell',
        'portfolio',
        'reset',
        'subscribe',
        'subscriptions',
        'unsubscribe',
        'quiet',
      ]);
      for (const x of commands) {
        expect(x.command).toMatch(/^[a-z0-9_]{1,32}$/u);
        expect(x.description.length).toBeGreaterThanOrEqual(1);
        expect(x.description.length).toBeLessThanOrEqual(256);
      }
    }
  });
});
