import { randomUUID } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { RiskXpertError } from '../errors.js';

export interface AccessClaims {
  userId: string;
  /** The refresh-token family: revoking it (logout, reuse) ends every access token of the session. */
  sessionId: string;
  expiresAt: number;
}

export interface AccessTokens {
  sign(claims: { userId: string; sessionId: string }): Promise<{ token: string; expiresAt: number }>;
  /** Throws UNAUTHORIZED (details.reason: expired | invalid) for anything but a valid, unexpired token of ours. */
  verify(token: string): Promise<AccessClaims>;
}

const ISSUER = 'riskxpert';
const AUDIENCE = 'riskxpert-web';
const ALG = 'HS256';

/** Short-lived HS256 JWTs for the web API. The key must be at least 32 bytes (RFC 7518 3.2: key >= hash size). */
export function createAccessTokens(options: {
  secret: Uint8Array;
  ttlSeconds: number;
  now?: () => number;
}): AccessTokens {
  if (options.secret.byteLength < 32)
    throw new RiskXpertError('CONFIG_INVALID', 'The web JWT secret must be at least 32 bytes.');
  const now = options.now ?? Date.now;
  const key = options.secret;
  return {
    async sign({ userId, sessionId }) {
      const iat = Math.floor(now() / 1000);
      const exp = iat + options.ttlSeconds;
      const token = await new SignJWT({ sid: sessionId })
        .setProtectedHeader({ alg: ALG, typ: 'JWT' })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setSubject(userId)
        .setJti(randomUUID())
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .sign(key);
      return { token, expiresAt: exp * 1000 };
    },
    async verify(token) {
      try {
        // algorithms pinned: a token that names "none" or an asymmetric algorithm is refused before any check.
        const { payload } = await jwtVerify(token, key, {
          algorithms: [ALG],
          issuer: ISSUER,
          audience: AUDIENCE,
          currentDate: new Date(now()),
        });
        if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string' || typeof payload.exp !== 'number') {
          throw new RiskXpertError('UNAUTHORIZED', 'The access token lacks its claims.', {
            details: { reason: 'invalid' },
          });
        }
        return { userId: payload.sub, sessionId: payload.sid, expiresAt: payload.exp * 1000 };
      } catch (err) {
        if (err instanceof RiskXpertError) throw err;
        if (err instanceof errors.JWTExpired)
          throw new RiskXpertError('UNAUTHORIZED', 'The access token has expired.', { details: { reason: 'expired' } });
        throw new RiskXpertError('UNAUTHORIZED', 'The access token is not valid.', {
          details: { reason: 'invalid' },
          cause: err,
        });
      }
    },
  };
}
