import { z } from 'zod';
import { bool, int, optionalString, trimSlash } from './config-fields.js';

/** The chat platforms: KakaoTalk, Telegram and Discord. */
export const chatShape = {
  // KakaoTalk (Kakao i Open Builder skill + Event API)
  KAKAO_SKILL_SECRET: optionalString,
  KAKAO_SKILL_SECRET_HEADER: z
    .string()
    .regex(/^[a-z0-9-]{1,64}$/u, 'lower-case header name')
    .default('x-riskxpert-skill-secret'),
  KAKAO_INLINE_BUDGET_MS: int(3_500, 500, 4_500),
  // Hosts the skill may POST callback answers to (exact, or *.suffix); https and public addresses only, whatever the list
  KAKAO_CALLBACK_HOSTS: z
    .string()
    .regex(
      /^(\*\.)?[a-z0-9.-]+(,\s*(\*\.)?[a-z0-9.-]+)*$/u,
      'comma-separated host names, e.g. bot-api.kakao.com,*.relay.example',
    )
    .default('bot-api.kakao.com')
    .transform((v) => v.split(',').map((h) => h.trim())),
  // In production the skill route needs KAKAO_SKILL_SECRET; true serves it without one (a network that only Kakao reaches)
  KAKAO_SKILL_ALLOW_NO_SECRET: bool(false),
  KAKAO_REST_API_KEY: optionalString,
  KAKAO_BOT_ID: optionalString,
  KAKAO_EVENT_API_BASE: z.url().default('https://bot-api.kakao.com'),

  // Telegram
  TELEGRAM_BOT_TOKEN: optionalString,
  TELEGRAM_API_ROOT: z.url().default('https://api.telegram.org'),
  TELEGRAM_WEBHOOK_SECRET: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,256}$/u, '1-256 characters of A-Z, a-z, 0-9, _ and - (Telegram secret_token rules)')
      .optional(),
  ),

  // Discord
  DISCORD_TOKEN: optionalString,
  DISCORD_APPLICATION_ID: optionalString,
  DISCORD_PUBLIC_KEY: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/u, '64 hex characters (the application public key)')
      .optional(),
  ),
  DISCORD_API_BASE: z.url().default('https://discord.com/api'),
  DISCORD_GUILD_ID: optionalString,
};

export function chatConfig(c: z.infer<z.ZodObject<typeof chatShape>>) {
  return {
    kakao: {
      skillSecret: c.KAKAO_SKILL_SECRET,
      skillSecretHeader: c.KAKAO_SKILL_SECRET_HEADER,
      inlineBudgetMs: c.KAKAO_INLINE_BUDGET_MS,
      callbackHosts: c.KAKAO_CALLBACK_HOSTS,
      allowNoSecret: c.KAKAO_SKILL_ALLOW_NO_SECRET,
      restApiKey: c.KAKAO_REST_API_KEY,
      botId: c.KAKAO_BOT_ID,
      eventApiBase: trimSlash(c.KAKAO_EVENT_API_BASE),
    },
    telegram: {
      botToken: c.TELEGRAM_BOT_TOKEN,
      apiRoot: trimSlash(c.TELEGRAM_API_ROOT),
      webhookSecret: c.TELEGRAM_WEBHOOK_SECRET,
    },
    discord: {
      token: c.DISCORD_TOKEN,
      applicationId: c.DISCORD_APPLICATION_ID,
      publicKey: c.DISCORD_PUBLIC_KEY,
      apiBase: trimSlash(c.DISCORD_API_BASE),
      guildId: c.DISCORD_GUILD_ID,
    },
  };
}
