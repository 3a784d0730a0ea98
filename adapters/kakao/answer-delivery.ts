import type { Response } from 'express';
import type { Logger } from '../../src/logger.js';
import { t } from '../../src/messages/t.js';
import type { createAnswerRenderer } from './answer-render.js';
import { callbackDeadlines, startAnswerRun, type AnswerRunDeps } from './answer-run.js';
import type { CallbackResult, FetchLike } from './callback-client.js';
import type { PendingChoice } from './clarify-replies.js';
import { deliverCallback } from './deliver-callback.js';
import type { QuickReplies } from './quick-replies.js';
import { KAKAO_SKILL_TIMEOUT_MS, sendJson, within } from './skill-http.js';
import type { SkillPayload } from './skill-payload.js';
import { callbackAck, type SkillResponse } from './skill-response.js';

/** One question on its way to the engine. */
export interface Ask {
  payload: SkillPayload;
  received: number;
  requestId: string;
  userId: string;
  picked: PendingChoice | undefined;
}

export interface AnswerDeliveryDeps {
  run: AnswerRunDeps;
  renderer: ReturnType<typeof createAnswerRenderer>;
  replies: QuickReplies;
  fetch: FetchLike;
  now: () => number;
  logger: Logger;
  validityMs: number;
  inlineBudgetMs: number;
  callbackWaitMs?: number | undefined;
  callbackBudgetMs?: number | undefined;
  onReply?: ((reply: { requestId: string; mode: 'inline' | 'callback' }) => void) | undefined;
  onCallback?: ((result: CallbackResult) => void) | undefined;
}

/**
 * The two ways an answer reaches Kakao. The 5-second rule: a cached answer (or a refusal) goes inline. Otherwise,
 * with a callback URL, we acknowledge with useCallback at once and POST the final answer once, inside the URL's
 * minute, even when the engine hangs. Without one, we answer inline with what is ready before the budget and keep
 * the rest for "시나리오 더 보기".
 */
export function createAnswerDelivery(deps: AnswerDeliveryDeps) {
  const { renderer, now, logger } = deps;
  const start = (ask: Ask, deadline: number) =>
    startAnswerRun(deps.run, {
      payload: ask.payload,
      deadline,
      requestId: ask.requestId,
      userId: ask.userId,
      picked: ask.picked,
    });

  /** The answer for the callback POST; the acknowledgement is gone already, so a render failure still says something. */
  function finalAnswer(run: ReturnType<typeof start>, ask: Ask): SkillResponse {
    try {
      return renderer.render(run.collected, run, ask.userId);
    } catch (err) {
      logger.error({ err, requestId: ask.requestId }, 'kakao: cannot render the callback answer');
      return deps.replies.message(t('ko', 'kakao.notReady'));
    }
  }

  async function post(callbackUrl: string, final: SkillResponse, postBy: number, requestId: string): Promise<void> {
    const result = await deliverCallback(deps.fetch, callbackUrl, final, postBy, now);
    if (result.imageDropped)
      logger.warn(
        { requestId, delivered: result.delivered },
        'kakao: callback with the chart image refused; sent the text answer without it',
      );
    if (!result.delivered)
      logger.warn(
        { requestId, status: result.status, attempts: result.attempts, error: result.error },
        'kakao: callback not delivered',
      );
    deps.onCallback?.(result);
  }

  /** With a callback URL: inline when the answer is ready at once (cached, refused, asked back), else useCallback and one POST. */
  async function viaCallback(res: Response, ask: Ask, callbackUrl: string): Promise<void> {
    const { postBy, engineDeadline, stopWaitingAt } = callbackDeadlines(
      ask.received,
      deps.validityMs,
      deps.callbackBudgetMs,
    );
    const run = start(ask, engineDeadline);
    await within(run.finished, deps.callbackWaitMs ?? 300);
    // Cached answers, refusals and questions back go inline; anything generated goes through the callback.
    if (run.collected.done && (run.collected.cached || run.collected.error || run.collected.clarify)) {
      deps.onReply?.({ requestId: ask.requestId, mode: 'inline' });
      sendJson(res, renderer.render(run.collected, run, ask.userId));
      return;
    }
    deps.onReply?.({ requestId: ask.requestId, mode: 'callback' });
    sendJson(res, callbackAck(t('ko', 'kakao.computing')));
    await within(run.finished, stopWaitingAt - now());
    if (!run.collected.done) run.stop('callback deadline');
    await post(callbackUrl, finalAnswer(run, ask), postBy, ask.requestId);
  }

  /**
   * No callback: answer inline with what is ready inside the budget. The engine's deadline makes the LLM yield to
   * the deterministic narrator in time; the timer is the safety net. The engine keeps going afterwards, so the rest
   * of the scenario is there for "시나리오 더 보기".
   */
  async function inline(res: Response, ask: Ask): Promise<void> {
    const deadline = ask.received + deps.inlineBudgetMs;
    const run = start(ask, deadline);
    await within(run.finished, Math.min(deadline + 300, ask.received + KAKAO_SKILL_TIMEOUT_MS - 500) - now());
    sendJson(res, renderer.render(run.collected, run, ask.userId));
  }

  return { viaCallback, inline };
}
