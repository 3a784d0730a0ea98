import type { RefreshTokenStore } from '../store/refresh-token-store.js';
import type { AuditLogStore } from './audit-log-store.js';
import type { Lockout } from './lockout.js';
import type { OperatorStore } from './operator-store.js';
import type { Role } from './roles.js';

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
