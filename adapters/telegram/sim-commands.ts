import { InlineKeyboard, InputFile, type Bot, type Context } from 'grammy';
import type { Locale } from '../../src/locale.js';
import { BOT_COMMANDS, type BotCommand, type BotCommands } from '../../src/sim/bot-commands.js';

const CALLBACK = /^cmd:([a-z]+)(?: ([\w .:-]{1,40}))?$/u;

/** Menu entries for paper trading and alerts (setMyCommands), in English and Korean. */
export const SIM_MENU = {
  en: [
    { command: 'buy', description: 'Paper-buy: /buy kospi 3, /buy 005930 10' },
    { command: 'sell', description: 'Paper-sell: /sell kospi 1, /sell 005930 5' },
    { command: 'portfolio', description: 'Your paper account, P&L and value chart' },
    { command: 'reset', description: 'Start the paper account over' },
    { command: 'subscribe', description: 'Alert: /subscribe kospi drawdown 10' },
    { command: 'subscriptions', description: 'Your alerts' },
    { command: 'unsubscribe', description: 'Stop an alert: /unsubscribe 1' },
    { command: 'quiet', description: 'Quiet hours: /quiet 23:00-07:00' },
  ],
  ko: [
    { command: 'buy', description: '모의 매수: /buy 코스피 3, /buy 삼성전자 10' },
    { command: 'sell', description: '모의 매도: /sell 코스피 1, /sell 005930 5' },
    { command: 'portfolio', description: '모의투자 계좌, 손익, 평가액 차트' },
    { command: 'reset', description: '모의투자 계좌 초기화' },
    { command: 'subscribe', description: '알림: /subscribe 코스피 낙폭 10' },
    { command: 'subscriptions', description: '내 알림 목록' },
    { command: 'unsubscribe', description: '알림 해제: /unsubscribe 1' },
    { command: 'quiet', description: '방해 금지: /quiet 23:00-07:00' },
  ],
};

/**
 * /buy /sell /portfolio /reset /subscribe /unsubscribe /subscriptions /quiet, and their inline buttons: a thin
 * mapping onto the platform-agnostic commands. Alerts go to the chat the command came from.
 */
export function registerTelegramSimCommands(bot: Bot, commands: BotCommands, localeOf: (ctx: Context) => Locale): void {
  async function run(ctx: Context, command: BotCommand, args: string): Promise<void> {
    if (!ctx.from || !ctx.chat) return;
    const r = await commands.run({
      platform: 'telegram',
      userId: `telegram:${ctx.from.id}`,
      target: String(ctx.chat.id),
      locale: localeOf(ctx),
      command,
      args,
    });
    const kb = r.buttons?.length
      ? r.buttons.reduce((k, b) => k.text(b.label, `cmd:${b.command}`.slice(0, 64)), new InlineKeyboard())
      : undefined;
    const markup = kb ? { reply_markup: kb } : {};
    if (r.png)
      await ctx.replyWithPhoto(new InputFile(r.png, 'portfolio.png'), { caption: r.text.slice(0, 1024), ...markup });
    else await ctx.reply(r.text.slice(0, 4096), markup);
  }
  for (const command of BOT_COMMANDS) bot.command(command, (ctx) => run(ctx, command, ctx.match));
  bot.callbackQuery(CALLBACK, async (ctx) => {
    await ctx.answerCallbackQuery();
    const command = ctx.match[1] as BotCommand;
    if (BOT_COMMANDS.includes(command)) await run(ctx, command, ctx.match[2] ?? '');
  });
}
