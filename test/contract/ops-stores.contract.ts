import { describe, expect, it } from 'vitest';
import type { AuditLogStore } from '../../src/ops/audit-log-store.js';
import type { OperatorStore } from '../../src/ops/operator-store.js';

const unique = (what: string) => `${what}-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
const t0 = new Date(Date.UTC(2026, 0, 1));
const at = (s: number) => new Date(t0.getTime() + s * 1000);

/** One contract for every OperatorStore: memory and SQLite always, MongoDB when MONGODB_URL is set. */
export function describeOperatorStoreContract(name: string, make: () => Promise<OperatorStore>): void {
  describe(`OperatorStore contract: ${name}`, () => {
    it('grants and revokes roles; an unknown user is a plain user', async () => {
      const s = await make();
      const u = unique('web:kakao');
      expect(await s.getRole(u)).toBe('user');
      await s.setRole(u, 'operator', at(1));
      expect(await s.getRole(u)).toBe('operator');
      expect((await s.listRoles()).find((r) => r.userId === u)).toEqual({
        userId: u,
        role: 'operator',
        updatedAt: at(1),
      });
      await s.setRole(u, 'user', at(2));
      expect(await s.getRole(u)).toBe('user');
      expect((await s.listRoles()).some((r) => r.userId === u)).toBe(false);
      await expect(s.setRole(u, 'root' as never, at(3))).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      await expect(s.getRole({ $ne: null } as never)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    });

    it('accepts each TOTP step once and only newer ones, also when two claims race', async () => {
      const s = await make();
      const u = unique('web:kakao');
      expect(await s.claimStep(u, 5)).toBe(false);
      await s.putMfa({ userId: u, secret: 'JBSWY3DPEHPK3PXP', recoveryHashes: ['a$1', 'b$2'], lastStep: 0 });
      expect((await s.getMfa(u))?.enabledAt).toBeUndefined();
      await s.enableMfa(u, at(1));
      expect(await s.getMfa(u)).toEqual({
        userId: u,
        secret: 'JBSWY3DPEHPK3PXP',
        recoveryHashes: ['a$1', 'b$2'],
        lastStep: 0,
        enabledAt: at(1),
      });
      const raced = await Promise.all(Array.from({ length: 6 }, () => s.claimStep(u, 100)));
      expect(raced.filter(Boolean)).toHaveLength(1);
      expect(await s.claimStep(u, 99)).toBe(false);
      expect(await s.claimStep(u, 101)).toBe(true);
      expect((await s.getMfa(u))?.lastStep).toBe(101);
    });

    it('takes each recovery hash once', async () => {
      const s = await make();
      const u = unique('web:kakao');
      await s.putMfa({ userId: u, secret: 'S', recoveryHashes: ['a$1', 'b$2'], lastStep: 0 });
      const raced = await Promise.all([s.takeRecoveryHash(u, 'a$1'), s.takeRecoveryHash(u, 'a$1')]);
      expect(raced.filter(Boolean)).toHaveLength(1);
      expect(await s.takeRecoveryHash(u, 'zz')).toBe(false);
      expect((await s.getMfa(u))?.recoveryHashes).toEqual(['b$2']);
    });

    it('removes one user’s enrollment only (erasing their data)', async () => {
      const s = await make();
      const [gone, stays] = [unique('web:kakao'), unique('web:kakao')];
      for (const userId of [gone, stays]) await s.putMfa({ userId, secret: 'S', recoveryHashes: ['a$1'], lastStep: 0 });
      expect(await s.deleteMfa(gone)).toBe(true);
      expect(await s.deleteMfa(gone)).toBe(false);
      expect(await s.getMfa(gone)).toBeUndefined();
      expect((await s.getMfa(stays))?.secret).toBe('S');
    });

    it('keeps sessions per user, newest first, with the MFA mark', async () => {
      const s = await make();
      const u = unique('web:kakao');
      const [a, b] = [unique('sess'), unique('sess')];
      await s.putSession({ sessionId: a, userId: u, createdAt: at(1), ip: '10.0.0.1', userAgent: 'UA' });
      await s.putSession({ sessionId: b, userId: u, createdAt: at(2) });
      await s.markSessionMfa(a, at(3));
      expect(await s.listSessions(u)).toEqual([
        { sessionId: b, userId: u, createdAt: at(2) },
        { sessionId: a, userId: u, createdAt: at(1), ip: '10.0.0.1', userAgent: 'UA', mfaAt: at(3) },
      ]);
      expect(await s.getSession(unique('none'))).toBeUndefined();
    });
  });
}

/** One contract for every AuditLogStore. */
export function describeAuditLogStoreContract(name: string, make: () => Promise<AuditLogStore>): void {
  describe(`AuditLogStore contract: ${name}`, () => {
    it('appends, searches newest first by type, user and time, and purges only what is past retention', async () => {
      const s = await make();
      const u = unique('web:kakao');
      const other = unique('web:kakao');
      await s.append({ at: at(1), type: 'signin.success', actorId: u, ip: '10.0.0.1', userAgent: 'UA' });
      await s.append({ at: at(2), type: 'mfa.failure', actorId: u, details: { kind: 'totp' } });
      await s.append({
        at: at(3),
        type: 'role.grant',
        actorId: other,
        targetId: u,
        details: { from: 'user', to: 'operator' },
      });
      await s.append({ at: at(4), type: 'signin.success', actorId: other });
      const mine = await s.search({ userId: u, limit: 10 });
      expect(mine.map((e) => e.type)).toEqual(['role.grant', 'mfa.failure', 'signin.success']);
      expect(mine[2]).toMatchObject({ at: at(1), actorId: u, ip: '10.0.0.1', userAgent: 'UA' });
      expect(mine[0]!.details).toEqual({ from: 'user', to: 'operator' });
      expect(typeof mine[0]!.id).toBe('string');
      expect((await s.search({ userId: u, type: 'signin.success', limit: 10 })).map((e) => e.at)).toEqual([at(1)]);
      expect((await s.search({ userId: u, since: at(2), until: at(2), limit: 10 })).map((e) => e.type)).toEqual([
        'mfa.failure',
      ]);
      expect(await s.search({ userId: u, limit: 1 })).toHaveLength(1);
      expect(await s.purgeBefore(at(3))).toBeGreaterThanOrEqual(2);
      expect((await s.search({ userId: u, limit: 10 })).map((e) => e.type)).toEqual(['role.grant']);
    });
  });
}
