import type { RefreshTokenStore } from '../store/refresh-token-store.js';
import type { AuditLogStore } from './audit-log-store.js';
import type { Lockout } from './lockout.js';
import type { OperatorStore } from './operator-store.js';
import { roleAtLeast, type Role } from './roles.js';
import { adminOperations } from './operator-admin.js';
import { createOperatorCore, refuse } from './operator-core.js';
import { mfaOperations } from './operator-mfa.js';
import { signInOperations } from './operator-sign-in.js';

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

/** Roles, two-factor sign-in and session control: every decision the console's server side makes. */
export function createOperators(deps: OperatorsDeps) {
  const core = createOperatorCore(deps);
  const { now, freshMs, roleOf } = core;

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

  return {
    roleOf,
    authorize,
    ...adminOperations(core),
    ...signInOperations(core),
    ...mfaOperations(core),
    log: core.log,
  };
}

export type Operators = ReturnType<typeof createOperators>;
