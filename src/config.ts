import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { RiskXpertError } from './errors.js';
import { bool, int, isSecretName, optionalString, optionalUrl, trimSlash } from './config-fields.js';
import { LOCALES } from './locale.js';

/**
 * Every setting RiskXpert reads, with its default. Names follow the env variables one-to-one so
 * `.env.example`, the README table and error messages all speak the same words.
 */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  PORT: int(8080, 0, 65535),
  PUBLIC_BASE_URL: optionalUrl(
    'the public https address platforms use to fetch chart images, e.g. https://bot.example.com',
  ),
  // Express `trust proxy`: true, false, a hop count, or addresses/subnets (loopback, uniquelocal, 10.0.0.0/8, ...)
  HTTP_TRUST_PROXY: z
    .string()
    .regex(
      /^(true|false|\d{1,2}|[A-Za-z0-9.:/]+(\s*,\s*[A-Za-z0-9.:/]+)*)$/u,
      'true, false, a hop count, or comma-separated addresses/subnets',
    )
    .default('loopback')
    .transform((v): boolean | number | string =>
      v === 'true' ? true : v === 'false' ? false : /^\d+$/u.test(v) ? Number(v) : v,
    ),
  // Requests per minute per client IP on every platform route and chart download (0 turns the limit off)
  RATE_LIMIT_IP_PER_MINUTE: int(600, 0, 1_000_000),
  // Questions per minute per Kakao user (the skill route; Telegram and Discord have their own 20); 0 turns it off
  RATE_LIMIT_KAKAO_USER_PER_MINUTE: int(20, 0, 100_000),
  // `riskxpert worker` serves /metrics and /healthz on this port (0 turns it off)
  WORKER_METRICS_PORT: int(9464, 0, 65_535),

  RISKXPERT_DATA_DIR: optionalString,
  DEFAULT_LOCALE: z.enum(LOCALES).default('ko'),
  MAX_QUESTION_CHARS: int(500, 20, 4000),
  ANSWER_DEADLINE_MS: int(45_000, 2_000, 600_000),

  FORECASTER: z.enum(['selection', 'model', 'drift', 'naive', 'ets', 'seasonal-naive']).default('selection'),
  MODEL_PATH: optionalString,

  REDIS_URL: optionalUrl('e.g. redis://127.0.0.1:6379'),
  CACHE_TTL_SECONDS: int(3_600, 1, 30 * 86_400),
  CACHE_KEY_PREFIX: z.string().min(1).default('rx:'),
  CACHE_MAX_ENTRIES: int(500, 1, 1_000_000),
  CHART_TTL_SECONDS: int(86_400, 60, 30 * 86_400),

  MONGODB_URL: optionalUrl('e.g. mongodb://127.0.0.1:27017'),
  // Risk reports in S3-compatible storage (MinIO) when a bucket is set; else RISKXPERT_HOME/reports. Credentials only
  // from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY.
  REPORTS_S3_BUCKET: optionalString,
  REPORTS_S3_ENDPOINT: optionalUrl('the S3-compatible endpoint, e.g. http://minio:9000'),
  REPORTS_S3_REGION: z.string().min(1).default('us-east-1'),
  REPORTS_S3_FORCE_PATH_STYLE: bool(true),
  AWS_ACCESS_KEY_ID: optionalString,
  AWS_SECRET_ACCESS_KEY: optionalString,
  MONGODB_DB: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,38}$/u, 'letters, digits, _ or -, at most 38 characters')
    .default('riskxpert'),
  // Where every store lives: sqlite (one file under RISKXPERT_HOME, the default), mongodb (the default when
  // MONGODB_URL is set) or memory (this process only; tests)
  STORE: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['sqlite', 'mongodb', 'memory']).optional()),
  // The embedded database's folder (riskxpert.db); default ~/.riskxpert
  RISKXPERT_HOME: optionalString,
  // Only for the default RISKXPERT_HOME (~/.riskxpert).
  HOME: optionalString,
  // With STORE=memory: how many conversations the in-memory store keeps (oldest dropped first)
  MEMORY_STORE_MAX_CONVERSATIONS: int(10_000, 10, 1_000_000),

  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalUrl('e.g. https://api.openai.com/v1 or any OpenAI-compatible endpoint'),
  OPENAI_MODEL: z.string().min(1).default('gpt-4o-mini'),
  LLM_SUMMARY_TIMEOUT_MS: int(6_000, 200, 120_000),
  LLM_FIRST_TOKEN_TIMEOUT_MS: int(6_000, 200, 120_000),
  LLM_IDLE_TIMEOUT_MS: int(8_000, 200, 120_000),
  LLM_MAX_RETRIES: int(1, 0, 5),
  LLM_ENABLED: bool(true),

  // Queues (BullMQ). Must be a Redis with maxmemory-policy noeviction; defaults to REDIS_URL in development.
  QUEUE_REDIS_URL: optionalUrl('e.g. redis://127.0.0.1:6379 (noeviction, AOF on)'),

  // Data providers for the ETL workers (keys only in the environment, never in job data)
  FRED_API_KEY: optionalString,
  ECOS_API_KEY: optionalString,
  KIS_APP_KEY: optionalString,
  KIS_APP_SECRET: optionalString,
  KIS_ENV: z.enum(['real', 'paper']).default('real'),
  // Schedules in Asia/Seoul time: after the KRX close, after US daily data is published, and a daily check for monthly data
  ETL_CRON_MARKET: z.string().min(9).default('10 16 * * 1-5'),
  ETL_CRON_DAILY: z.string().min(9).default('30 7 * * 2-6'),
  ETL_CRON_MONTHLY: z.string().min(9).default('0 9 * * *'),
  // Which providers the ETL may use (each still needs its key; csv needs RISKXPERT_DATA_DIR). ETL_PROVIDERS=csv is offline.
  ETL_PROVIDERS: z
    .string()
    .default('kis,ecos,fred,csv')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(['kis', 'ecos', 'fred', 'csv']))),
  // Provider hosts: the real ones by default; tests and benchmarks point them at local stand-ins.
  FRED_BASE_URL: optionalUrl('default https://fred.stlouisfed.org'),
  FRED_API_BASE_URL: optionalUrl('default https://api.stlouisfed.org'),
  ECOS_BASE_URL: optionalUrl('default https://ecos.bok.or.kr'),
  KIS_BASE_URL: optionalUrl('default from KIS_ENV: the real or the paper-trading host'),
  KIS_MASTER_BASE_URL: optionalUrl('default https://new.real.download.dws.co.kr (KIS stock master files)'),

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
});

