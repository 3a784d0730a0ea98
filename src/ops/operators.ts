import { roleAtLeast } from './roles.js';
import { adminOperations } from './operator-admin.js';
import { createOperatorCore, refuse } from './operator-core.js';
import { mfaOperations } from './operator-mfa.js';
import { signInOperations } from './operator-sign-in.js';

import type { Caller, Granted, Need, OperatorsDeps } from './operator-types.js';

export type { Caller, Granted, Need, OperatorsDeps } from './operator-types.js';

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
