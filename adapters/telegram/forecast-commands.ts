import type { Bot, Context } from 'grammy';
import { CATALOG, getIndicator, indicatorName } from '../../src/data/catalog.js';
import { parseQuestion } from '../../src/engine/parse-question.js';
import type { Locale } from '../../src/locale.js';
import { t } from '../../src/messages/t.js';
import type { BotCommands } from '../../src/sim/bot-commands.js';
import type { ConversationStore } from '../../src/store/store.js';
import type { TelegramAnswer } from './answer-run.js';
import { CLARIFY_CALLBACK, parseClarifyCallback } from './clarify-keyboard.js';
import { HELP } from './command-menu.js';
import { horizonKeyboard, indicatorKeyboard } from './forecast-keyboards.js';

export interface TelegramForecastDeps {
  answer: TelegramAnswer;
  localeOf: (ctx: Context, text?: string) => Locale;
  conversations: Pick<ConversationStore, 'listByUser'>;
  commands?: BotCommands | undefined;
  subscriptions?: { subscribe(userId: string, indicatorId: string): Promise<void> } | undefined;
}

/** /start, /help, /indicators, /history and /forecast. */
export function registerTelegramForecastCommands(bot: Bot, deps: TelegramForecastDeps): void {
  const { answer, localeOf } = deps;
  bot.command(['start', 'help'], (ctx) => ctx.reply(HELP[localeOf(ctx)]));
  bot.command('indicators', (ctx) => {
    const locale = localeOf(ctx);
    const lines = CATALOG.map((i) => `• ${indicatorName(i, locale)} (${i.aliases.slice(0, 2).join(', ')})`);
    return ctx.reply(lines.join('\n'), { reply_markup: indicatorKeyboard(locale) });
  });
  bot.command('history', async (ctx) => {
    const locale = localeOf(ctx);
    if (!ctx.from) return;
    const items = await deps.conversations.listByUser(`telegram:${ctx.from.id}`, { limit: 5 }).catch(() => undefined);
    if (!items) return ctx.reply(t(locale, 'telegram.historyFailed'));
    if (items.length === 0) return ctx.reply(t(locale, 'adapter.noHistory'));
    return ctx.reply(
      items
        .map((c) => {
          const known = getIndicator(c.request.indicatorId);
          const name = known ? indicatorName(known, locale) : c.request.indicatorId;
          return `• ${c.createdAt.toISOString().slice(0, 10)} ${name} ${t(locale, 'telegram.monthsShort', { n: c.request.horizonMonths })}: ${c.summary.slice(0, 120)}`;
        })
        .join('\n'),
    );
  });
  bot.command('forecast', async (ctx) => {
    const text = ctx.match.trim();
    const locale = localeOf(ctx, text);
    const parsed = parseQuestion(text);
    const bare = /(?:^|\s)(\d{1,2})(?:\s|$)/u.exec(text);
    const months = parsed.horizonMonths ?? (bare ? Number(bare[1]) : undefined);
    // Something that is not one indicator ("금리", "삼성전자"): the engine asks back with its own choices.
    if (!parsed.indicator && text)
      return answer(ctx, { question: text, ...(months ? { horizonMonths: months } : {}), locale });
    if (!parsed.indicator)
      return ctx.reply(t(locale, 'telegram.whichIndicator'), { reply_markup: indicatorKeyboard(locale) });
    if (!months)
      return ctx.reply(t(locale, 'telegram.howManyMonths'), {
        reply_markup: horizonKeyboard(parsed.indicator.id, locale),
      });
    return answer(ctx, { question: text, indicatorId: parsed.indicator.id, horizonMonths: months, locale });
  });
}

/** The buttons under answers: pick an indicator, a horizon, a clarify choice, or subscribe. */
export function registerTelegramForecastCallbacks(bot: Bot, deps: TelegramForecastDeps): void {
  const { answer, localeOf } = deps;
  bot.callbackQuery(/^i:([a-z0-9_]+)$/u, async (ctx) => {
    await ctx.answerCallbackQuery();
    const locale = localeOf(ctx);
    await ctx.reply(t(locale, 'telegram.howManyMonths'), { reply_markup: horizonKeyboard(ctx.match[1]!, locale) });
  });
  bot.callbackQuery(/^f:([a-z0-9_]+):(\d{1,2})$/u, async (ctx) => {
    await ctx.answerCallbackQuery();
    const indicator = getIndicator(ctx.match[1]!);
    const locale = localeOf(ctx);
    if (!indicator) return;
    await answer(ctx, {
      question: `${indicatorName(indicator, locale)} ${t(locale, 'telegram.months', { n: ctx.match[2]! })}`,
      indicatorId: indicator.id,
      horizonMonths: Number(ctx.match[2]),
      locale,
    });
  });
  bot.callbackQuery(CLARIFY_CALLBACK, async (ctx) => {
    await ctx.answerCallbackQuery();
    if (typeof ctx.match === 'string') return;
    const picked = parseClarifyCallback(ctx.match);
    const original = ctx.callbackQuery.message?.reply_to_message?.text;
    const indicator = getIndicator(picked.indicatorId);
    if (!indicator) return;
    const locale = localeOf(ctx, original ?? '');
    await answer(ctx, { question: original ?? indicatorName(indicator, locale), ...picked, locale });
  });
  bot.callbackQuery(/^sub:([a-z0-9_]+)$/u, async (ctx) => {
    const locale = localeOf(ctx);
    if (deps.commands && ctx.from && ctx.chat) {
      await ctx.answerCallbackQuery();
      const r = await deps.commands.run({
        platform: 'telegram',
        userId: `telegram:${ctx.from.id}`,
        target: String(ctx.chat.id),
        locale,
        command: 'subscribe',
        args: ctx.match[1]!,
      });
      await ctx.reply(r.text);
      return;
    }
    if (!deps.subscriptions || !ctx.from) {
      await ctx.answerCallbackQuery({ text: t(locale, 'adapter.alertsDisabled'), show_alert: true });
      return;
    }
    await deps.subscriptions.subscribe(`telegram:${ctx.from.id}`, ctx.match[1]!);
    await ctx.answerCallbackQuery({ text: t(locale, 'telegram.subscribed') });
  });
}
