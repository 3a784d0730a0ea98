import { z } from 'zod';
import { RiskXpertError } from '../../src/errors.js';

export interface EventUser {
  type: 'botUserKey' | 'plusfriendUserKey' | 'appUserId';
  id: string;
  properties?: Record<string, string>;
}

const sendResponse = z.looseObject({ taskId: z.string(), status: z.string(), timestamp: z.number().optional() });
const taskResponse = z.looseObject({
  taskId: z.string(),
  status: z.string(),
  allRequestCount: z.number().optional(),
  successCount: z.number().optional(),
  userKeyResolvingFailCount: z.number().optional(),
  fail: z.looseObject({ count: z.number(), list: z.array(z.unknown()) }).optional(),
});

export type EventSendResult = z.infer<typeof sendResponse>;
export type EventTaskResult = z.infer<typeof taskResponse>;

export const EVENT_API_MAX_USERS = 100;

export interface KakaoEventApiOptions {
  /** https://bot-api.kakao.com (config: KAKAO_EVENT_API_BASE). */
  baseUrl: string;
  /** The bot id; a development channel's id ends with "!". */
  botId: string;
  /** REST API key of the Kakao Developers app linked to the channel (sent as `Authorization: KakaoAK …`). */
  restApiKey: string;
  /** Per request (default 5 s): never the platform default. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * Kakao Event API (bot-initiated messages, 15 KRW each): POST /v2/bots/{botId}/talk with at most 100 distinct
 * users per request, and GET /v1/tasks/{taskId} for per-user results ("SUCCESS" only means accepted).
 * It does not retry: every message costs money and a retried request may have been accepted, so the caller
 * (the notify queue, keyed by a dedup key) decides; a failure says exactly which users were already sent.
 */
export function createKakaoEventApiClient(options: KakaoEventApiOptions) {
  const f = options.fetch ?? fetch;
  const headers = { authorization: `KakaoAK ${options.restApiKey}`, 'content-type': 'application/json' };
  const base = options.baseUrl.replace(/\/+$/u, '');
  const call = <T>(url: string, init: RequestInit, schema: z.ZodType<T>): Promise<T> =>
    callEventApi(f, options.timeoutMs ?? 5_000, url, init, schema);

  return {
    /**
     * Sends one event to many users: distinct users, in requests of at most 100; returns one task per request.
     * If a request fails, the error's `details` carry `sent` (the tasks already accepted) and `unsent` (the
     * users not sent yet, the failed request's included), so a retry never messages anyone twice.
     */
    async send(
      event: { name: string; data?: Record<string, string> },
      users: EventUser[],
      params?: Record<string, string>,
    ): Promise<EventSendResult[]> {
      const unique = [...new Map(users.map((u) => [`${u.type}:${u.id}`, u])).values()];
      const tasks: EventSendResult[] = [];
      for (let i = 0; i < unique.length; i += EVENT_API_MAX_USERS) {
        const body = {
          event: { name: event.name, ...(event.data ? { data: event.data } : {}) },
          user: unique.slice(i, i + EVENT_API_MAX_USERS),
          ...(params ? { params } : {}),
        };
        try {
          tasks.push(
            await call(
              `${base}/v2/bots/${encodeURIComponent(options.botId)}/talk`,
              { method: 'POST', headers, body: JSON.stringify(body) },
              sendResponse,
            ),
          );
        } catch (err) {
          throw withProgress(err as RiskXpertError, tasks, unique.slice(i));
        }
      }
      return tasks;
    },
    /** Per-user delivery of one send: e.g. status "1 FAIL", successCount, userKeyResolvingFailCount. */
    task(taskId: string): Promise<EventTaskResult> {
      return call(`${base}/v1/tasks/${encodeURIComponent(taskId)}`, { method: 'GET', headers }, taskResponse);
    },
  };
}

/** One request, its failure classified: only what Kakao may still accept (timeouts, 429, 5xx) is retryable. */
async function callEventApi<T>(
  f: typeof fetch,
  timeoutMs: number,
  url: string,
  init: RequestInit,
  schema: z.ZodType<T>,
): Promise<T> {
  let res: Response;
  let text: string;
  try {
    res = await f(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    text = await res.text();
  } catch (err) {
    // A timeout may still have been accepted by Kakao: retryable, but the caller must know it may duplicate.
    throw new RiskXpertError('PROVIDER_FAILED', `Kakao Event API unreachable: ${(err as Error).message}`, {
      cause: err,
      retryable: true,
    });
  }
  if (!res.ok) {
    throw new RiskXpertError(
      res.status === 429 ? 'RATE_LIMITED' : 'PROVIDER_FAILED',
      `Kakao Event API ${res.status}: ${text.slice(0, 200)}`,
      {
        retryable: res.status === 429 || res.status >= 500,
        details: { status: res.status },
      },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new RiskXpertError('PROVIDER_FAILED', 'Kakao Event API sent a body that is not JSON.', { cause: err });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new RiskXpertError('PROVIDER_FAILED', 'Kakao Event API sent an unexpected body.');
  return parsed.data;
}

/** The same failure, with who was already sent and who was not, so a retry never messages anyone twice. */
function withProgress(e: RiskXpertError, sent: EventSendResult[], unsent: EventUser[]): RiskXpertError {
  return new RiskXpertError(e.code, e.message, {
    cause: e,
    retryable: e.retryable,
    details: { ...e.details, sent, unsent },
  });
}
