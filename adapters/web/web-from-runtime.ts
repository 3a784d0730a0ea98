import { randomBytes } from 'node:crypto';
import type { Router } from 'express';
import { createAccessTokens } from '../../src/auth/access-tokens.js';
import { createWebSessions } from '../../src/auth/web-sessions.js';
import type { Logger } from '../../src/logger.js';
import type { Runtime } from '../../src/runtime.js';
import { createWebRouter } from './create-web-router.js';
import { createKakaoOAuthClient } from './kakao-oauth-client.js';
import { createAdminFromRuntime } from './admin/admin-from-runtime.js';

export interface WebFromRuntime {
  router: Router;
  /** Closes the console's queue connections (absent when login is off). */
  close?: () => Promise<void>;
  /** Why login is off, or that the signing key lives only in this process; logged once at start. */
  notices: string[];
}

/**
 * Wires the web front door from the runtime. The JWT key: WEB_JWT_SECRET; without it a development or test server
 * makes a random key per process (sessions end at restart, which is what a laptop wants), while production
 * serves the page with login switched off rather than guess a key.
 */
export function createWebRouterFromRuntime(rt: Runtime, options: WebFromRuntimeOptions = {}): WebFromRuntime {
  const { config } = rt;
  const notices: string[] = [];
  const secret = jwtSecret(config, notices);
  const clientId = config.kakao.restApiKey;
  const redirectUri = config.web.kakao.redirectUri;
  const missing = [
    !clientId && 'KAKAO_REST_API_KEY',
    !redirectUri && 'KAKAO_REDIRECT_URI (or PUBLIC_BASE_URL)',
    !secret && 'WEB_JWT_SECRET',
  ].filter(Boolean);
  const common = {
    allowedOrigins: config.web.allowedOrigins,
    authPerMinute: config.web.authPerMinute,
    limits: { redis: rt.cacheRedis, keyPrefix: `${config.cache.keyPrefix}rl:` },
    risk: { reports: rt.risk.reports },
  };
  if (!clientId || !redirectUri || !secret) {
    notices.push(`web: Kakao login is off (set ${missing.join(', ')}); the page is served without it`);
    return { router: createWebRouter({ ...common, auth: undefined, api: undefined }), notices };
  }
  const sessions = createWebSessions({
    store: rt.refreshTokens,
    access: createAccessTokens({ secret: new TextEncoder().encode(secret), ttlSeconds: config.web.accessTtlSeconds }),
    refreshTtlSeconds: config.web.refreshTtlSeconds,
    reuseGraceSeconds: config.web.refreshGraceSeconds,
  });
  const kakao = createKakaoOAuthClient({
    clientId,
    clientSecret: config.web.kakao.clientSecret,
    redirectUri,
    oauthBase: config.web.kakao.oauthBase,
    apiBase: config.web.kakao.apiBase,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const logger = rt.logger.child({ adapter: 'web' });
  const admin = createAdminFromRuntime(rt, {
    sessions,
    secureCookies: redirectUri.startsWith('https:'),
    logger,
    env: options.env ?? process.env,
    ...(options.now ? { now: options.now } : {}),
  });
  const router = createWebRouter({
    ...common,
    admin: admin.router,
    auth: {
      kakao,
      sessions,
      states: rt.oauthStates,
      users: rt.store.users,
      secureCookies: redirectUri.startsWith('https:'),
      refreshTtlSeconds: config.web.refreshTtlSeconds,
      logger,
      signInAudit: admin.signInAudit,
    },
    api: webApiDeps(rt, logger, options),
  });
  return { router, notices, close: admin.close };
}

interface WebFromRuntimeOptions {
  heartbeatMs?: number;
  fetch?: typeof fetch;
  env?: Record<string, string | undefined>;
  now?: () => number;
}

function jwtSecret(config: Runtime['config'], notices: string[]): string | undefined {
  if (config.web.jwtSecret || config.env === 'production') return config.web.jwtSecret;
  notices.push(
    'web: WEB_JWT_SECRET is not set; using a random key for this process (web sessions end when it restarts)',
  );
  return randomBytes(32).toString('base64url');
}

function webApiDeps(
  rt: Runtime,
  logger: Logger,
  options: WebFromRuntimeOptions,
): NonNullable<Parameters<typeof createWebRouter>[0]['api']> {
  return {
    engine: rt.engine,
    charts: rt.charts,
    chartRenderer: rt.chartRenderer,
    conversations: rt.store.conversations,
    users: rt.store.users,
    maxQuestionChars: rt.config.answer.maxQuestionChars,
    deadlineMs: rt.config.answer.deadlineMs,
    forecastsPerMinute: rt.config.web.forecastsPerMinute,
    ...(options.heartbeatMs ? { heartbeatMs: options.heartbeatMs } : {}),
    availableIndicators: () => rt.series.available(),
    logger,
    scenarios: rt.scenarios.surface,
    news: { store: rt.news.store },
    risk: rt.risk.commands,
  };
}
