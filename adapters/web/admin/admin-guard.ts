import type { NextFunction, Request, Response } from 'express';
import type { WebSessions } from '../../../src/auth/web-sessions.js';
import { isRiskXpertError } from '../../../src/errors.js';
import type { Caller, Granted, Need, Operators } from '../../../src/ops/operators.js';

/** The console cookie: the access token, for browser navigations to /admin/queues (bull-board), nothing else. */
export const CONSOLE_COOKIE = 'rx_console';

export interface AdminLocals {
  caller: Caller;
  granted: Granted;
}

/** The console cookie holds a JWT (dots, ~400 characters), which cookies.ts's readCookie (opaque tokens) refuses. */
function consoleCookie(req: Request): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, value] = part.trim().split('=', 2);
    if (
      name === CONSOLE_COOKIE &&
      value &&
      /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/u.test(value) &&
      value.length < 2000
    )
      return value;
  }
  return undefined;
}

const bearer = (req: Request) => {
  const h = req.header('authorization');
  return h?.startsWith('Bearer ') ? h.slice(7) : undefined;
};

/** 401 for no or a dead session, 403 for a role or MFA that does not suffice (details.reason says which), 429 while locked. */
export function sendAdminError(res: Response, err: unknown): void {
  if (!isRiskXpertError(err)) throw err;
  const reason = typeof err.details?.reason === 'string' ? err.details.reason : undefined;
  const status =
    err.code === 'UNAUTHORIZED'
      ? reason === 'forbidden' || reason?.startsWith('mfa')
        ? 403
        : 401
      : err.code === 'RATE_LIMITED'
        ? 429
        : err.code === 'BAD_REQUEST'
          ? 400
          : err.code === 'NOT_FOUND'
            ? 404
            : err.retryable
              ? 503
              : 500;
  if (status === 429 && typeof err.details?.retryAfterSeconds === 'number')
    res.setHeader('retry-after', String(err.details.retryAfterSeconds));
  res
    .status(status)
    .setHeader('cache-control', 'no-store')
    .json({ error: { code: err.code, message: err.message, ...(reason ? { reason } : {}) } });
}

/**
 * Authenticates (the access token, from the Authorization header, or for bull-board's page loads the console
 * cookie) and authorizes one route's need. Every admin route and API goes through this, never the page.
 */
export function guard(
  deps: { sessions: WebSessions; operators: Operators },
  need: Need,
  options: { cookie?: boolean } = {},
) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const token = bearer(req) ?? (options.cookie ? consoleCookie(req) : undefined);
      if (!token)
        return void res
          .status(401)
          .setHeader('cache-control', 'no-store')
          .json({ error: { code: 'UNAUTHORIZED', message: 'Not logged in.', reason: 'missing' } });
      const claims = await deps.sessions.authenticate(token);
      const caller: Caller = {
        userId: claims.userId,
        sessionId: claims.sessionId,
        ...(req.ip ? { ip: req.ip } : {}),
        ...(req.header('user-agent') ? { userAgent: req.header('user-agent')!.slice(0, 300) } : {}),
      };
      try {
        res.locals.admin = { caller, granted: await deps.operators.authorize(caller, need) } satisfies AdminLocals;
      } catch (err) {
        if (isRiskXpertError(err) && err.code === 'UNAUTHORIZED')
          await deps.operators.log('admin.refused', caller, {
            details: { path: req.originalUrl.slice(0, 200), reason: String(err.details?.reason) },
          });
        throw err;
      }
      // The bull-board page itself (not its assets and polls): who opened the queue view is worth a line.
      if (options.cookie && req.method === 'GET' && (req.path === '/' || req.path === ''))
        await deps.operators.log('admin.access', caller, { details: { path: '/admin/queues' } });
      next();
    } catch (err) {
      sendAdminError(res, err);
    }
  };
}

export const adminLocals = (res: Response): AdminLocals => res.locals.admin as AdminLocals;
