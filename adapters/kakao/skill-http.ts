import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler, Response } from 'express';

/** Kakao's own limit for a skill reply. */
export const KAKAO_SKILL_TIMEOUT_MS = 5_000;

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  // Compare equal-length buffers either way, so the time taken does not tell the secret's length.
  return timingSafeEqual(x.length === y.length ? x : y, y) && x.length === y.length;
}

/** Waits for `p`, but no longer than `ms`; the timer is cleared either way (thousands of requests a second). */
export function within(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((r) => {
    timer = setTimeout(r, Math.max(0, ms));
  });
  return Promise.race([p.then(() => undefined), timeout]).finally(() => clearTimeout(timer));
}

/**
 * Writes a JSON answer. Not res.json: that hashes every body for an ETag, which no POST answer needs and which
 * is a measurable share of a cached answer's cost.
 */
export function sendJson(res: Response, body: unknown, status = 200): void {
  // Encoded once: the length header and the body come from the same bytes (a Korean answer is several KB).
  const bytes = Buffer.from(JSON.stringify(body));
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', bytes.length);
  res.end(bytes);
}

/** The shared-secret check in front of the skill route (none configured: every call passes). */
export function skillSecretCheck(secret: string | undefined, header: string): RequestHandler {
  return (req, res, next) => {
    if (!secret) return next();
    const got = req.header(header);
    if (typeof got === 'string' && safeEqual(got, secret)) return next();
    sendJson(res, { error: { code: 'UNAUTHORIZED', message: 'Missing or wrong skill secret header.' } }, 401);
  };
}
