import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import express, { type Router } from 'express';
import { readFileSync } from 'node:fs';
import type { WebSessions } from '../../../src/auth/web-sessions.js';
import { RiskXpertError } from '../../../src/errors.js';
import type { Logger } from '../../../src/logger.js';
import { packagePath } from '../../../src/package-root.js';
import type { Operators } from '../../../src/ops/operators.js';
import type { SignInAudit } from '../auth-routes.js';
import { adminLocals, CONSOLE_COOKIE, guard, sendAdminError } from './admin-guard.js';
import { ADMIN_ROUTES, type AdminApiDeps } from './admin-api.js';

export interface AdminRouterDeps extends AdminApiDeps {
  sessions: WebSessions;
  /** Shown in bull-board at /admin/queues. */
  queues: Queue[];
  secureCookies: boolean;
  logger: Logger;
}

const wrap =
  (fn: (req: express.Request, res: express.Response) => Promise<void>) =>
  (req: express.Request, res: express.Response) =>
    fn(req, res).catch((err: unknown) => sendAdminError(res, err));

/**
 * The operator console: GET /admin (the page, public: it holds no data), /admin/api/* (the table in admin-api.ts,
 * each route behind its role and MFA need), /admin/queues (bull-board, operator with MFA), and /account/api/sessions
 * (every signed-in user's own sessions).
 */
export function createAdminRouter(deps: AdminRouterDeps): Router {
  const router = express.Router();
  const json = express.json({ limit: '16kb' });
  const page = readFileSync(packagePath('adapters', 'web', 'public', 'admin.html'), 'utf8');
  router.get('/admin', (_req, res) => void res.setHeader('cache-control', 'no-cache').type('html').send(page));

  for (const r of ADMIN_ROUTES) {
    router[r.method](
      `/admin/api${r.path}`,
      json,
      guard(deps, r.need),
      wrap((req, res) => r.handle(deps, req, res)),
    );
  }

  // bull-board's page loads are browser navigations without an Authorization header: the page first trades its
  // access token for this cookie (httpOnly, SameSite=Strict, only under /admin/queues), which dies with the session.
  const cookie = { httpOnly: true, secure: deps.secureCookies, sameSite: 'strict' as const, path: '/admin/queues' };
  router.post('/admin/api/console-cookie', guard(deps, { role: 'operator', mfa: 'session' }), (req, res) => {
    res.cookie(CONSOLE_COOKIE, req.header('authorization')!.slice(7), cookie).status(204).end();
  });
  const board = new ExpressAdapter();
  board.setBasePath('/admin/queues');
  createBullBoard({
    queues: deps.queues.map((q) => new BullMQAdapter(q)), // @bull-board/express 9.10.1 brings its own @bull-board/api 9.10.1 beside ours (9.10.2): same shape, two type declarations.
    serverAdapter: board as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
    options: { uiConfig: { boardTitle: 'RiskXpert queues' } },
  });
  // bull-board's React UI sets inline styles: allowed on its pages only; scripts, fonts and frames stay as strict as the site's.
  const boardCsp =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'none'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'";
  router.use(
    '/admin/queues',
    guard(deps, { role: 'operator', mfa: 'session' }, { cookie: true }),
    (_req, res, next) => {
      res.setHeader('content-security-policy', boardCsp);
      next();
    },
    board.getRouter() as Router,
  );

  const user = guard(deps, { role: 'user', mfa: 'none' });
  router.get(
    '/account/api/sessions',
    user,
    wrap(async (_req, res) => {
      const { caller } = adminLocals(res);
      const list = await deps.operators.sessions(caller.userId);
      res
        .setHeader('cache-control', 'no-store')
        .json({ sessions: list.map((s) => ({ ...s, current: s.sessionId === caller.sessionId })) });
    }),
  );
  router.post(
    '/account/api/sessions/:id/revoke',
    user,
    wrap(async (req, res) => {
      await deps.operators.revokeSession(adminLocals(res).caller, String(req.params.id), { anyUser: false });
      res.status(204).end();
    }),
  );
  router.use(['/admin/api', '/account/api'], (_req, res) =>
    sendAdminError(res, new RiskXpertError('NOT_FOUND', 'No such console API.')),
  );
  return router;
}

/** The hooks the Kakao callback calls: the new session's address and browser, and every sign-in in the audit log. */
export function signInAuditFor(sessions: WebSessions, operators: Operators, logger: Logger): SignInAudit {
  return {
    async success(e) {
      const claims = await sessions.authenticate(e.accessToken);
      await operators.onSignIn({
        userId: claims.userId,
        sessionId: claims.sessionId,
        ...(e.ip ? { ip: e.ip } : {}),
        ...(e.userAgent ? { userAgent: e.userAgent } : {}),
      });
    },
    async failure(e) {
      await operators
        .onSignInFailure(e, e.reason)
        .catch((err: unknown) => logger.warn({ err: String(err) }, 'admin: cannot log a failed sign-in'));
    },
    lockedFor: (ip) => operators.signInLockedFor(ip),
  };
}
