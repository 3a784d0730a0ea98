import type { Role } from './roles.js';

/** A TOTP enrollment. `enabledAt` is unset until the user proved the secret with a first valid code. */
export interface MfaRecord {
  userId: string;
  /** Base32 TOTP secret (RFC 6238). */
  secret: string;
  /** scrypt hashes of the unused recovery codes (recovery-codes.ts); a used code is removed. */
  recoveryHashes: string[];
  enabledAt?: Date;
  /** The last accepted TOTP time step: a code of this step or an older one is refused (no replay within the window). */
  lastStep: number;
}

/** A web session (a refresh-token family) as the operator console sees it. */
export interface SessionRecord {
  sessionId: string;
  userId: string;
  createdAt: Date;
  ip?: string;
  userAgent?: string;
  /** When this session last passed a TOTP or recovery code; sensitive actions want it recent. */
  mfaAt?: Date;
}

export interface RoleRecord {
  userId: string;
  role: Role;
  updatedAt: Date;
}

/**
 * Roles, TOTP enrollments and session metadata of the operator console. Implementations throw
 * RiskXpertError('STORE_UNAVAILABLE') when the backend is down and BAD_REQUEST for non-string ids.
 */
export interface OperatorStore {
  readonly kind: 'memory' | 'sqlite' | 'mongo';
  /** 'user' for anyone never granted a role. */
  getRole(userId: string): Promise<Role>;
  /** Setting 'user' removes the grant. */
  setRole(userId: string, role: Role, at: Date): Promise<void>;
  listRoles(): Promise<RoleRecord[]>;
  getMfa(userId: string): Promise<MfaRecord | undefined>;
  /** Replaces the enrollment (a new secret starts with lastStep 0). */
  putMfa(record: MfaRecord): Promise<void>;
  enableMfa(userId: string, at: Date): Promise<void>;
  /** Atomically accepts `step` only if it is newer than the last accepted one: of two racing uses of one code, one wins. */
  claimStep(userId: string, step: number): Promise<boolean>;
  /** Atomically removes one recovery-code hash; false when it was not there (unknown or already used). */
  takeRecoveryHash(userId: string, hash: string): Promise<boolean>;
  /** Removes the enrollment (secret and recovery hashes) when a user's data is erased; false when there was none. */
  deleteMfa(userId: string): Promise<boolean>;
  putSession(record: SessionRecord): Promise<void>;
  getSession(sessionId: string): Promise<SessionRecord | undefined>;
  /** Newest first. */
  listSessions(userId: string): Promise<SessionRecord[]>;
  markSessionMfa(sessionId: string, at: Date): Promise<void>;
  init(): Promise<void>;
  close(): Promise<void>;
}
