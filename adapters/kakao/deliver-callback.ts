import { postCallback, type CallbackResult, type FetchLike } from './callback-client.js';
import type { SkillResponse } from './skill-response.js';

/** Kakao refused the body itself ("Invalid json response from bot-skill.", status ERROR) rather than the token (FAIL). */
const bodyRefused = (r: CallbackResult) =>
  r.status !== undefined &&
  r.status >= 400 &&
  r.status < 500 &&
  /"status"\s*:\s*"ERROR"|Invalid json response/u.test(r.error ?? '');

function withoutImages(body: SkillResponse): SkillResponse | undefined {
  const outputs = body.template?.outputs ?? [];
  const kept = outputs.filter((o) => !('simpleImage' in o));
  if (kept.length === outputs.length || kept.length === 0) return undefined;
  return { ...body, template: { ...body.template!, outputs: kept } };
}

/**
 * The callback POST, degrading per call: when Kakao refuses an answer that carries the chart image (the image URL
 * unreachable or rejected by Kakao's validation), the same answer goes again without the image, so the text survives.
 * Kakao refuses a body with status ERROR without spending the one-use URL; a refused token (FAIL) is never retried.
 */
export async function deliverCallback(
  fetchImpl: FetchLike,
  url: string,
  body: SkillResponse,
  deadline: number,
  now: () => number,
): Promise<CallbackResult & { imageDropped?: boolean }> {
  const first = await postCallback(fetchImpl, url, body, deadline, now);
  if (first.delivered || !bodyRefused(first)) return first;
  const textOnly = withoutImages(body);
  if (!textOnly) return first;
  const second = await postCallback(fetchImpl, url, textOnly, deadline, now);
  return { ...second, attempts: first.attempts + second.attempts, imageDropped: true };
}
