import type { NextFunction, Request, Response } from 'express';
import type { WebSessions } from '../../src/auth/web-sessions.js';
import { isRiskXpertError } from '../../src/errors.js';
import type { Logger } from '../../src/logger.js';

/** The /api guard: a valid Bearer access token puts its user id in `res.locals.userId`; anything else is a 401 (or a 503 when sessions cannot be checked). */
export function createRequireUser(deps: { sessions: WebSessions; logger: Logger }) {
  const unauthorized = (res: Response, message: string, reason: string) => {
    res.setHeader('www-authenticate', `Bearer error="invalid_token"`);
    res.status(401).json({ error: { code: 'UNAUTHORIZED', message, reason } });
  };

  return async function requireUser(req: Request, res: Response, next: NextFunction): Promise<void> {
    const m = /^Bearer ([A-Za-z0-9_.-]{10,4096})$/u.exec(req.header('authorization') ?? '');
    if (!m) return unauthorized(res, 'Log in first: Authorization: Bearer <access token> is missing.', 'missing');
    try {
      const claims = await deps.sessions.authenticate(m[1]!);
      res.locals.userId = claims.userId;
      next();
    } catch (err) {
      if (isRiskXpertError(err) && err.code === 'UNAUTHORIZED')
        return unauthorized(res, err.message, String(err.details?.reason ?? 'invalid'));
      // The session check needs the store; when it is down, say so and let the page retry, rather than a 500.
      if (isRiskXpertError(err) && err.retryable) {
        deps.logger.warn({ err: err.toJSON() }, 'web: cannot check the session');
        return void res
          .status(503)
          .setHeader('retry-after', '5')
          .json({ error: { code: err.code, message: 'Sessions cannot be checked right now; try again shortly.' } });
      }
      throw err;
    }
  };
}
