import type { Request, Response } from 'express';
import type { z } from 'zod';
import { RiskXpertError } from '../../../src/errors.js';
import { broadcastPreviewSchema, broadcastSendSchema, type BroadcastTarget } from '../../../src/ops/broadcast.js';
import type { AdminApiDeps, AdminRoute } from './admin-route-types.js';
import { adminLocals } from './admin-guard.js';

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success)
    throw new RiskXpertError(
      'BAD_REQUEST',
      r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
    );
  return r.data;
}

const targetLabel = (t: BroadcastTarget) =>
  t.kind === 'platform' ? `platform:${t.platform}` : `indicator:${t.indicatorId}`;

function broadcastsOf(d: AdminApiDeps) {
  if (!d.broadcasts)
    throw new RiskXpertError('PROVIDER_FAILED', 'Broadcast needs the notify queues (REDIS_URL or QUEUE_REDIS_URL).');
  return d.broadcasts;
}

/** Broadcast and data deletion. Broadcast: admin only, fresh MFA; send repeats the preview's confirmation hash, so nobody sends what they did not see. */
export const SENSITIVE_ROUTES: AdminRoute[] = [
  {
    method: 'post',
    path: '/broadcast/preview',
    example: '/broadcast/preview',
    need: { role: 'admin', mfa: 'fresh' },
    async handle(d: AdminApiDeps, req: Request, res: Response) {
      const b = parse(broadcastPreviewSchema, req.body);
      res.setHeader('cache-control', 'no-store').json(await broadcastsOf(d).preview(b.target, b.text));
    },
  },
  {
    method: 'post',
    path: '/broadcast',
    example: '/broadcast',
    need: { role: 'admin', mfa: 'fresh' },
    async handle(d: AdminApiDeps, req: Request, res: Response) {
      const b = parse(broadcastSendSchema, req.body);
      const caller = adminLocals(res).caller;
      try {
        const sent = await broadcastsOf(d).send(b.target, b.text, b.confirm);
        await d.operators.log('broadcast', caller, {
          targetId: targetLabel(b.target),
          details: { ...sent.counts, confirm: b.confirm, text: b.text.slice(0, 200) },
        });
        res.status(202).json({ queued: sent.total, counts: sent.counts });
      } catch (err) {
        if (err instanceof RiskXpertError && err.code === 'BAD_REQUEST')
          await d.operators.log('broadcast.refused', caller, {
            targetId: targetLabel(b.target),
            details: { reason: err.message },
          });
        throw err;
      }
    },
  },
  {
    method: 'post',
    path: '/users/:id/delete',
    example: '/users/telegram:1/delete',
    need: { role: 'admin', mfa: 'fresh' },
    async handle(d: AdminApiDeps, req: Request, res: Response) {
      if (!d.deleteUserData) throw new RiskXpertError('PROVIDER_FAILED', 'Data deletion is not wired.');
      res.json({ deleted: await d.deleteUserData(adminLocals(res).caller, String(req.params.id)) });
    },
  },
];
