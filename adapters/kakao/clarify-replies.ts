import { LRUCache } from 'lru-cache';
import { getIndicator } from '../../src/data/catalog.js';
import { stockCodeOf } from '../../src/data/stock-instruments.js';
import type { ClarifyEvent } from '../../src/engine/answer-types.js';
import { t } from '../../src/messages/t.js';
import { quickReply, simpleText, skillResponse, type QuickReply, type SkillResponse } from './skill-response.js';

/** What a pressed clarify quick reply re-asks: the original question with the chosen fields. */
export interface PendingChoice {
  question: string;
  indicatorId: string;
  horizonMonths?: number;
}

/**
 * The text a choice sends back as the user's next utterance. It names the indicator and horizon in words the
 * parser reads on its own, so the choice still works when the pending question is gone (another server, a restart).
 */
function choiceText(indicatorId: string, horizonMonths: number | undefined, label: string): string {
  const code = stockCodeOf(indicatorId);
  // A stock by name and code ("삼성SDI(006400)"): the parser reads either, so the text alone picks the same stock.
  const name = getIndicator(indicatorId)?.nameKo ?? (code ? `${label}(${code})` : indicatorId);
  return horizonMonths === undefined
    ? t('ko', 'kakao.outlookAny', { name })
    : t('ko', 'kakao.outlook', { name, months: horizonMonths });
}

/**
 * Questions asked back, per user, for a few minutes: a quick reply's text arrives as a plain utterance, and this
 * maps it back to the question it completes (in memory, like the recent answers behind "시나리오 더 보기").
 */
export function createClarifyReplies(options: { max?: number; ttlMs?: number } = {}) {
  const pending = new LRUCache<string, Map<string, PendingChoice>>({
    max: options.max ?? 10_000,
    ttl: options.ttlMs ?? 10 * 60_000,
  });
  return {
    /** The question back as a SkillResponse with the choices as quick replies (labels within 14, at most 10). */
    render(userId: string, question: string, event: ClarifyEvent, extra: QuickReply[] = []): SkillResponse {
      const byText = new Map<string, PendingChoice>();
      const replies: QuickReply[] = [];
      for (const c of event.choices) {
        if (!c.indicatorId) continue;
        const text = choiceText(c.indicatorId, c.horizonMonths, c.label);
        // A stock choice re-asks its own text: the router passes catalog ids only, and the original question
        // ("삼성 전망") would only be asked back again.
        const asked = stockCodeOf(c.indicatorId) ? text : question;
        byText.set(text, {
          question: asked,
          indicatorId: c.indicatorId,
          ...(c.horizonMonths !== undefined ? { horizonMonths: c.horizonMonths } : {}),
        });
        replies.push(quickReply(c.label, text));
      }
      if (byText.size > 0) pending.set(userId, byText);
      return skillResponse([simpleText(event.message)], [...replies, ...extra]);
    },
    /** The choice this utterance picks, if it is one of the user's pending choices (used once). */
    take(userId: string, utterance: string): PendingChoice | undefined {
      const choice = pending.get(userId)?.get(utterance.trim());
      if (choice) pending.delete(userId);
      return choice;
    },
  };
}

export type ClarifyReplies = ReturnType<typeof createClarifyReplies>;