export type RawConfig = z.infer<typeof schema>;

function storeConfig(c: RawConfig) {
  const kind = c.STORE ?? (c.MONGODB_URL ? 'mongodb' : 'sqlite');
  if (kind === 'mongodb' && !c.MONGODB_URL) {
    throw new RiskXpertError(
      'CONFIG_INVALID',
      'Invalid configuration, 1 problem(s):\n  - STORE: mongodb needs MONGODB_URL (got unset)\nSet MONGODB_URL, or STORE=sqlite for the embedded database.',
    );
  }
  return {
    kind,
    sqlitePath: join(c.RISKXPERT_HOME ?? join(c.HOME || homedir(), '.riskxpert'), 'riskxpert.db'),
    mongoUrl: kind === 'mongodb' ? c.MONGODB_URL : undefined,
    dbName: c.MONGODB_DB,
    memoryMaxConversations: c.MEMORY_STORE_MAX_CONVERSATIONS,
  };
}

function etlConfig(c: RawConfig) {
  return {
    fredApiKey: c.FRED_API_KEY,
    ecosApiKey: c.ECOS_API_KEY,
    kis:
      c.KIS_APP_KEY && c.KIS_APP_SECRET
        ? { appKey: c.KIS_APP_KEY, appSecret: c.KIS_APP_SECRET, env: c.KIS_ENV }
        : undefined,
    cron: { market: c.ETL_CRON_MARKET, daily: c.ETL_CRON_DAILY, monthly: c.ETL_CRON_MONTHLY },
    providers: c.ETL_PROVIDERS,
    baseUrls: {
      fred: c.FRED_BASE_URL,
      fredApi: c.FRED_API_BASE_URL,
      ecos: c.ECOS_BASE_URL,
      kis: c.KIS_BASE_URL,
      kisMaster: c.KIS_MASTER_BASE_URL,
    },
  };
}

