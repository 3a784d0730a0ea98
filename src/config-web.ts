import { z } from 'zod';
import { int, optionalString, optionalUrl, trimSlash } from './config-fields.js';

/** The web app: Kakao Login, JWT sessions, CORS and its limits. */
export const webShape = {
  // Web (Kakao Login + JWT). Kakao Login uses KAKAO_REST_API_KEY as its client_id.
  KAKAO_CLIENT_SECRET: optionalString,
  KAKAO_REDIRECT_URI: optionalUrl(
    'the registered Kakao Login redirect URI, e.g. https://bot.example.com/auth/kakao/callback',
  ),
  KAKAO_OAUTH_BASE: z.url().default('https://kauth.kakao.com'),
  KAKAO_API_BASE: z.url().default('https://kapi.kakao.com'),
  WEB_JWT_SECRET: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string().min(32, 'at least 32 characters (HS256 key)').optional(),
  ),
  WEB_ACCESS_TTL_SECONDS: int(900, 30, 86_400),
  WEB_REFRESH_TTL_SECONDS: int(30 * 86_400, 300, 365 * 86_400),
  WEB_REFRESH_GRACE_SECONDS: int(30, 0, 300),
  WEB_ALLOWED_ORIGINS: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^https?:\/\/[^\s,]+(,https?:\/\/[^\s,]+)*$/u, 'comma-separated origins, e.g. https://app.example.com')
      .optional(),
  ),
  WEB_FORECASTS_PER_MINUTE: int(6, 1, 1_000),
  WEB_AUTH_PER_MINUTE: int(60, 1, 100_000),
};

export function webConfig(c: z.infer<z.ZodObject<typeof webShape>> & { PUBLIC_BASE_URL?: string | undefined }) {
  return {
    /** Undefined: no WEB_JWT_SECRET (development gets a per-process key, production has no web login). */
    jwtSecret: c.WEB_JWT_SECRET,
    accessTtlSeconds: c.WEB_ACCESS_TTL_SECONDS,
    refreshTtlSeconds: c.WEB_REFRESH_TTL_SECONDS,
    /** Seconds in which a just-rotated refresh token still rotates (two tabs renewing at once); 0 turns it off. */
    refreshGraceSeconds: c.WEB_REFRESH_GRACE_SECONDS,
    /** Origins allowed by CORS; empty means closed (the page is same-origin and needs none). */
    allowedOrigins: c.WEB_ALLOWED_ORIGINS ? c.WEB_ALLOWED_ORIGINS.split(',').map(trimSlash) : [],
    forecastsPerMinute: c.WEB_FORECASTS_PER_MINUTE,
    /** Requests to /auth per client IP and minute (login, callback, refresh, logout). */
    authPerMinute: c.WEB_AUTH_PER_MINUTE,
    kakao: {
      clientSecret: c.KAKAO_CLIENT_SECRET,
      redirectUri:
        c.KAKAO_REDIRECT_URI ?? (c.PUBLIC_BASE_URL ? `${trimSlash(c.PUBLIC_BASE_URL)}/auth/kakao/callback` : undefined),
      oauthBase: trimSlash(c.KAKAO_OAUTH_BASE),
      apiBase: trimSlash(c.KAKAO_API_BASE),
    },
  };
}
