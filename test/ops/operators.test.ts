import { describe, expect, it } from 'vitest';
import { createMemoryAuditLogStore } from '../../src/ops/memory-audit-log-store.js';
import { createMemoryLockout } from '../../src/ops/lockout.js';
import { createMemoryOperatorStore } from '../../src/ops/memory-operator-store.js';
import { loadOpsConfig } from '../../src/ops/ops-config.js';
import { createOperators } from '../../src/ops/operators.js';
import { findRecoveryHash, hashRecoveryCode } from '../../src/ops/recovery-codes.js';
import { totpNow } from '../../src/ops/totp.js';
import { createMemoryRefreshTokenStore } from '../../src/store/memory-refresh-token-store.js';
import { testClock } from './ops-helpers.js';

function setup() {
  const clock = testClock();
  const store = createMemoryOperatorStore();
  const audit = createMemoryAuditLogStore();
  const refreshTokens = createMemoryRefreshTokenStore();
  const ops = createOperators({
    store,
    audit,
    refreshTokens,
    lockout: createMemoryLockout({ threshold: 3, now: clock.now }),
    bootstrapAdmins: new Set(['web:kakao:1']),
    now: clock.now,
  });
  const admin = { userId: 'web:kakao:1', sessionId: 's-admin', ip: '10.0.0.1' };
  return { clock, store, audit, ops, admin };
}

describe('operators: recovery codes, role rules, settings', () => {
  it('a recovery code passes MFA once; the second use is refused and counted', async () => {
    const { ops, admin, clock, audit } = setup();
    await ops.onSignIn(admin);
    const e = await ops.startEnrollment(admin);
    // Not active until a TOTP code proves the secret: a recovery code cannot turn it on.
    await expect(ops.verify(admin, { recovery: e.recoveryCodes[0]! })).rejects.toMatchObject({
      details: { reason: 'mfa-invalid' },
    });
    await ops.verify(admin, { code: await totpNow(e.secret, clock.now()) });
    await expect(ops.verify(admin, { recovery: ` ${e.recoveryCodes[1]!.toUpperCase()} ` })).resolves.toMatchObject({
      mfaAt: expect.any(Date),
    });
    await expect(ops.verify(admin, { recovery: e.recoveryCodes[1]! })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      details: { reason: 'mfa-invalid' },
    });
    // The reused code, a made-up one and a wrong TOTP: three failures in a row (threshold 3 here): locked, even for a good code.
    await expect(ops.verify(admin, { recovery: 'aaaaa-aaaaa' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(
      ops.verify(admin, { code: '000000' === (await totpNow(e.secret, clock.now())) ? '111111' : '000000' }),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(ops.verify(admin, { recovery: e.recoveryCodes[2]! })).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    const types = (await audit.search({ limit: 50 })).map((x) => x.type);
    expect(types).toContain('mfa.recovery');
    expect(types).toContain('mfa.locked');
  });

  it('recovery codes are stored as salted scrypt hashes, never in clear', async () => {
    const [h1, h2] = [await hashRecoveryCode('abcde-fghij'), await hashRecoveryCode('abcde-fghij')];
    expect(h1).not.toBe(h2);
    expect(h1).not.toContain('abcde');
    expect(await findRecoveryHash('ABCDE-FGHIJ', [h2, h1])).toBe(h2);
    expect(await findRecoveryHash('abcde-fghik', [h1])).toBeUndefined();
  });

  it('an admin cannot change their own role nor an ADMIN_KAKAO_IDS admin; a grant is logged with before and after', async () => {
    const { ops, admin, audit } = setup();
    await expect(ops.setRole(admin, 'web:kakao:1', 'user')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const other = { userId: 'web:kakao:2', sessionId: 's2' };
    await ops.setRole(admin, other.userId, 'admin');
    await expect(ops.setRole(other, other.userId, 'user')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(ops.setRole(other, admin.userId, 'user')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect((await audit.search({ type: 'role.grant', limit: 5 }))[0]).toMatchObject({
      actorId: admin.userId,
      targetId: other.userId,
      details: { from: 'user', to: 'admin' },
    });
  });

  it('reads its settings with clear errors', () => {
    expect(loadOpsConfig({ ADMIN_KAKAO_IDS: ' 12, 34 ', MFA_FRESH_SECONDS: '120' })).toMatchObject({
      adminKakaoIds: ['12', '34'],
      freshMfaMs: 120_000,
      lockout: { threshold: 20 },
    });
    expect(() => loadOpsConfig({ ADMIN_KAKAO_IDS: 'alice' })).toThrow(
      /ADMIN_KAKAO_IDS: "alice" is not a numeric Kakao user id/u,
    );
    expect(() => loadOpsConfig({ LOCKOUT_THRESHOLD: '1' })).toThrow(/LOCKOUT_THRESHOLD/u);
  });
});
