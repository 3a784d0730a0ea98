import { z } from 'zod';
import { RiskXpertError } from '../../src/errors.js';

export interface EventUser {
  type: 'botUserKey' | 'plusfriendUserKey' | 'appUserId';
  id: string;
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

export const EVENT_API_MAX_USERS = 100;

/**
 * Kakao Event API (bot-initiated messages, 15 KRW each): POST /v2/bots/{botId}/talk with at most 100 distinct
 * users per request, and GET /v1/tasks/{taskId} for per-user results ("SUCCESS" only means accepted).
 */
export function createKakaoEventApiClient(options: { baseUrl: string; botId: string; restApiKey: string; timeoutMs?: number; fetch?: typeof fetch }) {
  const f = options.fetch ?? fetch;
  const headers = { authorization: `KakaoAK ${options.restApiKey}`, 'content-type': 'application/json' };

  async function call<T>(url: string, init: RequestInit, schema: z.ZodType<T>): Promise<T> {
    let res: Response;
    try {
      res = await f(url, { ...init, signal: AbortSignal.timeout(options.timeoutMs ?? 5_000) });
    } catch (err) {
      throw new RiskXpertError('PROVIDER_FAILED', `Kakao Event API unreachable: ${(err as Error).message}`, { cause: err });
    }
    const text = await res.text();
    if (!res.ok) {
      throw new RiskXpertError(res.status === 429 ? 'RATE_LIMITED' : 'PROVIDER_FAILED', `Kakao Event API ${res.status}: ${text.slice(0, 200)}`, {
        retryable: res.status === 429 || res.status >= 500,
      });
    }
    const parsed = schema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new RiskXpertError('PROVIDER_FAILED', 'Kakao Event API sent an unexpected body.');
    return parsed.data;
  }

  return {
    /** Sends one event to many users; returns one task per request of at most 100 users. */
    async send(event: { name: string; data?: Record<string, string> }, users: EventUser[]): Promise<z.infer<typeof sendResponse>[]> {
      const unique = [...new Map(users.map((u) => [`${u.type}:${u.id}`, u])).values()];
      const tasks = [];
      for (let i = 0; i < unique.length; i += EVENT_API_MAX_USERS) {
        const body = { event: { name: event.name, ...(event.data ? { data: event.data } : {}) }, user: unique.slice(i, i + EVENT_API_MAX_USERS) };
        tasks.push(await call(`${options.baseUrl}/v2/bots/${encodeURIComponent(options.botId)}/talk`, { method: 'POST', headers, body: JSON.stringify(body) }, sendResponse));
      }
      return tasks;
    },
    task(taskId: string) {
      return call(`${options.baseUrl}/v1/tasks/${encodeURIComponent(taskId)}`, { method: 'GET', headers }, taskResponse);
    },
  };
}
