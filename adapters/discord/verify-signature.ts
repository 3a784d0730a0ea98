import { createPublicKey, verify, type KeyObject } from 'node:crypto';

// DER prefix of an Ed25519 SubjectPublicKeyInfo: lets node:crypto take Discord's raw 32-byte hex key.
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export function ed25519PublicKey(hex: string): KeyObject {
  return createPublicKey({
    key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, 'hex')]),
    format: 'der',
    type: 'spki',
  });
}

/** Discord signs `timestamp + raw body` with the application's Ed25519 key; anything else is forged. */
export function verifyDiscordSignature(
  key: KeyObject,
  signatureHex: string | undefined,
  timestamp: string | undefined,
  rawBody: Buffer,
): boolean {
  if (!signatureHex || !timestamp || !/^[0-9a-f]{128}$/iu.test(signatureHex)) return false;
  try {
    return verify(null, Buffer.concat([Buffer.from(timestamp), rawBody]), key, Buffer.from(signatureHex, 'hex'));
  } catch {
    return false;
  }
}
