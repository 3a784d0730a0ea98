import { createHash, randomBytes } from 'node:crypto';
import express, { type CookieOptions, type Request, type RequestHandler, type Response, type Router } from 'express';
import type { OAuthStateStore } from '../../src/auth/oauth-state-store.js';
import type { SessionTokens, WebSessions } from '../../src/auth/web-sessions.js';
import { isRiskXpertError } from '../../src/errors.js';
import type { Logger } from '../../src/logger.js';
import type { UserStore } from '../../src/store/store.js';
import { OAUTH_COOKIE, readCookie, REFRESH_COOKIE, SIGNED_IN_HINT_COOKIE } from './cookies.js';
import type { KakaoOAuthClient } from './kakao-oauth-client.js';

export interface WebAuthDeps {
  kakao: KakaoOAuthClient;
  sessions: WebSessions;
  states: OAuthStateStore;
  users: UserStore;
  /** Secure cookies whenever the site is served over https (the redirect URI says so). */
  secureCookies: boolean;
  refreshTtlSeconds: number;
  /** How long a started login may take at Kakao (default 10 minutes, like Kakao's codes). */
  stateTtlSeconds?: number;
  logger: Logger;
  /** The operator console's audit hooks (sign-ins with address and browser); absent, nothing is recorded. */
  signInAudit?: SignInAudit;
}

export interface SignInAudit {
  success(e: { accessToken: string; ip?: string; userAgent?: string }): Promise<void>;
  failure(e: { reason: string; ip?: string; userAgent?: string }): Promise<void>;
  /** Seconds the address stays locked (failed sign-ins and wrong codes count against it), or undefined. */
  lockedFor?(ip: string): Promise<number | undefined>;
}

const sha256 = (v: string) => createHash('sha256').update(v).digest('hex');
const STATE = /^[A-Za-z0-9_-]{43}$/u;

/** Login failures are shown to a person in a browser: a small page in Korean and English, never a JSON blob. */
const FAILURES = {
  state: ['로그인 요청이 만료되었거나 이미 사용되었어요.', 'This login link has expired or was already used.'],
  browser: ['로그인을 시작한 브라우저가 아니에요.', 'This login was started in another browser.'],
  denied: ['카카오 로그인이 취소되었어요.', 'Kakao login was cancelled.'],
  code: [
    '카카오가 로그인 코드를 거절했어요 (이미 사용되었거나 만료됨).',
    'Kakao refused the login code (already used or expired).',
  ],
  locked: [
    '이 주소에서 로그인 실패가 너무 많아 잠시 잠겼어요. 나중에 다시 시도해 주세요.',
    'Too many failed logins from this address: login is locked for a while. Please try again later.',
  ],
  unavailable: [
    '카카오 로그인에 지금 연결할 수 없어요. 잠시 후 다시 시도해 주세요.',
    'Kakao login cannot be reached right now. Please try again shortly.',
  ],
} as const;
export type LoginFailure = keyof typeof FAILURES;

function failurePage(res: Response, status: number, reason: LoginFailure): void {
  const [ko, en] = FAILURES[reason];
  res.locals.loginFailure = reason;
  res.status(status).type('html').setHeader('cache-control', 'no-store');
  res.send(`<!doctype html>
<html lang="ko"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>RiskXpert</title><link rel="stylesheet" href="/app.css"></head>
<body><main class="card failure" data-login-error="${reason}"><h1>RiskXpert</h1><p>${ko}</p><p lang="en" class="muted">${en}</p>
<p><a class="button" href="/auth/kakao/login">다시 로그인 · Log in again</a> <a href="/">처음으로 · Home</a></p></main></body></html>`);
}

/**
 * Kakao Login (authorization code flow) and our own session endpoints:
 * GET /auth/kakao/login, GET /auth/kakao/callback, POST /auth/refresh, POST /auth/logout.
 * `state` is one-use (server record, spent on first sight) and bound to the browser (httpOnly cookie whose hash
 * the record holds), so a stolen or replayed callback URL logs nobody in.
 */
export function createWebAuthRouter(deps: WebAuthDeps): Router {
  const router = express.Router();
  const cookies = authCookies(deps);
  router.get('/kakao/login', kakaoLogin(deps, cookies));
  router.get('/kakao/callback', kakaoCallback(deps, cookies));
  router.post('/refresh', refreshSession(deps, cookies));
  router.post('/logout', logout(deps, cookies));
  return router;
}

