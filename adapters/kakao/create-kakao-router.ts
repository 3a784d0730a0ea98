import express, { type ErrorRequestHandler, type Request, type Response, type Router } from 'express';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { ChartStore } from '../../src/chart/chart-store.js';
import type { Engine } from '../../src/engine/answer-types.js';
import type { Logger } from '../../src/logger.js';
import { t } from '../../src/messages/t.js';
import type { BotCommands } from '../../src/sim/bot-commands.js';
import type { ScenarioChat } from '../../src/scenario/scenario-chat.js';
import {
  createOutboundUrlGuard,
  KAKAO_CALLBACK_HOSTS,
  type OutboundUrlGuard,
  type Refusal,
} from '../../src/net/outbound-url-guard.js';
import { createAnswerRenderer } from './answer-render.js';
import { callbackDeadlines, startAnswerRun, type AnswerRunDeps } from './answer-run.js';
import type { CallbackResult, FetchLike } from './callback-client.js';
import { createChartTokens } from './chart-tokens.js';
import { createClarifyReplies, type ClarifyReplies, type PendingChoice } from './clarify-replies.js';
import { deliverCallback } from './deliver-callback.js';
import { createQuickReplies, EXAMPLE } from './quick-replies.js';
import { createRecentAnswers, type RecentAnswers } from './recent-answers.js';
import { answerBeforeEngine } from './skill-commands.js';
import { KAKAO_SKILL_TIMEOUT_MS, sendJson, skillSecretCheck, within } from './skill-http.js';
import { skillPayloadSchema, type SkillPayload } from './skill-payload.js';
import { callbackAck, type SkillResponse } from './skill-response.js';
import type { NewsReplyDeps } from '../../src/news/news-reply.js';
import type { RiskCommands } from '../../src/risk/risk-commands.js';

export interface KakaoRouterDeps {
  /** "시나리오 ..." utterances (src/scenario/scenario-chat.ts); absent, they are read as questions. */
  scenarios?: ScenarioChat;
  engine: Engine;
  charts: ChartStore;
  /** Public https base that Kakao fetches chart images from; without it answers carry no image. */
  publicBaseUrl: string | undefined;
  /** Our budget for an inline answer, well inside Kakao's 5 s (the response goes out at most 300 ms later). */
  inlineBudgetMs: number;
  /** With a callback URL, how long to wait for a (cached) answer before acknowledging with useCallback. */
  callbackWaitMs?: number;
  /** The engine's deadline on the callback path, from the request's arrival (default: validity - 10 s). */
  callbackBudgetMs?: number;
  /** How long a callback URL stays valid (Kakao: 60 s; 5 min in group chatbots). Tests scale it down. */
  callbackValidityMs?: number;
  /**
   * Which callback URLs we may POST to, and the connection that POSTs (default: https on Kakao's callback host only,
   * public addresses only, checked after DNS and at connect; see src/net/outbound-url-guard.ts).
   */
  callbackGuard?: OutboundUrlGuard;
  /** An extra filter on top of the guard (e.g. one host in a test). */
  allowCallbackUrl?: (url: URL) => boolean;
  /** Observes a callback URL refused by the guard (tests wait on it; metrics). */
  onCallbackRefused?: (refusal: Refusal) => void;
  skillSecret?: string | undefined;
  skillSecretHeader: string;
  maxUtteranceChars?: number;
  /** Indicator ids that have data, so quick replies only offer answerable questions (e.g. runtime.series.available). */
  availableIndicators?: () => Promise<string[]>;
  logger: Logger;
  /** Posts callbacks (default: the guard's pinned fetch; an injected one still gets only URLs the guard passed). */
  fetch?: FetchLike;
  recent?: RecentAnswers;
  /** Questions asked back and their quick replies, per user. */
  clarify?: ClarifyReplies;
  now?: () => number;
  /** Observes callback deliveries (tests, metrics). */
  onCallback?: (result: CallbackResult) => void;
  /** Observes, with a callback URL, whether the router answered inline or acknowledged with useCallback (tests). */
  onReply?: (reply: { requestId: string; mode: 'inline' | 'callback' }) => void;
  /** Paper trading and alerts as utterances ("매수 코스피 3", "알림 코스피 낙폭 10"); absent, "알림 받기" says not enabled. */
  commands?: BotCommands;
  /** "코스피 뉴스": stored headlines (src/news). */
  news?: NewsReplyDeps;
  /** Portfolio risk utterances (adapters/kakao/risk-utterances.ts); absent, they are read as questions. */
  risk?: RiskCommands;
  /** Per-user question budget, keyed by the Kakao user id (see createIpRateLimiter for the store choice). */
  userLimiter?: RateLimiterAbstract;
  /** Observes a question refused by userLimiter (metrics). */
  onUserLimited?: () => void;
}

