import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { withEncryptedMfaSecrets } from '../../src/ops/mfa-secret-cipher.js';
import { loadOpsConfig } from '../../src/ops/ops-config.js';
import { createSqliteOperatorStore } from '../../src/ops/sqlite-operator-store.js';
import { newTotpSecret } from '../../src/ops/totp.js';
import { sqliteTestDb } from '../contract/sqlite-test-db.js';

const testDb = sqliteTestDb('mfa-cipher');
afterAll(() => testDb.drop());
const database = testDb.open();
const key = randomBytes(32);
const record = (userId: string, secret: string) => ({ userId, secret, recoveryHashes: ['h1'], lastStep: 0 });

describe('TOTP secrets encrypted at rest (MFA_ENCRYPTION_KEY)', () => {
  it('stores a ciphertext, not the secret, and reads the secret back', async () => {
    const raw = createSqliteOperatorStore(database);
    const store = withEncryptedMfaSecrets(raw, key);
    const secret = newTotpSecret();
    await store.putMfa(record('web:kakao:1', secret));
    const stored = (await raw.getMfa('web:kakao:1'))!.secret;
    expect(stored).not.toContain(secret);
    expect(stored).toMatch(/^enc:v1:/u);
    expect((await store.getMfa('web:kakao:1'))!.secret).toBe(secret);
    // A fresh IV per write: the same secret never gives the same row twice.
    await store.putMfa(record('web:kakao:1', secret));
    expect((await raw.getMfa('web:kakao:1'))!.secret).not.toBe(stored);
    // The rest of the store is the wrapped store's.
    expect(store.kind).toBe('sqlite');
    await store.enableMfa('web:kakao:1', new Date());
    expect((await store.getMfa('web:kakao:1'))!.enabledAt).toBeInstanceOf(Date);
  });

  it('refuses another key and a ciphertext moved onto another user', async () => {
    const raw = createSqliteOperatorStore(database);
    await withEncryptedMfaSecrets(raw, key).putMfa(record('web:kakao:2', newTotpSecret()));
    await expect(withEncryptedMfaSecrets(raw, randomBytes(32)).getMfa('web:kakao:2')).rejects.toMatchObject({
      code: 'STORE_UNAVAILABLE',
    });
    await raw.putMfa(record('web:kakao:3', (await raw.getMfa('web:kakao:2'))!.secret));
    await expect(withEncryptedMfaSecrets(raw, key).getMfa('web:kakao:3')).rejects.toMatchObject({
      code: 'STORE_UNAVAILABLE',
    });
  });

  it('still reads a secret stored in the clear before the key was set', async () => {
    const raw = createSqliteOperatorStore(database);
    const secret = newTotpSecret();
    await raw.putMfa(record('web:kakao:4', secret));
    expect((await withEncryptedMfaSecrets(raw, key).getMfa('web:kakao:4'))!.secret).toBe(secret);
  });

  it('production refuses to start without a key; a key that is not 32 bytes base64 is refused', () => {
    expect(() => loadOpsConfig({ NODE_ENV: 'production' })).toThrow(/MFA_ENCRYPTION_KEY/u);
    expect(() => loadOpsConfig({ MFA_ENCRYPTION_KEY: randomBytes(16).toString('base64') })).toThrow(/32 bytes/u);
    expect(() => loadOpsConfig({ MFA_ENCRYPTION_KEY: 'not base64 at all!' })).toThrow(/32 bytes/u);
    expect(loadOpsConfig({ NODE_ENV: 'production', MFA_ENCRYPTION_KEY: key.toString('base64') }).mfaKey).toEqual(key);
    expect(loadOpsConfig({ NODE_ENV: 'development' }).mfaKey).toBeUndefined();
  });
});