interface AuthCookies {
  stateTtl: number;
  oauthCookie: CookieOptions;
  setSession(res: Response, refreshToken: string): void;
  clearSession(res: Response): void;
}

function authCookies(deps: WebAuthDeps): AuthCookies {
  const stateTtl = deps.stateTtlSeconds ?? 600;
  const base: CookieOptions = { httpOnly: true, secure: deps.secureCookies };
  // Lax: the cookie must come back on the top-level redirect from kauth.kakao.com.
  const oauthCookie: CookieOptions = { ...base, sameSite: 'lax', path: '/auth/kakao', maxAge: stateTtl * 1000 };
  // Strict and only under /auth: no other site can make the browser send it, and no API request carries it.
  const refreshCookie: CookieOptions = {
    ...base,
    sameSite: 'strict',
    path: '/auth',
    maxAge: deps.refreshTtlSeconds * 1000,
  };
  // Readable by the page so it can draw the signed-in card before /auth/refresh answers; carries nothing secret.
  const hintCookie: CookieOptions = {
    httpOnly: false,
    secure: deps.secureCookies,
    sameSite: 'strict',
    path: '/',
    maxAge: deps.refreshTtlSeconds * 1000,
  };
  return {
    stateTtl,
    oauthCookie,
    setSession: (res, refreshToken) => {
      res.cookie(REFRESH_COOKIE, refreshToken, refreshCookie);
      res.cookie(SIGNED_IN_HINT_COOKIE, '1', hintCookie);
    },
    clearSession: (res) => {
      res.clearCookie(REFRESH_COOKIE, { ...refreshCookie, maxAge: undefined });
      res.clearCookie(SIGNED_IN_HINT_COOKIE, { ...hintCookie, maxAge: undefined });
    },
  };
}

const sessionJson = (t: SessionTokens, displayName: string | undefined) => ({
  accessToken: t.accessToken,
  expiresAt: t.accessExpiresAt,
  user: { id: t.userId, displayName: displayName ?? null },
});

/** GET /auth/kakao/login: a fresh one-use state, bound to this browser by a cookie, then off to Kakao. */
function kakaoLogin(deps: WebAuthDeps, cookies: AuthCookies): RequestHandler {
  return async (_req, res) => {
    const state = randomBytes(32).toString('base64url');
    const binding = randomBytes(32).toString('base64url');
    try {
      await deps.states.put(state, sha256(binding), cookies.stateTtl);
    } catch (err) {
      deps.logger.warn(
        { err: isRiskXpertError(err) ? err.toJSON() : String(err) },
        'web: cannot store the OAuth state',
      );
      return failurePage(res, 503, 'unavailable');
    }
    res.cookie(OAUTH_COOKIE, binding, cookies.oauthCookie);
    res.setHeader('cache-control', 'no-store');
    res.redirect(302, deps.kakao.authorizeUrl(state));
  };
}

/** GET /auth/kakao/callback: checks lockout, state and browser binding before the code is ever sent to Kakao. */
function kakaoCallback(deps: WebAuthDeps, cookies: AuthCookies): RequestHandler {
  return async (req, res) => {
    res.clearCookie(OAUTH_COOKIE, { ...cookies.oauthCookie, maxAge: undefined });
    const seen = {
      ...(req.ip ? { ip: req.ip } : {}),
      ...(req.header('user-agent') ? { userAgent: req.header('user-agent')!.slice(0, 300) } : {}),
    };
    res.on(
      'finish',
      () =>
        void (
          res.locals.loginFailure &&
          deps.signInAudit?.failure({ reason: String(res.locals.loginFailure), ...seen }).catch(() => undefined)
        ),
    );
    const locked = req.ip ? await deps.signInAudit?.lockedFor?.(req.ip).catch(() => undefined) : undefined;
    if (locked !== undefined) {
      res.setHeader('retry-after', String(locked));
      return failurePage(res, 429, 'locked');
    }
    const q = req.query;
    const state = typeof q.state === 'string' && STATE.test(q.state) ? q.state : undefined;
    let bound: string | undefined;
    try {
      bound = state ? await deps.states.take(state) : undefined;
    } catch (err) {
      deps.logger.warn({ err: isRiskXpertError(err) ? err.toJSON() : String(err) }, 'web: cannot read the OAuth state');
      return failurePage(res, 503, 'unavailable');
    }
    if (!bound) return failurePage(res, 400, 'state');
    const binding = readCookie(req, OAUTH_COOKIE);
    if (!binding || sha256(binding) !== bound) return failurePage(res, 400, 'browser');
    if (typeof q.error === 'string') return failurePage(res, 400, 'denied');
    if (typeof q.code !== 'string' || q.code.length === 0 || q.code.length > 512) return failurePage(res, 400, 'code');
    await signIn(deps, cookies, res, q.code, seen);
  };
}

