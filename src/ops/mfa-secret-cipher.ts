import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { RiskXpertError } from '../errors.js';
import type { OperatorStore } from './operator-store.js';

const PREFIX = 'enc:v1:';

/** Reads MFA_ENCRYPTION_KEY: 32 bytes, base64. Undefined when unset. */
export function parseMfaKey(value: string | undefined): Buffer | undefined {
  if (value === undefined || value === '') return undefined;
  const key = Buffer.from(value, 'base64');
  if (key.length !== 32 || key.toString('base64') !== value.replace(/\s/gu, ''))
    throw new RiskXpertError(
      'CONFIG_INVALID',
      'MFA_ENCRYPTION_KEY must be 32 bytes in base64 (openssl rand -base64 32).',
    );
  return key;
}

/**
 * AES-256-GCM with a fresh 12-byte IV per write; the user id is the associated data, so a ciphertext copied onto
 * another user's row does not decrypt.
 */
export function encryptMfaSecret(key: Buffer, userId: string, secret: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(userId, 'utf8'));
  const body = Buffer.concat([c.update(secret, 'utf8'), c.final()]);
  return `${PREFIX}${[iv, c.getAuthTag(), body].map((b) => b.toString('base64url')).join('.')}`;
}

export function decryptMfaSecret(key: Buffer, userId: string, stored: string): string {
  const parts = stored.slice(PREFIX.length).split('.');
  if (!stored.startsWith(PREFIX) || parts.length !== 3)
    throw new RiskXpertError('STORE_UNAVAILABLE', 'An MFA secret is not readable.');
  const [iv, tag, body] = parts.map((p) => Buffer.from(p, 'base64url')) as [Buffer, Buffer, Buffer];
  try {
    const d = createDecipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(userId, 'utf8')).setAuthTag(tag);
    return Buffer.concat([d.update(body), d.final()]).toString('utf8');
  } catch {
    // A wrong key (rotated without re-enrolling) or a tampered row: the enrollment cannot be used; never the secret in a message.
    throw new RiskXpertError('STORE_UNAVAILABLE', 'An MFA secret does not decrypt with MFA_ENCRYPTION_KEY.');
  }
}

/**
 * The operator store with TOTP secrets encrypted at rest. Secrets stored before the key was set (plain base32)
 * still read, and are encrypted at the next enrollment.
 */
export function withEncryptedMfaSecrets(store: OperatorStore, key: Buffer): OperatorStore {
  return Object.assign(Object.create(store) as OperatorStore, {
    async getMfa(userId: string) {
      const r = await store.getMfa(userId);
      if (!r || !r.secret.startsWith(PREFIX)) return r;
      return { ...r, secret: decryptMfaSecret(key, r.userId, r.secret) };
    },
    async putMfa(record: Parameters<OperatorStore['putMfa']>[0]) {
      await store.putMfa({ ...record, secret: encryptMfaSecret(key, record.userId, record.secret) });
    },
  });
}
