import { Routes, type REST } from 'discord.js';
import { indicatorName } from '../../src/data/catalog.js';
import { STOCK_ALIASES, stockCodeSchema } from '../../src/data/stock-instruments.js';
import type { Locale } from '../../src/locale.js';
import type { BotCommand, BotCommands } from '../../src/sim/bot-commands.js';
import type { Interaction, InteractionResponse } from './interaction-types.js';

const EPHEMERAL = 64;

/**
 * /buy and /sell take an indicator or a KRX stock. The option keeps its registered name `indicator` (renaming it
 * would break clients still holding the old definition); only its help text says that stock codes work.
 */
export const INSTRUMENT_OPTION = {
  type: 3,
  name: 'indicator',
  name_localizations: { ko: '종목' },
  description: 'KOSPI, USD/KRW, ... or a KRX stock code (005930)',
  description_localizations: { ko: '코스피, 환율 등 또는 종목코드 (005930, 삼성전자)' },
  required: true,
  autocomplete: true,
  max_length: 40,
} as const;

/** Autocomplete for /buy and /sell: the typed 6-digit code, and the few stock names we know by name. */
export function stockChoices(typed: string, locale: Locale): { name: string; value: string }[] {
  const t = typed.trim().toLowerCase();
  if (stockCodeSchema.safeParse(t).success) {
    const known = STOCK_ALIASES.find((s) => s.code === t);
    return [{ name: known ? `${indicatorName(known, locale)} (${t})` : t, value: t }];
  }
  return STOCK_ALIASES.filter(
    (s) =>
      !t ||
      s.code.startsWith(t) ||
      s.aliases.some((a) => a.includes(t.replace(/\s+/gu, ''))) ||
      s.nameEn.toLowerCase().includes(t),
  ).map((s) => ({ name: `${indicatorName(s, locale)} (${s.code})`, value: s.code }));
}

/** The slash command's options as the command line the shared handler reads ("kospi 3", "kospi move month 4"). */
function argsOf(i: Interaction): string {
  const o = (name: string) => i.data?.options?.find((x) => x.name === name)?.value;
  return [o('indicator'), o('rule'), o('value'), o('quantity'), o('which'), o('hours')]
    .filter((v) => v !== undefined && v !== '')
    .map(String)
    .join(' ');
}

/**
 * /buy /sell /portfolio /reset /subscribe /unsubscribe /subscriptions /quiet: deferred ephemeral (an account is
 * private), then the reply edits the original response, with the value chart attached for /portfolio. Alerts go
 * to the user's DMs, and subscribing is the opt-in Discord DMs need.
 */
export function simCommand(
  rest: REST,
  commands: BotCommands,
  i: Interaction,
  locale: Locale,
  userId: string,
): { response: InteractionResponse; background: () => Promise<void> } {
  return {
    response: { type: 5, data: { flags: EPHEMERAL } },
    background: async () => {
      const original = Routes.webhookMessage(i.application_id, i.token, '@original');
      const r = await commands.run({
        platform: 'discord',
        userId: `discord:${userId}`,
        target: userId,
        locale,
        command: i.data!.name as BotCommand,
        args: argsOf(i),
      });
      const content = r.text.slice(0, 2000);
      if (r.png) {
        await rest.patch(original, {
          body: { content, attachments: [{ id: 0, filename: 'portfolio.png' }] },
          files: [{ name: 'portfolio.png', data: Buffer.from(r.png), contentType: 'image/png' }],
        });
      } else await rest.patch(original, { body: { content } });
    },
  };
}
