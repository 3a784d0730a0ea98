import QRCode from 'qrcode';
import { RiskXpertError } from '../errors.js';
import { refuse, type OperatorCore } from './operator-core.js';
import type { Caller } from './operator-types.js';
import { findRecoveryHash, hashRecoveryCode, newRecoveryCodes } from './recovery-codes.js';
import { checkTotp, newTotpSecret, totpUri } from './totp.js';

/** Two-factor enrollment and codes, with the lockout that stops guessing. */
export function mfaOperations(core: OperatorCore) {
  const { deps, now, log, lockKeys } = core;

  /** Throws RATE_LIMITED while the account or the address is locked. */
  async function assertNotLocked(c: Caller): Promise<void> {
    const until = await deps.lockout.lockedUntil(lockKeys(c));
    if (until !== undefined) {
      throw new RiskXpertError('RATE_LIMITED', 'Too many wrong codes; two-factor sign-in is locked for a while.', {
        details: { retryAfterSeconds: Math.ceil((until - now()) / 1000) },
      });
    }
  }

  async function failCode(c: Caller, kind: string): Promise<never> {
    const locked = await deps.lockout.fail(lockKeys(c));
    await log('mfa.failure', c, { details: { kind } });
    if (locked !== undefined)
      await log('mfa.locked', c, { targetId: c.userId, details: { until: new Date(locked).toISOString() } });
    throw refuse('That code is not valid.', 'mfa-invalid');
  }

  return {
    /** A new secret (not active until confirmed), its otpauth URI as a QR PNG, and ten recovery codes shown once. */
    async startEnrollment(c: Caller) {
      const existing = await deps.store.getMfa(c.userId);
      if (existing?.enabledAt)
        throw new RiskXpertError('BAD_REQUEST', 'Two-factor sign-in is already set up for this account.');
      const secret = newTotpSecret();
      const recoveryCodes = newRecoveryCodes();
      await deps.store.putMfa({
        userId: c.userId,
        secret,
        recoveryHashes: await Promise.all(recoveryCodes.map(hashRecoveryCode)),
        lastStep: 0,
      });
      const uri = totpUri(secret, c.userId);
      await log('mfa.enroll.start', c);
      return {
        secret,
        uri,
        qrPng: await QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 1, width: 240 }),
        recoveryCodes,
      };
    },

    /** A TOTP code (or, with `recovery`, a recovery code): enables a pending enrollment and marks this session as passed. */
    async verify(c: Caller, input: { code?: string; recovery?: string }): Promise<{ mfaAt: Date }> {
      await assertNotLocked(c);
      const mfa = await deps.store.getMfa(c.userId);
      if (!mfa) throw refuse('Set up two-factor sign-in first.', 'mfa-enroll');
      const at = new Date(now());
      if (input.recovery !== undefined) {
        const hash = mfa.enabledAt ? await findRecoveryHash(input.recovery, mfa.recoveryHashes) : undefined;
        if (!hash || !(await deps.store.takeRecoveryHash(c.userId, hash))) return failCode(c, 'recovery');
        await log('mfa.recovery', c, { details: { left: mfa.recoveryHashes.length - 1 } });
      } else {
        const r = await checkTotp(mfa.secret, String(input.code ?? ''), at.getTime(), mfa.lastStep);
        // claimStep is the replay guard across servers: the same code presented twice wins once.
        if (!r.valid || r.step === undefined || !(await deps.store.claimStep(c.userId, r.step)))
          return failCode(c, 'totp');
        if (!mfa.enabledAt) {
          await deps.store.enableMfa(c.userId, at);
          await log('mfa.enroll.done', c);
        }
        await log('mfa.success', c, { targetId: c.sessionId });
      }
      await deps.lockout.succeed(lockKeys(c));
      await deps.store.markSessionMfa(c.sessionId, at);
      return { mfaAt: at };
    },
  };
}
