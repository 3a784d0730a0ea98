import QRCode from 'qrcode';
import { RiskXpertError } from '../errors.js';
import type { RefreshTokenStore } from '../store/refresh-token-store.js';
import type { AuditEntry, AuditLogStore, AuditType } from './audit-log-store.js';
import type { Lockout } from './lockout.js';
import type { OperatorStore, SessionRecord } from './operator-store.js';
import { findRecoveryHash, hashRecoveryCode, newRecoveryCodes } from './recovery-codes.js';
import { requireRole, roleAtLeast, type Role } from './roles.js';
import { checkTotp, newTotpSecret, totpUri } from './totp.js';

/** Who is asking: the claims of a verified access token plus where the request came from. */
export interface Caller {
  userId: string;
  sessionId: string;
  ip?: string;
  userAgent?: string;
}

/** What a route needs: a role, a session that passed MFA, and for sensitive actions an MFA this recent. */
export interface Need {
  role: Role;
  /** 'none': the MFA pages themselves; 'session': passed once in this session; 'fresh': within freshMfaMs. */
  mfa: 'none' | 'session' | 'fresh';
}

export interface Granted {
  role: Role;
  mfaEnrolled: boolean;
  mfaAt?: Date;
}

export interface OperatorsDeps {
  store: OperatorStore;
  audit: AuditLogStore;
  lockout: Lockout;
  refreshTokens: RefreshTokenStore;
  /** Bootstrap admins (web user ids, from ADMIN_KAKAO_IDS): admin whatever the store says. */
  bootstrapAdmins: ReadonlySet<string>;
  /** How recent an MFA a sensitive action needs (default 5 minutes). */
  freshMfaMs?: number;
  now?: () => number;
}

const refuse = (message: string, reason: string, extra: Record<string, unknown> = {}) =>
  new RiskXpertError('UNAUTHORIZED', message, { details: { reason, ...extra } });

/** Failed Kakao sign-ins that only a forged, replayed or stolen callback produces (see auth-routes.ts FAILURES). */
const COUNTED_SIGNIN_FAILURES = new Set(['state', 'browser', 'code']);