/** Trades the code for the Kakao user, then starts our own session for them. */
async function signIn(
  deps: WebAuthDeps,
  cookies: AuthCookies,
  res: Response,
  code: string,
  seen: { ip?: string; userAgent?: string },
): Promise<void> {
  try {
    const { accessToken } = await deps.kakao.exchangeCode(code);
    const kakaoUser = await deps.kakao.me(accessToken);
    const user = await deps.users.upsert({
      id: `web:kakao:${kakaoUser.id}`,
      platform: 'web',
      ...(kakaoUser.nickname ? { displayName: kakaoUser.nickname } : {}),
    });
    const tokens = await deps.sessions.start(user.id);
    await deps.signInAudit?.success({ accessToken: tokens.accessToken, ...seen });
    cookies.setSession(res, tokens.refreshToken);
    res.setHeader('cache-control', 'no-store');
    // 303: the page is fetched with GET, and the code-bearing URL leaves the history.
    res.redirect(303, '/');
  } catch (err) {
    const refused = isRiskXpertError(err) && err.code === 'UNAUTHORIZED';
    deps.logger.warn({ err: isRiskXpertError(err) ? err.toJSON() : String(err) }, 'web: Kakao login failed');
    failurePage(res, refused ? 400 : 502, refused ? 'code' : 'unavailable');
  }
}

/** Cross-site pages cannot set this header without a CORS preflight, which we refuse. */
const fromOurPage = (req: Request) => req.header('x-riskxpert-web') === '1';

/** POST /auth/refresh: rotates the refresh cookie and hands the page a new access token. */
function refreshSession(deps: WebAuthDeps, cookies: AuthCookies): RequestHandler {
  return async (req, res) => {
    res.setHeader('cache-control', 'no-store');
    if (!fromOurPage(req))
      return void res.status(403).json({ error: { code: 'UNAUTHORIZED', message: 'Missing x-riskxpert-web header.' } });
    const token = readCookie(req, REFRESH_COOKIE);
    if (!token) {
      cookies.clearSession(res);
      return void res
        .status(401)
        .json({ error: { code: 'UNAUTHORIZED', message: 'Not logged in.', reason: 'missing' } });
    }
    try {
      const tokens = await deps.sessions.refresh(token);
      const user = await deps.users.get(tokens.userId);
      cookies.setSession(res, tokens.refreshToken);
      res.json(sessionJson(tokens, user?.displayName));
    } catch (err) {
      if (isRiskXpertError(err) && err.code === 'UNAUTHORIZED') {
        cookies.clearSession(res);
        return void res
          .status(401)
          .json({ error: { code: 'UNAUTHORIZED', message: err.message, reason: err.details?.reason } });
      }
      // Store down: keep the cookie (the session may be fine) and let the page try again.
      if (isRiskXpertError(err) && err.retryable) {
        deps.logger.warn({ err: err.toJSON() }, 'web: cannot refresh the session');
        return void res
          .status(503)
          .setHeader('retry-after', '5')
          .json({ error: { code: err.code, message: 'Sessions cannot be renewed right now; try again shortly.' } });
      }
      throw err;
    }
  };
}

/** POST /auth/logout */
function logout(deps: WebAuthDeps, cookies: AuthCookies): RequestHandler {
  return async (req, res) => {
    if (!fromOurPage(req))
      return void res.status(403).json({ error: { code: 'UNAUTHORIZED', message: 'Missing x-riskxpert-web header.' } });
    const token = readCookie(req, REFRESH_COOKIE);
    if (token) await deps.sessions.logout(token);
    cookies.clearSession(res);
    res.status(204).end();
  };
}
