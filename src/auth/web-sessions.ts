import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { RiskXpertError } from '../errors.js';
import type { RefreshTokenStore } from '../store/refresh-token-store.js';
import type { AccessClaims, AccessTokens } from './access-tokens.js';

export interface SessionTokens {
  accessToken: string;
  accessExpiresAt: number;
  refreshToken: string;
  refreshExpiresAt: number;
  userId: string;
}

export interface WebSessions {
  /** A new session (refresh-token family) for a user who just logged in. */
  start(userId: string): Promise<SessionTokens>;
  /** Rotates: the presented token is spent, a successor and a fresh access token come back. */
  refresh(refreshToken: string): Promise<SessionTokens>;
  /** Revokes the session of this refresh token; unknown tokens are a no-op (logout must always succeed). */
  logout(refreshToken: string): Promise<void>;
  /** Verifies an access token and that its session was not revoked since. */
  authenticate(accessToken: string): Promise<AccessClaims>;
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/u;
const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');
const unauthorized = (message: string, reason: string) =>
  new RiskXpertError('UNAUTHORIZED', message, { details: { reason } });

/**
 * Web sessions: a short-lived JWT for the API, a long-lived opaque refresh token (32 random bytes) kept as its
 * sha256. Refresh tokens rotate on every use; presenting a spent one again after a short grace period revokes the whole
 * family, because then either the user or a thief holds a copy (OAuth 2.0 Security BCP, refresh token rotation).
 */
export function createWebSessions(deps: {
  store: RefreshTokenStore;
  access: AccessTokens;
  refreshTtlSeconds: number;
  /**
   * How long after its rotation a refresh token may rotate again (default 30 s). Two tabs of one browser renew
   * with the same cookie at nearly the same moment; without this the second would revoke both. Each such late
   * use issues a sibling token in the same family; a use after the grace period is a genuine reuse.
   */
  reuseGraceSeconds?: number;
  now?: () => number;
}): WebSessions {
  const now = deps.now ?? Date.now;
  const graceMs = (deps.reuseGraceSeconds ?? 30) * 1000;

  async function issue(userId: string, familyId: string): Promise<SessionTokens> {
    const refreshToken = randomBytes(32).toString('base64url');
    const createdAt = new Date(now());
    const expiresAt = new Date(createdAt.getTime() + deps.refreshTtlSeconds * 1000);
    await deps.store.insert({ tokenHash: sha256(refreshToken), familyId, userId, createdAt, expiresAt });
    const access = await deps.access.sign({ userId, sessionId: familyId });
    return {
      accessToken: access.token,
      accessExpiresAt: access.expiresAt,
      refreshToken,
      refreshExpiresAt: expiresAt.getTime(),
      userId,
    };
  }

  return {
    start: (userId) => issue(userId, randomUUID()),
    async refresh(refreshToken) {
      if (!TOKEN.test(refreshToken)) throw unauthorized('The refresh token is not valid.', 'invalid');
      const at = new Date(now());
      const r = await deps.store.consume(sha256(refreshToken), at);
      switch (r.status) {
        case 'rotated':
          return issue(r.record.userId, r.record.familyId);
        case 'reused':
          // A revoked family is reported as 'revoked', never 'reused': only a live family gets here. An expired token
          // earns no grace.
          if (r.record.usedAt && at.getTime() - r.record.usedAt.getTime() < graceMs && r.record.expiresAt > at) {
            return issue(r.record.userId, r.record.familyId);
          }
          await deps.store.revokeFamily(r.record.familyId, at);
          throw unauthorized(
            'This refresh token was already used; the session is now revoked. Log in again.',
            'reused',
          );
        case 'revoked':
          throw unauthorized('This session was revoked. Log in again.', 'revoked');
        case 'expired':
          throw unauthorized('The session has expired. Log in again.', 'expired');
        case 'unknown':
          throw unauthorized('The refresh token is not valid.', 'invalid');
      }
    },
    async logout(refreshToken) {
      if (!TOKEN.test(refreshToken)) return;
      const at = new Date(now());
      // consume() tells us the family without a lookup method of its own; the token dies with it either way.
      const r = await deps.store.consume(sha256(refreshToken), at);
      if (r.status !== 'unknown') await deps.store.revokeFamily(r.record.familyId, at);
    },
    async authenticate(accessToken) {
      const claims = await deps.access.verify(accessToken);
      if (!(await deps.store.isFamilyActive(claims.sessionId, new Date(now()))))
        throw unauthorized('This session was revoked. Log in again.', 'revoked');
      return claims;
    },
  };
}
