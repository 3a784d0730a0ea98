import { generate, generateSecret, generateURI, verify } from 'otplib';

/** RFC 6238 defaults every authenticator app speaks: SHA-1, 6 digits, 30-second steps. */
const PERIOD_S = 30;
/** One step either side: a phone clock a little off, or a code typed just as it rolled over. */
const TOLERANCE_S = PERIOD_S;

export interface TotpCheck {
  valid: boolean;
  /** The time step the code belongs to; the caller refuses steps not newer than the last one used. */
  step?: number;
}

export const newTotpSecret = (): string => generateSecret();

export const totpUri = (secret: string, account: string, issuer = 'RiskXpert'): string =>
  generateURI({ issuer, label: account, secret });

/** `afterStep` is the last accepted step: otplib then refuses that step and older ones (replay within the window). */
export async function checkTotp(secret: string, token: string, nowMs: number, afterStep: number): Promise<TotpCheck> {
  if (!/^\d{6}$/u.test(token)) return { valid: false };
  const r = await verify({
    secret,
    token,
    epoch: Math.floor(nowMs / 1000),
    epochTolerance: TOLERANCE_S,
    ...(afterStep > 0 ? { afterTimeStep: afterStep } : {}),
  });
  // The TOTP strategy's result carries the matched step (the functional API types the HOTP/TOTP union).
  return r.valid && 'timeStep' in r && typeof r.timeStep === 'number'
    ? { valid: true, step: r.timeStep }
    : { valid: false };
}

/** The current code, for tests and the CLI; the server never sends one to a client. */
export const totpNow = (secret: string, nowMs: number): Promise<string> =>
  generate({ secret, epoch: Math.floor(nowMs / 1000) });
