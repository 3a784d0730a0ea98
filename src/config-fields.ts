import { z } from 'zod';

/** Empty strings in .env files mean "unset", not "the empty value". */
export const optionalString = z.preprocess((v) => (v === '' ? undefined : v), z.string().optional());
export const optionalUrl = (hint: string) =>
  z.preprocess((v) => (v === '' ? undefined : v), z.url({ message: `must be a URL, ${hint}` }).optional());
export const int = (def: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(def);
export const bool = (def: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default(def ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const trimSlash = (url: string) => url.replace(/\/+$/u, '');

/** Names whose values never appear in an error message (keys, tokens, secrets, URLs that may carry a password). */
export function isSecretName(key: string): boolean {
  return /KEY|TOKEN|SECRET|PASSWORD/u.test(key) || /_URL$/u.test(key);
}
