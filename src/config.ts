import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { RiskXpertError } from './errors.js';
import { bool, int, isSecretName, optionalString, optionalUrl, trimSlash } from './config-fields.js';
import { LOCALES } from './locale.js';
import { alertsConfig, alertsShape } from './config-alerts.js';
import { chatConfig, chatShape } from './config-chat.js';
import { etlConfig, etlShape } from './config-etl.js';
import { webConfig, webShape } from './config-web.js';

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

  ...etlShape,
  ...chatShape,
  ...webShape,
  ...alertsShape,
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
