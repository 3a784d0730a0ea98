import type { Request } from 'express';

/** Reads one cookie. Express 5 parses none itself; our cookies are base64url values, so no decoding is needed. */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      return /^[A-Za-z0-9_-]{1,200}$/u.test(value) ? value : undefined;
    }
  }
  return undefined;
}

export const OAUTH_COOKIE = 'rx_oauth';
export const REFRESH_COOKIE = 'rx_refresh';
/** Not a secret: says "a session cookie was set" to the page's script, which cannot read the httpOnly one. */
export const SIGNED_IN_HINT_COOKIE = 'rx_signed_in';
