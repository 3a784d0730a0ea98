import express, { type ErrorRequestHandler, type Request, type Response, type Router } from 'express';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { ChartStore } from '../../src/chart/chart-store.js';
import type { Engine } from '../../src/engine/answer-types.js';
import type { Logger } from '../../src/logger.js';
import { t } from '../../src/messages/t.js';
import {
  createOutboundUrlGuard,
  KAKAO_CALLBACK_HOSTS,
  type OutboundUrlGuard,
  type Refusal,
} from '../../src/net/outbound-url-guard.js';
import type { NewsReplyDeps } from '../../src/news/news-reply.js';
import type { RiskCommands } from '../../src/risk/risk-commands.js';
import type { ScenarioChat } from '../../src/scenario/scenario-chat.js';
import type { BotCommands } from '../../src/sim/bot-commands.js';
import { createAnswerDelivery, type Ask } from './answer-delivery.js';
import { createAnswerRenderer } from './answer-render.js';
import type { CallbackResult, FetchLike } from './callback-client.js';
import { createCallbackUrlCheck } from './callback-url.js';
import { createChartTokens } from './chart-tokens.js';
import { createClarifyReplies, type ClarifyReplies } from './clarify-replies.js';
import { createQuickReplies, EXAMPLE, type QuickReplies } from './quick-replies.js';
import { createRecentAnswers, type RecentAnswers } from './recent-answers.js';
import { answerBeforeEngine, type SkillCommandDeps } from './skill-commands.js';
import { sendJson, skillSecretCheck, within } from './skill-http.js';
import { skillPayloadSchema } from './skill-payload.js';

export { kakaoCallbackUrlPolicy } from './callback-url.js';

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
  const validityMs = deps.callbackValidityMs ?? 60_000;
  const delivery = createAnswerDelivery({
    run: {
      engine: deps.engine,
      logger: deps.logger,
      validityMs,
      chartToken: createChartTokens({ charts: deps.charts, now, logger: deps.logger }),
    },
    renderer,
    replies,
    fetch: deps.fetch ?? ((url, init) => guard.fetch(url, init)),
    now,
    logger: deps.logger,
    validityMs,
    inlineBudgetMs: deps.inlineBudgetMs,
    callbackWaitMs: deps.callbackWaitMs,
    callbackBudgetMs: deps.callbackBudgetMs,
    onReply: deps.onReply,
    onCallback: deps.onCallback,
  });
  const skill = createSkillHandler({
    now,
    replies,
    clarify,
    delivery,
    usableCallbackUrl: createCallbackUrlCheck({
      guard,
      allowCallbackUrl: deps.allowCallbackUrl,
      onCallbackRefused: deps.onCallbackRefused,
      logger: deps.logger,
    }),
    commands: commandDepsOf(deps, replies, renderer.answerMore),
    logger: deps.logger,
  });

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

/** What the utterances answered before the engine (commands, paging, limits) need. */
function commandDepsOf(
  deps: KakaoRouterDeps,
  replies: QuickReplies,
  answerMore: SkillCommandDeps['answerMore'],
): SkillCommandDeps {
  return {
    maxChars: deps.maxUtteranceChars ?? 500,
    replies,
    answerMore,
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
}

/** The skill's request handler: read the payload, answer commands at once, else hand the question to the engine. */
function createSkillHandler(deps: {
  now: () => number;
  replies: QuickReplies;
  clarify: ClarifyReplies;
  delivery: ReturnType<typeof createAnswerDelivery>;
  usableCallbackUrl: ReturnType<typeof createCallbackUrlCheck>;
  commands: SkillCommandDeps;
  logger: Logger;
}) {
  const { replies } = deps;
  return async function skill(req: Request, res: Response): Promise<void> {
    const received = deps.now();
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
    const early = await answerBeforeEngine(deps.commands, {
      utterance,
      userId,
      kakaoUserId: payload.userRequest.user.id,
      requestId,
    });
    if (early) return sendJson(res, early);
    // A pressed clarify quick reply: the original question with the chosen indicator.
    const ask: Ask = { payload, received, requestId, userId, picked: deps.clarify.take(userId, utterance) };
    const callbackUrl = await deps.usableCallbackUrl(payload, requestId);
    await (callbackUrl ? deps.delivery.viaCallback(res, ask, callbackUrl) : deps.delivery.inline(res, ask));
  };
}
