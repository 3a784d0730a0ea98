import { RiskXpertError } from '../errors.js';

/**
 * Refresh tokens of web sessions. Only the sha256 of a token is ever stored, so a leaked database cannot be
 * replayed. Tokens of one login share a `familyId` (the session): rotation issues the next token in the family,
 * and presenting an already-used token again means it was stolen, so the caller revokes the whole family.
 */
export interface RefreshTokenRecord {
  /** sha256 hex of the token. */
  tokenHash: string;
  familyId: string;
  userId: string;
  createdAt: Date;
  expiresAt: Date;
  /** Set once, when the token was exchanged for its successor. */
  usedAt?: Date;
  revokedAt?: Date;
}

/** What presenting a token found. Only `rotated` lets the caller issue a successor. */
export type ConsumeResult =
  | { status: 'rotated'; record: RefreshTokenRecord }
  | { status: 'reused' | 'revoked' | 'expired'; record: RefreshTokenRecord }
  | { status: 'unknown' };

/** Implementations throw RiskXpertError('STORE_UNAVAILABLE') when the backend is down, BAD_REQUEST for non-string ids. */
export interface RefreshTokenStore {
  readonly kind: 'mongo' | 'memory' | 'sqlite';
  /** Stores a new token; a second insert of the same hash is refused (BAD_REQUEST), never an overwrite. */
  insert(record: {
    tokenHash: string;
    familyId: string;
    userId: string;
    createdAt: Date;
    expiresAt: Date;
  }): Promise<void>;
  /**
   * Marks the token used, atomically: of two concurrent calls with one token exactly one gets `rotated`, the
   * other `reused`. A revoked or expired token is reported as such and left unchanged.
   */
  consume(tokenHash: string, now: Date): Promise<ConsumeResult>;
  /** Revokes every token of the family (logout, reuse detected); returns how many were newly revoked. */
  revokeFamily(familyId: string, now: Date): Promise<number>;
  /** True while the family has a token that is neither revoked nor expired: access tokens of the session stay valid. */
  isFamilyActive(familyId: string, now: Date): Promise<boolean>;
  /** Creates indexes (including expiry clean-up) and checks the connection. Idempotent. */
  init(): Promise<void>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

const HASH = /^[0-9a-f]{64}$/u;

/** Shared input checks: every implementation refuses the same things before touching its backend. */
export function requireTokenHash(value: unknown): string {
  if (typeof value !== 'string' || !HASH.test(value)) {
    throw new RiskXpertError('BAD_REQUEST', 'tokenHash must be 64 lower-case hex characters (a sha256).');
  }
  return value;
}