/**
 * The strict default: Kakao's callback URLs are https URLs on bot-api.kakao.com. Without it anyone who can reach the
 * skill route could make this server POST to an address of their choice.
 */
export function kakaoCallbackUrlPolicy(url: URL): boolean {
  return url.protocol === 'https:' && (KAKAO_CALLBACK_HOSTS as readonly string[]).includes(url.hostname);
}

/** One question on its way to the engine. */
interface Ask {
  payload: SkillPayload;
  received: number;
  requestId: string;
  userId: string;
  picked: PendingChoice | undefined;
}

/**
 * POST /kakao/skill: the Kakao i Open Builder skill. Every answer is a valid SkillResponse with HTTP 200
 * (Kakao shows nothing useful for a 500), except a wrong shared secret, which gets 401.
 *
 * The 5-second rule: a cached answer (or a refusal) goes inline. Otherwise, with a callback URL, we acknowledge
 * with useCallback at once and POST the final answer once, inside the URL's minute, even when the engine hangs.
 * Without one, we answer inline with what is ready before the budget and keep the rest for "시나리오 더 보기".
 */
export function createKakaoRouter(deps: KakaoRouterDeps): Router {
  const now = deps.now ?? Date.now;
  const guard = deps.callbackGuard ?? createOutboundUrlGuard({ allowedHosts: KAKAO_CALLBACK_HOSTS });
  const fetchImpl: FetchLike = deps.fetch ?? ((url, init) => guard.fetch(url, init));
  const validity = deps.callbackValidityMs ?? 60_000;
  const replies = createQuickReplies({
    ...(deps.availableIndicators ? { availableIndicators: deps.availableIndicators } : {}),
    now,
    logger: deps.logger,
  });
  const clarify = deps.clarify ?? createClarifyReplies();
  const renderer = createAnswerRenderer({
    publicBaseUrl: deps.publicBaseUrl,
    inlineBudgetMs: deps.inlineBudgetMs,
    recent: deps.recent ?? createRecentAnswers(),
    clarify,
    replies,
  });
  const runDeps: AnswerRunDeps = {
    engine: deps.engine,
    logger: deps.logger,
    validityMs: validity,
    chartToken: createChartTokens({ charts: deps.charts, now, logger: deps.logger }),
  };
  const commandDeps = {
    maxChars: deps.maxUtteranceChars ?? 500,
    replies,
    answerMore: renderer.answerMore,
    userLimiter: deps.userLimiter,
    onUserLimited: deps.onUserLimited,
    commands: deps.commands,
    news: deps.news,
    scenarios: deps.scenarios,
    risk: deps.risk,
    charts: deps.charts,
    publicBaseUrl: deps.publicBaseUrl,
    logger: deps.logger,
  };

  /** The callback URL we may use for this request, if any; anything else means "answer inline". */
  async function usableCallbackUrl(payload: SkillPayload, requestId: string): Promise<string | undefined> {
    const raw = payload.userRequest.callbackUrl;
    if (!raw) return undefined;
    // Open Builder's bot test hands out callback tokens that Kakao refuses ("for testing purposes").
    if (payload.userRequest.params?.surface === 'BuilderBotTest') return undefined;
    let checked = await guard.check(raw);
    if (checked.ok && deps.allowCallbackUrl && !deps.allowCallbackUrl(checked.url))
      checked = { ok: false, code: 'host', reason: 'refused by allowCallbackUrl' };
    if (!checked.ok) {
      // The code and reason only: the URL's path carries Kakao's one-use token.
      deps.logger.warn(
        { requestId, code: checked.code, reason: checked.reason },
        'kakao: callback URL refused; answering inline',
      );
      deps.onCallbackRefused?.(checked);
      return undefined;
    }
    return checked.url.href;
  }

  /** With a callback URL: inline when the answer is ready at once (cached, refused, asked back), else useCallback and one POST. */
  async function answerViaCallback(res: Response, ask: Ask, callbackUrl: string): Promise<void> {
    const { postBy, engineDeadline, stopWaitingAt } = callbackDeadlines(ask.received, validity, deps.callbackBudgetMs);
    const run = startAnswerRun(runDeps, {
      payload: ask.payload,
      deadline: engineDeadline,
      requestId: ask.requestId,
      userId: ask.userId,
      picked: ask.picked,
    });
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
    let final: SkillResponse;
    try {
      final = renderer.render(run.collected, run, ask.userId);
    } catch (err) {
      // The acknowledgement is gone already: the callback is the only way left to tell the user anything.
      deps.logger.error({ err, requestId: ask.requestId }, 'kakao: cannot render the callback answer');
      final = replies.message(t('ko', 'kakao.notReady'));
    }
    const result = await deliverCallback(fetchImpl, callbackUrl, final, postBy, now);
    if (result.imageDropped)
      deps.logger.warn(
        { requestId: ask.requestId, delivered: result.delivered },
        'kakao: callback with the chart image refused; sent the text answer without it',
      );
    if (!result.delivered)
      deps.logger.warn(
        { requestId: ask.requestId, status: result.status, attempts: result.attempts, error: result.error },
        'kakao: callback not delivered',
      );
    deps.onCallback?.(result);
  }

  /**
   * No callback: answer inline with what is ready inside the budget. The engine's deadline makes the LLM yield to
   * the deterministic narrator in time; the timer is the safety net. The engine keeps going afterwards, so the rest
   * of the scenario is there for "시나리오 더 보기".
   */
  async function answerInline(res: Response, ask: Ask): Promise<void> {
    const deadline = ask.received + deps.inlineBudgetMs;
    const run = startAnswerRun(runDeps, {
      payload: ask.payload,
      deadline,
      requestId: ask.requestId,
      userId: ask.userId,
      picked: ask.picked,
    });
    await within(run.finished, Math.min(deadline + 300, ask.received + KAKAO_SKILL_TIMEOUT_MS - 500) - now());
    sendJson(res, renderer.render(run.collected, run, ask.userId));
  }

  async function skill(req: Request, res: Response): Promise<void> {
    const received = now();
    const requestId = String(res.locals.requestId ?? '');
    const parsed = skillPayloadSchema.safeParse(req.body);
    if (replies.needsRefresh()) await within(replies.refresh(), 200);
    if (!parsed.success) {
      const userMissing = parsed.error.issues.some((i) => i.path.includes('user'));
      deps.logger.debug({ requestId, issues: parsed.error.issues.length }, 'kakao: invalid skill payload');
      return sendJson(
        res,
        replies.message(
          userMissing ? t('ko', 'kakao.userMissing') : t('ko', 'kakao.notUnderstood', { example: EXAMPLE }),
        ),
      );
    }
    const payload = parsed.data;
    const utterance = payload.userRequest.utterance.trim();
    const userId = `kakao:${payload.userRequest.user.id}`;
    const early = await answerBeforeEngine(commandDeps, {
      utterance,
      userId,
      kakaoUserId: payload.userRequest.user.id,
      requestId,
    });
    if (early) return sendJson(res, early);
    // A pressed clarify quick reply: the original question with the chosen indicator.
    const ask: Ask = { payload, received, requestId, userId, picked: clarify.take(userId, utterance) };
    const callbackUrl = await usableCallbackUrl(payload, requestId);
    await (callbackUrl ? answerViaCallback(res, ask, callbackUrl) : answerInline(res, ask));
  }

  const router = express.Router();
  router.use(skillSecretCheck(deps.skillSecret, deps.skillSecretHeader));
  // Kakao sends JSON (sometimes with an unusual content type); read every body as JSON, at most 64 KB.
  router.use(express.json({ limit: '64kb', type: () => true, strict: false }));
  router.post('/skill', skill);
  const onError: ErrorRequestHandler = (err, _req, res, _next) => {
    // Malformed JSON, oversized bodies: still a valid SkillResponse, never a 500 to Kakao.
    const type = (err as { type?: string }).type;
    deps.logger.debug({ type }, 'kakao: unreadable request body');
    if (res.headersSent) return;
    sendJson(res, replies.message(t('ko', type === 'entity.too.large' ? 'kakao.tooLarge' : 'kakao.unreadable')));
  };
  router.use(onError);
  return router;
}
