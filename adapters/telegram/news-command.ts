import type { Bot, Context } from 'grammy';
import type { Locale } from '../../src/locale.js';
import { newsReply, type NewsReplyDeps } from '../../src/news/news-reply.js';

/** `/news 코스피`: the stored headlines and their digest, as plain text (links stay clickable, nothing is parsed as HTML). */
export function registerTelegramNewsCommand(bot: Bot, deps: NewsReplyDeps, localeOf: (ctx: Context) => Locale): void {
  bot.command('news', async (ctx) => {
    const text = await newsReply(deps, { query: ctx.match, locale: localeOf(ctx) });
    await ctx.reply(text, { link_preview_options: { is_disabled: true } });
  });
}