function chatConfig(c: RawConfig) {
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

function webConfig(c: RawConfig) {
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

function alertsConfig(c: RawConfig) {
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

function llmConfig(c: RawConfig) {
  if (!c.LLM_ENABLED) return { enabled: false as const, reason: 'LLM_ENABLED=false' };
  if (!c.OPENAI_API_KEY) return { enabled: false as const, reason: 'OPENAI_API_KEY is not set' };
  return {
    enabled: true as const,
    apiKey: c.OPENAI_API_KEY,
    baseUrl: c.OPENAI_BASE_URL,
    model: c.OPENAI_MODEL,
    summaryTimeoutMs: c.LLM_SUMMARY_TIMEOUT_MS,
    firstTokenTimeoutMs: c.LLM_FIRST_TOKEN_TIMEOUT_MS,
    idleTimeoutMs: c.LLM_IDLE_TIMEOUT_MS,
    maxRetries: c.LLM_MAX_RETRIES,
  };
}

function reportsConfig(c: RawConfig) {
  if (!c.REPORTS_S3_BUCKET) return { s3: undefined };
  return {
    s3: {
      bucket: c.REPORTS_S3_BUCKET,
      endpoint: c.REPORTS_S3_ENDPOINT,
      region: c.REPORTS_S3_REGION,
      forcePathStyle: c.REPORTS_S3_FORCE_PATH_STYLE,
      accessKeyId: c.AWS_ACCESS_KEY_ID,
      secretAccessKey: c.AWS_SECRET_ACCESS_KEY,
    },
  };
}

/** The environment schema and its shape for the code: one schema, so `Config` is what it produces (z.infer). */
export const configSchema = schema.transform((c) => ({
  env: c.NODE_ENV,
  logLevel: c.LOG_LEVEL,
  server: { port: c.PORT, publicBaseUrl: c.PUBLIC_BASE_URL ? trimSlash(c.PUBLIC_BASE_URL) : undefined },
  http: {
    trustProxy: c.HTTP_TRUST_PROXY,
    ipRateLimitPerMinute: c.RATE_LIMIT_IP_PER_MINUTE,
    kakaoUserPerMinute: c.RATE_LIMIT_KAKAO_USER_PER_MINUTE,
    workerMetricsPort: c.WORKER_METRICS_PORT,
  },
  data: { dir: c.RISKXPERT_DATA_DIR },
  answer: { defaultLocale: c.DEFAULT_LOCALE, maxQuestionChars: c.MAX_QUESTION_CHARS, deadlineMs: c.ANSWER_DEADLINE_MS },
  forecast: { forecaster: c.FORECASTER, modelPath: c.MODEL_PATH },
  cache: {
    redisUrl: c.REDIS_URL,
    ttlSeconds: c.CACHE_TTL_SECONDS,
    keyPrefix: c.CACHE_KEY_PREFIX,
    maxEntries: c.CACHE_MAX_ENTRIES,
    chartTtlSeconds: c.CHART_TTL_SECONDS,
  },
  store: storeConfig(c),
  reports: reportsConfig(c),
  queue: { redisUrl: c.QUEUE_REDIS_URL ?? c.REDIS_URL },
  etl: etlConfig(c),
  ...chatConfig(c),
  web: webConfig(c),
  sim: { startingCashWon: c.PAPER_STARTING_CASH_KRW, feeBps: c.PAPER_FEE_BPS },
  alerts: alertsConfig(c),
  llm: llmConfig(c),
}));

export type Config = z.infer<typeof configSchema>;

/**
 * Pure: reads only the object it is given. Throws one CONFIG_INVALID error listing every problem,
 * so an operator fixes the whole .env in one go instead of one restart per mistake.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = configSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => {
    const key = issue.path.join('.') || '(root)';
    const got = env[key];
    const shown = got === undefined ? 'unset' : isSecretName(key) ? '(hidden)' : JSON.stringify(got);
    return `  - ${key}: ${issue.message} (got ${shown})`;
  });
  throw new RiskXpertError(
    'CONFIG_INVALID',
    `Invalid configuration, ${lines.length} problem(s):\n${lines.join('\n')}\nFix these environment variables (see .env.example) and start again.`,
  );
}

/** What a config says about itself without secrets, for `riskxpert status` and start-up logs. */
export function describeConfig(config: Config): Record<string, string> {
  return {
    forecaster: config.forecast.forecaster,
    data: config.data.dir ?? 'offline sample (vega-datasets)',
    cache: config.cache.redisUrl ? 'redis' : 'in-memory',
    store:
      config.store.kind === 'sqlite'
        ? `sqlite (${config.store.sqlitePath})`
        : config.store.kind === 'mongodb'
          ? 'mongodb'
          : 'in-memory',
    narrator: config.llm.enabled ? `openai-compatible (${config.llm.model})` : `deterministic (${config.llm.reason})`,
  };
}
