import type { Bot, Context } from 'grammy';
import type { Locale } from '../../src/locale.js';
import { RISK_COMMANDS, type RiskCommands } from '../../src/risk/risk-commands.js';

/** /risk, /plan, /profile: a thin mapping onto the platform-agnostic risk commands. */
export function registerTelegramRiskCommands(bot: Bot, risk: RiskCommands, localeOf: (ctx: Context) => Locale): void {
  for (const command of RISK_COMMANDS) {
    bot.command(command, async (ctx) => {
      if (!ctx.from) return;
      await ctx.replyWithChatAction('typing').catch(() => undefined);
      const r = await risk.run({ userId: `telegram:${ctx.from.id}`, locale: localeOf(ctx), command, args: ctx.match });
      await ctx.reply(r.text.slice(0, 4096));
    });
  }
}