/** Roles, two-factor sign-in and session control: every decision the console's server side makes. */
export function createOperators(deps: OperatorsDeps) {
  const now = deps.now ?? Date.now;
  const freshMs = deps.freshMfaMs ?? 5 * 60_000;

  const roleOf = async (userId: string): Promise<Role> =>
    deps.bootstrapAdmins.has(userId) ? 'admin' : deps.store.getRole(userId);
  const log = (type: AuditType, c: Partial<Caller>, more: Omit<AuditEntry, 'at' | 'type'> = {}) =>
    deps.audit.append({
      at: new Date(now()),
      type,
      ...(c.userId ? { actorId: c.userId } : {}),
      ...(c.ip ? { ip: c.ip } : {}),
      ...(c.userAgent ? { userAgent: c.userAgent } : {}),
      ...more,
    });
  const lockKeys = (c: Caller) => [`acct:${c.userId}`, ...(c.ip ? [`ip:${c.ip}`] : [])];

  async function authorize(c: Caller, need: Need): Promise<Granted> {
    const role = await roleOf(c.userId);
    if (!roleAtLeast(role, need.role)) throw refuse(`This needs the ${need.role} role.`, 'forbidden');
    const mfa = await deps.store.getMfa(c.userId);
    const session = await deps.store.getSession(c.sessionId);
    const granted: Granted = {
      role,
      mfaEnrolled: Boolean(mfa?.enabledAt),
      ...(session?.mfaAt ? { mfaAt: session.mfaAt } : {}),
    };
    if (need.mfa === 'none') return granted;
    if (!granted.mfaEnrolled) throw refuse('Set up two-factor sign-in first.', 'mfa-enroll');
    if (!session?.mfaAt) throw refuse('Enter a code from your authenticator app.', 'mfa-required');
    if (need.mfa === 'fresh' && now() - session.mfaAt.getTime() > freshMs)
      throw refuse('This action needs a fresh code from your authenticator app.', 'mfa-stale');
    return granted;
  }

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
    roleOf,
    authorize,
    /** Granted roles plus the bootstrap admins (who are never in the store). */
    async listRoles() {
      const stored = await deps.store.listRoles();
      const boot = [...deps.bootstrapAdmins]
        .filter((id) => !stored.some((r) => r.userId === id))
        .map((userId) => ({ userId, role: 'admin' as const, bootstrap: true }));
      return [...boot, ...stored.map((r) => ({ ...r, bootstrap: deps.bootstrapAdmins.has(r.userId) }))];
    },

    /** Called by the Kakao callback: remembers where the session started and logs the sign-in. */
    async onSignIn(c: Caller): Promise<void> {
      await deps.store.putSession({
        sessionId: c.sessionId,
        userId: c.userId,
        createdAt: new Date(now()),
        ...(c.ip ? { ip: c.ip } : {}),
        ...(c.userAgent ? { userAgent: c.userAgent } : {}),
      });
      await log('signin.success', c, { targetId: c.sessionId });
    },
    /**
     * Called by the Kakao callback on a failed sign-in: logged, and a forged or replayed callback counts against
     * the address like a wrong code (a cancelled login or a Kakao outage does not; nor does the locked answer).
     */
    async onSignInFailure(c: { ip?: string; userAgent?: string }, reason: string): Promise<void> {
      await log('signin.failure', c, { details: { reason } });
      if (!c.ip || !COUNTED_SIGNIN_FAILURES.has(reason)) return;
      const locked = await deps.lockout.fail([`ip:${c.ip}`]);
      if (locked !== undefined)
        await log('signin.locked', c, { targetId: c.ip, details: { until: new Date(locked).toISOString() } });
    },
    /** Seconds the address stays locked, for the Kakao callback; undefined when it is not. */
    async signInLockedFor(ip: string): Promise<number | undefined> {
      const until = await deps.lockout.lockedUntil([`ip:${ip}`]);
      return until === undefined ? undefined : Math.max(1, Math.ceil((until - now()) / 1000));
    },

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

    async setRole(c: Caller, targetUserId: string, role: Role): Promise<void> {
      requireRole(role);
      if (deps.bootstrapAdmins.has(targetUserId))
        throw new RiskXpertError('BAD_REQUEST', 'This admin comes from ADMIN_KAKAO_IDS; change that setting instead.');
      if (targetUserId === c.userId) throw new RiskXpertError('BAD_REQUEST', 'An admin cannot change their own role.');
      const before = await deps.store.getRole(targetUserId);
      await deps.store.setRole(targetUserId, role, new Date(now()));
      await log(role === 'user' ? 'role.revoke' : 'role.grant', c, {
        targetId: targetUserId,
        details: { from: before, to: role },
      });
    },

    /**
     * Erasing a user's data: their role is revoked (logged as role.revoke) and their two-factor enrollment removed.
     * Refused for an ADMIN_KAKAO_IDS admin before anything is touched (that setting makes them admin again).
     */
    async eraseOperatorData(c: Caller, userId: string): Promise<{ role: boolean; mfa: boolean }> {
      if (deps.bootstrapAdmins.has(userId))
        throw new RiskXpertError('BAD_REQUEST', 'This admin comes from ADMIN_KAKAO_IDS; remove them there first.');
      const before = await deps.store.getRole(userId);
      if (before !== 'user') {
        await deps.store.setRole(userId, 'user', new Date(now()));
        await log('role.revoke', c, { targetId: userId, details: { from: before, to: 'user', reason: 'erase' } });
      }
      return { role: before !== 'user', mfa: await deps.store.deleteMfa(userId) };
    },

    /** A user's sessions with whether each is still alive (its refresh-token family not revoked or expired). */
    async sessions(userId: string): Promise<(SessionRecord & { active: boolean })[]> {
      const at = new Date(now());
      const list = await deps.store.listSessions(userId);
      return Promise.all(
        list.map(async (s) => ({ ...s, active: await deps.refreshTokens.isFamilyActive(s.sessionId, at) })),
      );
    },

    /** Ends a session at once: its refresh tokens are revoked, so every access token of it fails the next check. */
    async revokeSession(c: Caller, sessionId: string, options: { anyUser: boolean }): Promise<void> {
      const s = await deps.store.getSession(sessionId);
      if (!s || (!options.anyUser && s.userId !== c.userId)) throw new RiskXpertError('NOT_FOUND', 'No such session.');
      await deps.refreshTokens.revokeFamily(sessionId, new Date(now()));
      await log('session.revoke', c, { targetId: s.userId, details: { sessionId } });
    },

    log,
  };
}

export type Operators = ReturnType<typeof createOperators>;
