import type { SkillResponse } from './skill-response.js';

export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string; signal: AbortSignal },
) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;

export interface CallbackResult {
  delivered: boolean;
  status?: number;
  attempts: number;
  error?: string;
}

/**
 * Posts the final answer to Kakao's one-use callback URL. A URL is valid for one minute and one call, so a
 * retry is made only when the first attempt never reached Kakao (network error, timeout, 5xx) and there is
 * still time before `deadline`; after any 2xx or 4xx nothing is sent again.
 */
export async function postCallback(
  fetchImpl: FetchLike,
  url: string,
  body: SkillResponse,
  deadline: number,
  now = Date.now,
): Promise<CallbackResult> {
  let attempts = 0;
  let lastError = '';
  while (now() < deadline - 250) {
    attempts += 1;
    const remaining = deadline - now();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), Math.min(10_000, remaining));
    try {
      const res = await fetchImpl(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json;charset=UTF-8' },
        body: JSON.stringify(body),
        signal: controller.signal,
      });
      if (res.ok) return { delivered: true, status: res.status, attempts };
      lastError = `HTTP ${res.status}: ${(await res.text().catch(() => '')).slice(0, 200)}`;
      if (res.status < 500) return { delivered: false, status: res.status, attempts, error: lastError };
    } catch (err) {
      lastError = (err as Error).message;
    } finally {
      clearTimeout(timer);
    }
    if (attempts >= 3) break;
    await new Promise((r) => setTimeout(r, 300 * attempts));
  }
  return { delivered: false, attempts, error: lastError || 'no time left before the callback URL expired' };
}
