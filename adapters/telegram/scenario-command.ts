import { InputFile, type Bot, type Context } from 'grammy';
import type { Locale } from '../../src/locale.js';
import type { Logger } from '../../src/logger.js';
import type { ScenarioChat } from '../../src/scenario/scenario-chat.js';
import { createChatGate, createEditStreamer, type ChatGate } from '../../src/streaming/edit-streamer.js';
import { rateLimited, telegramStreamTarget } from './stream-target.js';

const CAPTION_MAX = 1024;
const TEXT_MAX = 4096;

/**
 * `/scenario ...`: the P&L chart as a photo with the lead and the portfolio line as its caption, then the explanation
 * streamed as a draft (private chats) or a message with throttled edits, as the forecasts' scenarios stream.
 */
export function registerTelegramScenarioCommand(
  bot: Bot,
  chat: ScenarioChat,
  localeOf: (ctx: Context) => Locale,
  options: { logger: Logger; gateFor?: (chatId: number) => ChatGate; minIntervalMs?: number },
): void {
  bot.command('scenario', async (ctx) => {
    const room = ctx.chat;
    if (!ctx.from || !room) return;
    const r = await chat.stream({ userId: `telegram:${ctx.from.id}`, locale: localeOf(ctx), args: ctx.match });
    const minIntervalMs = options.minIntervalMs ?? 1_100;
    // The photo and the stream share the chat's budget of calls.
    const gate = options.gateFor?.(room.id) ?? createChatGate(minIntervalMs);
    const png = r.png;
    if (png)
      await gate.run(() =>
        ctx
          .replyWithPhoto(new InputFile(png, 'scenario.png'), { caption: (r.caption ?? '').slice(0, CAPTION_MAX) })
          .catch(rateLimited),
      );
    const streamer = createEditStreamer({
      target: telegramStreamTarget(ctx.api, room.id, {
        isPrivate: room.type === 'private',
        firstDraftId: ctx.update.update_id * 100,
        logger: options.logger,
      }),
      maxChars: TEXT_MAX,
      minIntervalMs,
      gate,
    });
    for await (const piece of r.text) streamer.push(piece);
    await streamer.finish();
  });
}
