import { z } from 'zod';
import { int } from './config-fields.js';

/** Paper trading and threat alerts (the notify queues). */
export const alertsShape = {
  // Paper trading: starting cash in won and the fee on every fill in basis points (15 = 0.15%)
  PAPER_STARTING_CASH_KRW: int(10_000_000, 1, 1_000_000_000_000),
  PAPER_FEE_BPS: z.coerce.number().min(0).max(1_000).default(15),
  // Threat alerts (notify queues). Telegram ~30 msg/s per bot; Discord DMs kept slow; Kakao Event API requests/s
  // (undocumented by Kakao, so conservative) and a per-user daily cap because every Kakao push is billed.
  ALERTS_TELEGRAM_PER_SECOND: z.coerce.number().min(0.1).max(30).default(29),
  ALERTS_DISCORD_PER_SECOND: z.coerce.number().min(0.1).max(25).default(5),
  ALERTS_KAKAO_REQUESTS_PER_SECOND: z.coerce.number().min(0.1).max(100).default(5),
  ALERTS_KAKAO_DAILY_CAP: int(5, 0, 1_000),
  ALERTS_KAKAO_EVENT_NAME: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/u)
    .default('riskxpert_alert'),
  // Default quiet hours for new subscriptions, Asia/Seoul, e.g. 23:00-07:00 (empty: none). Held, not dropped.
  ALERTS_DEFAULT_QUIET_HOURS: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/u, 'HH:MM-HH:MM, e.g. 23:00-07:00')
      .optional(),
  ),
};

export function alertsConfig(c: z.infer<z.ZodObject<typeof alertsShape>>) {
  return {
    telegramPerSecond: c.ALERTS_TELEGRAM_PER_SECOND,
    discordPerSecond: c.ALERTS_DISCORD_PER_SECOND,
    kakaoRequestsPerSecond: c.ALERTS_KAKAO_REQUESTS_PER_SECOND,
    kakaoDailyCap: c.ALERTS_KAKAO_DAILY_CAP,
    kakaoEventName: c.ALERTS_KAKAO_EVENT_NAME,
    /** "HH:MM-HH:MM" in Asia/Seoul, or undefined. */
    defaultQuietHours: c.ALERTS_DEFAULT_QUIET_HOURS,
  };
}
