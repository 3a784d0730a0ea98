import compression from 'compression';
import { createWebRiskRouter } from './risk-routes.js';
import express, { type RequestHandler, type Router } from 'express';
import helmet from 'helmet';
import type { Redis } from 'ioredis';
import { packagePath } from '../../src/package-root.js';
import { createIpRateLimiter, retryAfterSeconds } from '../http/index.js';
import { createWebApiRouter, type WebApiDeps } from './api-routes.js';
import { createWebAuthRouter, type WebAuthDeps } from './auth-routes.js';
import { readCookie, SIGNED_IN_HINT_COOKIE } from './cookies.js';
import { createPageHtml } from './page-html.js';

export interface WebRouterDeps {
  /** Without auth (no Kakao key or no JWT secret) the page is served and says that login is not configured. */
  auth: WebAuthDeps | undefined;
  api: Omit<WebApiDeps, 'sessions' | 'forecastLimiter'> | undefined;
  allowedOrigins: string[];
  /** Requests to /auth per client IP and minute (default 60). */
  authPerMinute?: number;
  /**
   * Shares the per-user forecast limit and the /auth limit across every server behind a balancer (the cache
   * Redis); without it each process counts on its own. A Redis that is down hands the count to memory.
   */
  limits?: { redis?: Redis | undefined; keyPrefix: string };
  /** Risk reports served at /risk/reports/:id (issue 20); absent, no such route. */
  risk?: Parameters<typeof createWebRiskRouter>[0];
  /** The operator console (/admin, /account), behind its own role and MFA checks. */
  admin?: Router;
}

/** The page's files: the package root's adapters/web/public in every layout (sources, dist/, npm pack, image). */
export function publicDir(): string {
  return packagePath('adapters', 'web', 'public');
}

/**
 * The web front door, mounted at "/": the static page, /auth (Kakao Login, refresh, logout) and /api.
 * Security headers come from helmet with a CSP that allows only our own script, styles and images (no web fonts);
 * CORS is closed unless WEB_ALLOWED_ORIGINS names origins (the page itself is same-origin and needs none).
 */
export function createWebRouter(deps: WebRouterDeps): Router {
  const router = express.Router();
  const page = createPageHtml(publicDir());
  router.use(compressionExceptStreams());
  router.use(securityHeaders(page.styleSource));
  router.use(corsGate(new Set(deps.allowedOrigins)));
  router.use('/auth', authRateLimit(deps));
  router.get('/api/config', (_req, res) => {
    res.json({ login: deps.auth !== undefined });
  });
  mountAuthAndApi(router, deps);
  if (deps.admin) router.use(deps.admin);
  router.get(['/', '/index.html'], (req, res) => {
    res.setHeader('cache-control', 'no-cache');
    res.setHeader('vary', 'Cookie');
    res.type('html').send(page.html(readCookie(req, SIGNED_IN_HINT_COOKIE) === '1'));
  });
  if (deps.risk) router.use('/risk', createWebRiskRouter(deps.risk));
  router.use(express.static(publicDir(), { maxAge: '5m', index: false }));
  return router;
}

/**
 * gzip/brotli for the page, its script and the JSON. Not for Server-Sent Events: a compressor holds bytes back
 * until its buffer fills, and an answer that arrives all at the end is not streaming.
 */
function compressionExceptStreams(): RequestHandler {
  return compression({
    filter: (req, res) =>
      !String(res.getHeader('content-type') ?? '').startsWith('text/event-stream') && compression.filter(req, res),
  });
}

function securityHeaders(styleSource: string): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", styleSource],
        // blob: the history charts, fetched with the access token and shown from memory.
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'none'"],
        'connect-src': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        // Off: on a plain-http development host (a LAN address) it would send the page's own requests to https.
        // Production runs behind https, where HSTS keeps browsers there.
        'upgrade-insecure-requests': null,
      },
    },
    // The login redirect goes to kauth.kakao.com; no-referrer keeps our URLs (and any code) out of its logs.
    referrerPolicy: { policy: 'no-referrer' },
  });
}

/** CORS for the listed origins only; a preflight from any other origin is refused outright. */
function corsGate(allowed: Set<string>): RequestHandler {
  return (req, res, next) => {
    const origin = req.header('origin');
    if (origin && allowed.has(origin)) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('vary', 'Origin');
      res.setHeader('access-control-allow-headers', 'authorization, content-type');
      res.setHeader('access-control-allow-methods', 'GET, POST');
      res.setHeader('access-control-max-age', '600');
      if (req.method === 'OPTIONS') return void res.status(204).end();
    } else if (req.method === 'OPTIONS' && origin) {
      return void res
        .status(403)
        .json({ error: { code: 'UNAUTHORIZED', message: 'This origin may not call the RiskXpert API.' } });
    }
    next();
  };
}

const limiterKeyPrefix = (deps: WebRouterDeps) => deps.limits?.keyPrefix ?? 'rl:';

/** Per client IP on everything under /auth, shared across servers when the limits carry a Redis. */
function authRateLimit(deps: WebRouterDeps): RequestHandler {
  const authLimiter = createIpRateLimiter({
    pointsPerMinute: deps.authPerMinute ?? 60,
    redis: deps.limits?.redis,
    keyPrefix: `${limiterKeyPrefix(deps)}web-auth`,
  });
  return async (req, res, next) => {
    const waitS = await retryAfterSeconds(authLimiter, req.ip ?? 'unknown');
    if (waitS === undefined) return next();
    res.setHeader('retry-after', String(waitS));
    res
      .status(429)
      .json({ error: { code: 'RATE_LIMITED', message: 'Too many login attempts; try again in a minute.' } });
  };
}

/** /auth and /api when login is configured; otherwise both answer 503 saying what to set. */
function mountAuthAndApi(router: Router, deps: WebRouterDeps): void {
  if (deps.auth && deps.api) {
    router.use('/auth', createWebAuthRouter(deps.auth));
    const forecastLimiter = createIpRateLimiter({
      pointsPerMinute: deps.api.forecastsPerMinute,
      redis: deps.limits?.redis,
      keyPrefix: `${limiterKeyPrefix(deps)}web-forecast`,
    });
    router.use('/api', createWebApiRouter({ ...deps.api, sessions: deps.auth.sessions, forecastLimiter }));
    return;
  }
  const off = (_req: express.Request, res: express.Response) =>
    void res.status(503).json({
      error: {
        code: 'UNAUTHORIZED',
        message: 'Web login is not configured on this server (KAKAO_REST_API_KEY, WEB_JWT_SECRET).',
      },
    });
  router.use('/auth', off);
  router.use('/api', off);
}
