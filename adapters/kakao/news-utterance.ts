import { newsReply, type NewsReplyDeps } from '../../src/news/news-reply.js';
import { simpleText, skillResponse, type SkillResponse } from './skill-response.js';

/** Kakao's simpleText holds 1,000 characters. */
const SIMPLE_TEXT_MAX = 1_000;

/**
 * "코스피 뉴스": the stored headlines and the extractive digest. No LLM here: a skill answer has five seconds, and
 * the digest of stored items is a local read.
 */
export async function kakaoNewsResponse(deps: NewsReplyDeps, query: string): Promise<SkillResponse> {
  const text = await newsReply({ store: deps.store, ...(deps.now ? { now: deps.now } : {}) }, { query, locale: 'ko' });
  return skillResponse([simpleText(text.length > SIMPLE_TEXT_MAX ? `${text.slice(0, SIMPLE_TEXT_MAX - 1)}…` : text)]);
}
