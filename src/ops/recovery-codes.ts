import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCb) as (password: string, salt: string, keylen: number) => Promise<Buffer>;
const KEY_LEN = 32;

/** Ten codes of 10 base32-ish characters (50 bits each), shown once; only their scrypt hashes are stored. */
export function newRecoveryCodes(count = 10): string[] {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(10);
    const s = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
    return `${s.slice(0, 5)}-${s.slice(5)}`;
  });
}

const normalize = (code: string) => code.trim().toLowerCase().replace(/\s+/gu, '');

/** `salt$hash`, both hex: a per-code salt, so equal codes of two users hash differently. */
export async function hashRecoveryCode(code: string): Promise<string> {
  const salt = randomBytes(16).toString('hex');
  return `${salt}$${(await scrypt(normalize(code), salt, KEY_LEN)).toString('hex')}`;
}

/** The stored hash this code matches, if any (compared in constant time), so the store can remove exactly it. */
export async function findRecoveryHash(code: string, hashes: readonly string[]): Promise<string | undefined> {
  const c = normalize(code);
  if (!/^[a-z0-9]{5}-[a-z0-9]{5}$/u.test(c)) return undefined;
  for (const h of hashes) {
    const [salt, hex] = h.split('$');
    if (!salt || !hex) continue;
    const got = await scrypt(c, salt, KEY_LEN);
    if (timingSafeEqual(got, Buffer.from(hex, 'hex'))) return h;
  }
  return undefined;
}
