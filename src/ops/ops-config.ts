import { z } from 'zod';
import { RiskXpertError } from '../errors.js';
import { parseMfaKey } from './mfa-secret-cipher.js';
import { parseAdminKakaoIds } from './roles.js';

const int = (def: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(def);
const blankIsUnset = (v: unknown) => (v === '' ? undefined : v);

const schema = z.object({
  ADMIN_KAKAO_IDS: z.preprocess(blankIsUnset, z.string().optional()),
  AUDIT_RETENTION_DAYS: z.preprocess(blankIsUnset, int(365, 1, 3650)),
  MFA_FRESH_SECONDS: z.preprocess(blankIsUnset, int(300, 30, 3600)),
  LOCKOUT_THRESHOLD: z.preprocess(blankIsUnset, int(20, 3, 1000)),
  LOCKOUT_BASE_SECONDS: z.preprocess(blankIsUnset, int(900, 1, 86_400)),
  LOCKOUT_MAX_SECONDS: z.preprocess(blankIsUnset, int(86_400, 1, 30 * 86_400)),
  MFA_ENCRYPTION_KEY: z.preprocess(blankIsUnset, z.string().optional()),
  NODE_ENV: z.string().optional(),
});

export interface OpsConfig {
  adminKakaoIds: string[];
  auditRetentionDays: number;
  freshMfaMs: number;
  lockout: { threshold: number; baseMs: number; maxMs: number };
  /** AES-256-GCM key for TOTP secrets at rest; required in production. */
  mfaKey?: Buffer;
}

/** The operator console's settings (docs/operators.md), read once where the console is wired. */
export function loadOpsConfig(env: Record<string, string | undefined>): OpsConfig {
  const r = schema.safeParse(env);
  if (!r.success)
    throw new RiskXpertError(
      'CONFIG_INVALID',
      `Invalid operator console settings: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  const c = r.data;
  const mfaKey = parseMfaKey(c.MFA_ENCRYPTION_KEY);
  if (!mfaKey && c.NODE_ENV === 'production')
    throw new RiskXpertError(
      'CONFIG_INVALID',
      'MFA_ENCRYPTION_KEY is required in production (32 bytes, base64: openssl rand -base64 32): TOTP secrets are not stored in the clear.',
    );
  return {
    ...(mfaKey ? { mfaKey } : {}),
    adminKakaoIds: parseAdminKakaoIds(c.ADMIN_KAKAO_IDS),
    auditRetentionDays: c.AUDIT_RETENTION_DAYS,
    freshMfaMs: c.MFA_FRESH_SECONDS * 1000,
    lockout: {
      threshold: c.LOCKOUT_THRESHOLD,
      baseMs: c.LOCKOUT_BASE_SECONDS * 1000,
      maxMs: Math.max(c.LOCKOUT_MAX_SECONDS, c.LOCKOUT_BASE_SECONDS) * 1000,
    },
  };
}
