import { t } from '../../src/messages/t.js';
import { codePointOffset, fitsCodePoints } from '../../src/text/code-points.js';

/** Kakao SkillResponse v2.0 builders with the documented limits enforced where the response is made. */

export const LIMITS = { outputs: 3, simpleText: 1000, altText: 50, quickReplies: 10, label: 14 } as const;

export interface QuickReply {
  label: string;
  action: 'message';
  messageText: string;
}

export type Output = { simpleText: { text: string } } | { simpleImage: { imageUrl: string; altText: string } };

export interface SkillResponse {
  version: '2.0';
  template?: { outputs: Output[]; quickReplies?: QuickReply[] };
  useCallback?: boolean;
  data?: Record<string, string>;
}

const cut = (s: string, max: number) =>
  fitsCodePoints(s, max) ? s : `${s.slice(0, codePointOffset(s, max - 1)).trimEnd()}…`;

/** A text bubble, cut to 1000 characters. Never blank: Kakao refuses an empty simpleText. */
export function simpleText(text: string): Output {
  return { simpleText: { text: cut(text.trim() || '…', LIMITS.simpleText) } };
}

export function simpleImage(imageUrl: string, altText: string): Output {
  return { simpleImage: { imageUrl, altText: cut(altText, LIMITS.altText) } };
}

/** A quick reply that sends `messageText` as the user's next utterance. Labels are cut to 14 characters. */
export function quickReply(label: string, messageText = label): QuickReply {
  const l = label.trim() || messageText.trim() || '…';
  return { label: cut(l, LIMITS.label), action: 'message', messageText: messageText.trim() || l };
}

/**
 * A SkillResponse within the limits whatever it is given: at most 3 outputs (the first three), at least one (a
 * placeholder rather than an answer Kakao would refuse), at most 10 quick replies with distinct labels. It never
 * throws, because it also renders the callback answer, after the point where an error could still be reported.
 */
export function skillResponse(outputs: Output[], quickReplies: QuickReply[] = []): SkillResponse {
  const seen = new Set<string>();
  const replies = quickReplies.filter((q) => !seen.has(q.label) && seen.add(q.label)).slice(0, LIMITS.quickReplies);
  const kept = outputs.length > 0 ? outputs.slice(0, LIMITS.outputs) : [simpleText(t('ko', 'kakao.notReady'))];
  return {
    version: '2.0',
    template: { outputs: kept, ...(replies.length ? { quickReplies: replies } : {}) },
  };
}

/** The immediate answer of the AI-chatbot callback flow: no template, the waiting text goes through `data`. */
export function callbackAck(waitingText: string): SkillResponse {
  return { version: '2.0', useCallback: true, data: { text: waitingText } };
}

/** Checks a response against the documented limits; returns the problems (empty when valid). */
export function validateSkillResponse(r: SkillResponse): string[] {
  const problems: string[] = [];
  if (r.version !== '2.0') problems.push('version must be "2.0"');
  if (r.useCallback) {
    if (r.template) problems.push('a useCallback answer must not carry a template');
    return problems;
  }
  const outputs = r.template?.outputs ?? [];
  if (outputs.length < 1 || outputs.length > LIMITS.outputs) problems.push(`outputs: ${outputs.length} (1..3)`);
  for (const o of outputs) {
    if ('simpleText' in o && !fitsCodePoints(o.simpleText.text, LIMITS.simpleText))
      problems.push('simpleText over 1000 characters');
    if ('simpleText' in o && !o.simpleText.text.trim()) problems.push('empty simpleText');
    if ('simpleImage' in o && !/^https?:\/\//u.test(o.simpleImage.imageUrl))
      problems.push('simpleImage.imageUrl must be an http(s) URL');
    if ('simpleImage' in o && !fitsCodePoints(o.simpleImage.altText, LIMITS.altText))
      problems.push('altText over 50 characters');
  }
  const replies = r.template?.quickReplies ?? [];
  if (replies.length > LIMITS.quickReplies) problems.push(`quickReplies: ${replies.length} (max 10)`);
  for (const q of replies)
    if (!fitsCodePoints(q.label, LIMITS.label)) problems.push(`label "${q.label}" over 14 characters`);
  return problems;
}

/** The 200 reply to a rate-limited skill call: Kakao shows nothing for a non-200, so the user is told why in a bubble. */
export function rateLimitedSkillBody(retryAfterS: number): string {
  return JSON.stringify(skillResponse([simpleText(t('ko', 'kakao.rateLimited', { seconds: retryAfterS }))]));
}
