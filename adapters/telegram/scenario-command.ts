import { InputFile, type Bot, type Context } from 'grammy';
import type { Locale } from '../../src/locale.js';
import type { ScenarioChat } from '../../src/scenario/scenario-chat.js';

/** `/scenario ...`: the chart as a photo with the text as its caption (or the text alone), nothing else. */
export function registerTelegramScenarioCommand(
  bot: Bot,
  chat: ScenarioChat,
  localeOf: (ctx: Context) => Locale,
): void {
  bot.command('scenario', async (ctx) => {
    if (!ctx.from) return;
    const r = await chat.run({ userId: `telegram:${ctx.from.id}`, locale: localeOf(ctx), args: ctx.match });
    if (r.png) {
      await ctx.replyWithPhoto(new InputFile(r.png, 'scenario.png'), { caption: r.text.slice(0, 1024) });
      if (r.text.length > 1024) await ctx.reply(r.text.slice(0, 4096));
    } else await ctx.reply(r.text.slice(0, 4096));
  });
}
