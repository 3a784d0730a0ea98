import type { OperatorCore } from './operator-core.js';
import type { Caller } from './operator-types.js';

/** Failed Kakao sign-ins that only a forged, replayed or stolen callback produces (see auth-routes.ts FAILURES). */
const COUNTED_SIGNIN_FAILURES = new Set(['state', 'browser', 'code']);

/** What the Kakao callback reports: sessions started, failed sign-ins and the address lockout they feed. */
export function signInOperations(core: OperatorCore) {
  const { deps, now, log } = core;
  return {
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
  };
}
