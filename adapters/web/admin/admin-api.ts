import { z } from 'zod';
import { CATALOG } from '../../../src/data/catalog.js';
import { RiskXpertError } from '../../../src/errors.js';
import { auditQuerySchema } from '../../../src/ops/audit-log-store.js';
import type { Need } from '../../../src/ops/operators.js';
import { ROLES } from '../../../src/ops/roles.js';
import { SENSITIVE_ROUTES } from './admin-sensitive-routes.js';
import type { AdminApiDeps, AdminRoute } from './admin-route-types.js';
import { adminLocals } from './admin-guard.js';

export type { AdminApiDeps, AdminRoute } from './admin-route-types.js';

const codeBody = z
  .strictObject({
    code: z
      .string()
      .regex(/^\d{6}$/u)
      .optional(),
    recovery: z.string().max(20).optional(),
  })
  .refine((b) => (b.code === undefined) !== (b.recovery === undefined), 'Send either code or recovery.');
const roleBody = z.strictObject({ userId: z.string().min(1).max(200), role: z.enum(ROLES) });
const INDICATORS = new Set(CATALOG.map((i) => i.id));

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success)
    throw new RiskXpertError(
      'BAD_REQUEST',
      r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
    );
  return r.data;
}

/** Chat users (telegram:1, kakao:abc) have subscriptions; a web login id (web:kakao:1) is not one and has none. */
const subscriptionsOf = (d: AdminApiDeps, id: string) =>
  d.subscriptions.listByUser(id).catch((err: unknown) => {
    if (err instanceof RiskXpertError && err.code === 'BAD_REQUEST') return [];
    throw err;
  });

const op = (mfa: Need['mfa'] = 'session'): Need => ({ role: 'operator', mfa });
const admin = (mfa: Need['mfa'] = 'session'): Need => ({ role: 'admin', mfa });

/** Every console API: the table the router mounts and the access test walks. */
export const ADMIN_ROUTES: AdminRoute[] = [
  {
    method: 'get',
    path: '/me',
    example: '/me',
    need: op('none'),
    async handle(_d, _req, res) {
      const { caller, granted } = adminLocals(res);
      res.json({
        userId: caller.userId,
        role: granted.role,
        mfaEnrolled: granted.mfaEnrolled,
        mfaAt: granted.mfaAt ?? null,
      });
    },
  },
  {
    method: 'post',
    path: '/mfa/enroll',
    example: '/mfa/enroll',
    need: op('none'),
    async handle(d, _req, res) {
      res.setHeader('cache-control', 'no-store').json(await d.operators.startEnrollment(adminLocals(res).caller));
    },
  },
  {
    method: 'post',
    path: '/mfa/verify',
    example: '/mfa/verify',
    need: op('none'),
    async handle(d, req, res) {
      const r = await d.operators.verify(adminLocals(res).caller, parse(codeBody, req.body));
      res.json({ mfaAt: r.mfaAt });
    },
  },
  {
    method: 'get',
    path: '/data',
    example: '/data',
    need: op(),
    async handle(d, _req, res) {
      const status = new Map((await d.series.status()).map((s) => [s.indicatorId, s]));
      res.json({
        refreshAvailable: d.refreshIndicator !== undefined,
        indicators: CATALOG.map((i) => ({ id: i.id, ...status.get(i.id), indicatorId: undefined })),
      });
    },
  },
  {
    method: 'post',
    path: '/data/:id/refresh',
    example: '/data/sp500/refresh',
    need: op(),
    async handle(d, req, res) {
      const id = String(req.params.id);
      if (!INDICATORS.has(id)) throw new RiskXpertError('NOT_FOUND', `No indicator "${id}".`);
      if (!d.refreshIndicator)
        throw new RiskXpertError('PROVIDER_FAILED', 'Refresh needs the ETL queue (REDIS_URL or QUEUE_REDIS_URL).');
      await d.refreshIndicator(id);
      await d.operators.log('data.refresh', adminLocals(res).caller, { targetId: id });
      res.status(202).json({ queued: id });
    },
  },
  {
    method: 'get',
    path: '/events',
    example: '/events',
    need: op(),
    async handle(d, _req, res) {
      const lists = await Promise.all(CATALOG.map((i) => d.events.listByIndicator(i.id, 5)));
      res.json({ events: lists.flat() });
    },
  },
  {
    method: 'get',
    path: '/llm-usage',
    example: '/llm-usage',
    need: op(),
    async handle(d, req, res) {
      const days = parse(z.coerce.number().int().min(1).max(31).default(7), req.query.days);
      res.json({ days: await d.llmUsage.stored(days) });
    },
  },
  {
    method: 'get',
    path: '/users',
    example: '/users',
    need: admin(),
    async handle(d, _req, res) {
      res.json({ roles: await d.operators.listRoles() });
    },
  },
  {
    method: 'get',
    path: '/users/:id',
    example: '/users/web:kakao:1',
    need: admin(),
    async handle(d, req, res) {
      const id = String(req.params.id);
      const [user, role, sessions, subscriptions] = await Promise.all([
        d.users.get(id),
        d.operators.roleOf(id),
        d.operators.sessions(id),
        subscriptionsOf(d, id),
      ]);
      res.json({ user: user ?? null, role, sessions, subscriptions });
    },
  },
  {
    method: 'post',
    path: '/roles',
    example: '/roles',
    need: admin('fresh'),
    async handle(d, req, res) {
      const b = parse(roleBody, req.body);
      await d.operators.setRole(adminLocals(res).caller, b.userId, b.role);
      res.json({ userId: b.userId, role: b.role });
    },
  },
  {
    method: 'post',
    path: '/sessions/:id/revoke',
    example: '/sessions/00000000-0000-4000-8000-000000000000/revoke',
    need: admin(),
    async handle(d, req, res) {
      await d.operators.revokeSession(adminLocals(res).caller, String(req.params.id), { anyUser: true });
      res.status(204).end();
    },
  },
  {
    method: 'get',
    path: '/audit',
    example: '/audit',
    need: admin(),
    async handle(d, req, res) {
      res.json({ entries: await d.audit.search(parse(auditQuerySchema, req.query)) });
    },
  },
  ...SENSITIVE_ROUTES,
];
