/**
 * What one push attempt came to, as every platform sender reports it:
 * - sent: the platform accepted it.
 * - blocked: the user blocked the bot / closed DMs: deactivate, never retry.
 * - retry: certainly not delivered (429, 5xx, connection refused): try again after `afterMs` (undefined: the
 *   queue's backoff); `global` when the whole bot is limited, not just this chat.
 * - in-doubt: the request may have reached the platform (timeout, connection reset): never resent.
 * - failed: refused for good (bad request): not retried.
 */
export type AlertDelivery =
  | { kind: 'sent'; blocked?: string[] }
  | { kind: 'blocked' }
  | { kind: 'retry'; afterMs?: number; global?: boolean; reason: string }
  | { kind: 'in-doubt'; reason: string }
  | { kind: 'failed'; reason: string };

/** One chat, channel or user at a time (Telegram, Discord). */
export interface AlertSender {
  send(target: string, text: string, png?: Uint8Array): Promise<AlertDelivery>;
}

/** Many users per request (Kakao Event API); `sent` lists in `blocked` the users the platform refused. */
export interface BatchAlertSender {
  readonly maxPerRequest: number;
  sendBatch(targets: readonly string[], text: string, chartToken?: string): Promise<AlertDelivery>;
}

const UNSENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** True when a network error happened before any byte of the request could reach the server. */
export function certainlyUnsent(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth += 1) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && UNSENT_CODES.has(code)) return true;
    if (
      Array.isArray((e as { errors?: unknown }).errors) &&
      (e as { errors: unknown[] }).errors.some((x) => certainlyUnsent(x))
    )
      return true;
  }
  return false;
}
