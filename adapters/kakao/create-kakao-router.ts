import { timingSafeEqual } from 'node:crypto';
import express, { type ErrorRequestHandler, type Response, type Router } from 'express';
import { LRUCache } from 'lru-cache';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { retryAfterSeconds } from '../http/index.js';
import type { ChartStore } from '../../src/chart/chart-store.js';
import { CATALOG, getIndicator } from '../../src/data/catalog.js';
import type { AnswerEvent, ChartEvent, Engine, ForecastEvent } from '../../src/engine/answer-types.js';
import { findHorizonMonths, findIndicator } from '../../src/engine/parse-question.js';
import type { Logger } from '../../src/logger.js';
import { t } from '../../src/messages/t.js';
import type { CallbackResult, FetchLike } from './callback-client.js';
import { deliverCallback } from './deliver-callback.js';
import { createRecentAnswers, takePage, type RecentAnswer, type RecentAnswers } from './recent-answers.js';
import { actionParam, skillPayloadSchema, type SkillPayload } from './skill-payload.js';
import { callbackAck, quickReply, simpleImage, simpleText, skillResponse, type Output, type QuickReply, type SkillResponse } from './skill-response.js';
import { completeSentencesEnd } from './split-text.js';
import type { BotCommands } from '../../src/sim/bot-commands.js';
import { parseSimUtterance, runKakaoSim } from './sim-utterances.js';
import { createOutboundUrlGuard, KAKAO_CALLBACK_HOSTS, type OutboundUrlGuard, type Refusal } from '../../src/net/outbound-url-guard.js';
import { questionOverLimit } from '../../src/engine/question-length.js';
import { createClarifyReplies, type ClarifyReplies, type PendingChoice } from './clarify-replies.js';

export interface KakaoRouterDeps {
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

const MORE = t('ko', 'kakao.more');
const ALERTS = t('ko', 'kakao.alerts');
const EXAMPLE = t('ko', 'kakao.example');
const KAKAO_SKILL_TIMEOUT_MS = 5_000;

interface Collected {
  forecast?: ForecastEvent;
  chartToken?: string;
  summary?: string;
  scenario: string;
  error?: Extract<AnswerEvent, { type: 'error' }>;
  clarify?: Extract<AnswerEvent, { type: 'clarify' }>;
  /** The question as the engine read it (what a clarify choice completes). */
  question: string;
  cached: boolean;
  done: boolean;
  /** We stopped waiting (deadline) and aborted the engine: what is here is all there will be. */
  stopped: boolean;
}

interface Run {
  collected: Collected;
  finished: Promise<void>;
  stop(reason: string): void;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  // Compare equal-length buffers either way, so the time taken does not tell the secret's length.
  return timingSafeEqual(x.length === y.length ? x : y, y) && x.length === y.length;
}

/** Waits for `p`, but no longer than `ms`; the timer is cleared either way (thousands of requests a second). */
function within(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((r) => {
    timer = setTimeout(r, Math.max(0, ms));
  });
  return Promise.race([p.then(() => undefined), timeout]).finally(() => clearTimeout(timer));
}

/**
 * Writes a JSON answer. Not res.json: that hashes every body for an ETag, which no POST answer needs and which
 * is a measurable share of a cached answer's cost.
 */
function sendJson(res: Response, body: unknown, status = 200): void {
  const json = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(json));
  res.end(json);
}

/** Indicators offered as quick replies first (the most asked), then the rest of the catalog. */
const PREFERRED = ['kospi', 'usdkrw', 'kr_base_rate', 'sp500', 'gold'];

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
  const recent = deps.recent ?? createRecentAnswers();
  const guard = deps.callbackGuard ?? createOutboundUrlGuard({ allowedHosts: KAKAO_CALLBACK_HOSTS });
  const fetchImpl: FetchLike = deps.fetch ?? ((url, init) => guard.fetch(url, init));
  const clarify = deps.clarify ?? createClarifyReplies();
  const maxChars = deps.maxUtteranceChars ?? 500;
  const validity = deps.callbackValidityMs ?? 60_000;
  const router = express.Router();

  let available: { ids: Set<string>; at: number } | undefined;
  let refreshing: Promise<void> | undefined;
  function refreshAvailable(): Promise<void> {
    if (!deps.availableIndicators || (available && now() - available.at < 60_000)) return Promise.resolve();
    refreshing ??= deps
      .availableIndicators()
      .then((ids) => void (available = { ids: new Set(ids), at: now() }))
      .catch((err: unknown) => deps.logger.warn({ err }, 'kakao: cannot list available indicators'))
      .finally(() => (refreshing = undefined));
    return refreshing;
  }

  const rank = (id: string) => (PREFERRED.includes(id) ? PREFERRED.indexOf(id) : PREFERRED.length);
  const ordered = [...CATALOG].sort((a, b) => rank(a.id) - rank(b.id));

  // One chart URL per chart content while it has most of its life left: a cached answer then costs no chart
  // store write (a Redis round trip in production), and a busy server does not push fresh charts out of the
  // store with thousands of copies of the same one.
  const chartTokens = new LRUCache<string, { token: string; expiresAt: number; ttlMs: number }>({ max: 1_000 });
  async function chartToken(event: ChartEvent): Promise<string | undefined> {
    const hit = chartTokens.get(event.hash);
    // Reused only while this process can still serve it (the cache Redis may have restarted empty since).
    if (hit && hit.expiresAt - now() > hit.ttlMs / 2 && (deps.charts.holds?.(hit.token) ?? true)) return hit.token;
    try {
      const put = await deps.charts.put(event.png);
      chartTokens.set(event.hash, { ...put, ttlMs: put.expiresAt - now() });
      return put.token;
    } catch (err) {
      deps.logger.warn({ err }, 'kakao: cannot store chart; answering without the image');
      return undefined;
    }
  }

  function suggestions(indicatorId?: string, horizon?: number): QuickReply[] {
    const replies: QuickReply[] = [];
    const indicator = indicatorId ? getIndicator(indicatorId) : undefined;
    if (indicator) {
      for (const h of [3, 6, 12]) if (h !== horizon) replies.push(quickReply(t('ko', 'kakao.horizonReply', { months: h }), t('ko', 'kakao.outlook', { name: indicator.nameKo, months: h })));
    }
    const others = ordered.filter((i) => i.id !== indicatorId && (!available || available.ids.has(i.id))).slice(0, 4);
    for (const other of others) replies.push(quickReply(other.nameKo, t('ko', 'kakao.outlook', { name: other.nameKo, months: horizon ?? 6 })));
    replies.push(quickReply(ALERTS));
    return replies;
  }

  const message = (text: string, indicatorId?: string, horizon?: number) => skillResponse([simpleText(text)], suggestions(indicatorId, horizon));

  router.use((req, res, next) => {
    if (!deps.skillSecret) return next();
    const got = req.header(deps.skillSecretHeader);
    if (typeof got === 'string' && safeEqual(got, deps.skillSecret)) return next();
    sendJson(res, { error: { code: 'UNAUTHORIZED', message: 'Missing or wrong skill secret header.' } }, 401);
  });
  // Kakao sends JSON (sometimes with an unusual content type); read every body as JSON, at most 64 KB.
  router.use(express.json({ limit: '64kb', type: () => true, strict: false }));

  /** Renders what has been collected, and keeps what was not shown for "시나리오 더 보기". */
  function render(c: Collected, run: Run, userId: string): SkillResponse {
    if (c.error) return message(c.error.message);
    if (c.clarify) return clarify.render(userId, c.question, c.clarify);
    const f = c.forecast;
    if (!f) {
      return message(t('ko', c.done && !c.stopped ? 'kakao.notReady' : 'kakao.notInTime'));
    }
    const outputs: Output[] = [];
    if (c.chartToken && deps.publicBaseUrl) {
      outputs.push(simpleImage(`${deps.publicBaseUrl}/charts/${c.chartToken}.png`, t('ko', 'kakao.chartAlt', { name: f.indicator.nameKo, months: f.horizonMonths })));
    }
    const complete = () => c.done || c.stopped;
    const summaryShown = c.summary !== undefined;
    const entry: RecentAnswer = {
      indicatorId: f.indicator.id,
      horizonMonths: f.horizonMonths,
      // Only appended to while the engine streams; with the summary not shown yet, it leads the pages.
      source: { text: summaryShown ? () => c.scenario : () => (c.summary === undefined ? '' : `${c.summary}\n\n${c.scenario}`), complete, settled: run.finished },
      shown: 0,
    };
    if (summaryShown) {
      outputs.push(simpleText(c.summary!));
      const { page } = takePage(entry);
      if (page) outputs.push(simpleText(page));
    } else {
      outputs.push(
        simpleText(complete() ? t('ko', 'kakao.summaryNotInTime') : t('ko', 'kakao.stillWriting', { more: MORE })),
      );
    }
    const more = !complete() || entry.source.text().slice(entry.shown).trim().length > 0;
    recent.set(userId, entry);
    const replies = suggestions(f.indicator.id, f.horizonMonths);
    if (more) replies.unshift(quickReply(MORE));
    return skillResponse(outputs, replies);
  }

  /** Runs the engine in the background; `collected` fills as events arrive. */
  function start(payload: SkillPayload, deadline: number, requestId: string, userId: string, picked?: PendingChoice): Run {
    const utterance = picked?.question ?? payload.userRequest.utterance.trim();
    const collected: Collected = { scenario: '', cached: false, done: false, stopped: false, question: utterance };
    const controller = new AbortController();
    const indicatorText = actionParam(payload, 'indicator', '지표', 'sys_indicator');
    const horizonText = actionParam(payload, 'months', 'horizon', '기간', 'sys_date_period');
    const indicator = picked ? getIndicator(picked.indicatorId) : indicatorText ? (getIndicator(indicatorText) ?? findIndicator(indicatorText)) : undefined;
    const horizon = picked ? picked.horizonMonths : horizonText ? (/^\d+$/u.test(horizonText) ? Number(horizonText) : findHorizonMonths(horizonText)) : undefined;
    const stop = (reason: string) => {
      if (collected.done || collected.stopped) return;
      collected.stopped = true;
      // Whatever is cut mid-sentence is not shown.
      collected.scenario = collected.scenario.slice(0, completeSentencesEnd(collected.scenario));
      controller.abort(reason);
      deps.logger.warn({ requestId, reason }, 'kakao: stopped waiting for the engine');
    };
    // Nothing we answer on Kakao is worth more than a callback URL's lifetime; never let a stuck answer linger.
    const hardStop = setTimeout(() => stop('answer outlived the callback validity'), validity);
    hardStop.unref?.();
    const finished = (async () => {
      try {
        const stream = deps.engine.answer(
          {
            platform: 'kakao',
            userId,
            question: utterance,
            locale: 'ko',
            requestId,
            ...(indicator ? { indicatorId: indicator.id } : {}),
            ...(horizon ? { horizonMonths: horizon } : {}),
          },
          { deadline, signal: controller.signal },
        );
        for await (const event of stream) {
          if (collected.stopped) break;
          if (event.type === 'forecast') collected.forecast = event;
          else if (event.type === 'chart') collected.chartToken = await chartToken(event);
          else if (event.type === 'summary') collected.summary = event.text;
          else if (event.type === 'scenario-delta') collected.scenario += event.text;
          else if (event.type === 'error') collected.error = event;
          else if (event.type === 'clarify') collected.clarify = event;
          else if (event.type === 'done') collected.cached = event.cached;
        }
      } catch (err) {
        deps.logger.error({ err, requestId }, 'kakao: engine stream failed');
      } finally {
        clearTimeout(hardStop);
        collected.done = true;
      }
    })();
    return { collected, finished, stop };
  }

  /** The callback URL we may use for this request, if any; anything else means "answer inline". */
  async function usableCallbackUrl(payload: SkillPayload, requestId: string): Promise<string | undefined> {
    const raw = payload.userRequest.callbackUrl;
    if (!raw) return undefined;
    // Open Builder's bot test hands out callback tokens that Kakao refuses ("for testing purposes").
    if (payload.userRequest.params?.surface === 'BuilderBotTest') return undefined;
    let checked = await guard.check(raw);
    if (checked.ok && deps.allowCallbackUrl && !deps.allowCallbackUrl(checked.url)) checked = { ok: false, code: 'host', reason: 'refused by allowCallbackUrl' };
    if (!checked.ok) {
      // The code and reason only: the URL's path carries Kakao's one-use token.
      deps.logger.warn({ requestId, code: checked.code, reason: checked.reason }, 'kakao: callback URL refused; answering inline');
      deps.onCallbackRefused?.(checked);
      return undefined;
    }
    return checked.url.href;
  }

  async function answerMore(userId: string): Promise<SkillResponse> {
    const entry = recent.get(userId);
    if (!entry) return message(t('ko', 'kakao.nothingMore'));
    if (!entry.source.complete()) await within(entry.source.settled, Math.min(deps.inlineBudgetMs, KAKAO_SKILL_TIMEOUT_MS - 1_000));
    const { page, more } = takePage(entry);
    const replies = suggestions(entry.indicatorId, entry.horizonMonths);
    if (more) replies.unshift(quickReply(MORE));
    if (page) return skillResponse([simpleText(page)], replies);
    return skillResponse(
      [simpleText(more ? t('ko', 'kakao.scenarioStillWriting', { more: MORE }) : t('ko', 'kakao.nothingMore'))],
      replies,
    );
  }

  /** Seconds to wait when the user is over budget; undefined to go on (also when the limiter cannot decide). */
  async function userBudget(kakaoUserId: string, requestId: string): Promise<number | undefined> {
    if (!deps.userLimiter) return undefined;
    return retryAfterSeconds(deps.userLimiter, kakaoUserId).catch((err: unknown) => {
      deps.logger.warn({ requestId, err: { message: (err as Error)?.message } }, 'kakao: user rate limiter failed; question allowed');
      return undefined;
    });
  }

  router.post('/skill', async (req, res) => {
    const received = now();
    const requestId = String(res.locals.requestId ?? '');
    const parsed = skillPayloadSchema.safeParse(req.body);
    if (deps.availableIndicators && (!available || now() - available.at >= 60_000)) await within(refreshAvailable(), 200);
    if (!parsed.success) {
      const userMissing = parsed.error.issues.some((i) => i.path.includes('user'));
      deps.logger.debug({ requestId, issues: parsed.error.issues.length }, 'kakao: invalid skill payload');
      sendJson(res, message(userMissing ? t('ko', 'kakao.userMissing') : t('ko', 'kakao.notUnderstood', { example: EXAMPLE })));
      return;
    }
    const payload = parsed.data;
    const utterance = payload.userRequest.utterance.trim();
    const userId = `kakao:${payload.userRequest.user.id}`;

    const over = questionOverLimit(utterance, maxChars);
    if (over) {
      sendJson(res, message(t('ko', 'kakao.tooLong', over)));
      return;
    }
    if (!utterance) {
      sendJson(res, message(t('ko', 'kakao.whatToAsk', { example: EXAMPLE })));
      return;
    }
    if (utterance === MORE) {
      sendJson(res, await answerMore(userId));
      return;
    }
    const waitS = await userBudget(payload.userRequest.user.id, requestId);
    if (waitS !== undefined) {
      deps.onUserLimited?.();
      sendJson(res, message(t('ko', 'kakao.tooMany', { seconds: waitS })));
      return;
    }
    const sim = deps.commands ? parseSimUtterance(utterance) : undefined;
    if (deps.commands && sim) {
      sendJson(res, await runKakaoSim(deps.commands, payload.userRequest.user.id, sim, { charts: deps.charts, publicBaseUrl: deps.publicBaseUrl }));
      return;
    }
    if (utterance === ALERTS) {
      // Alerts arrive with the alerts worker; until then say so rather than pretend to subscribe.
      sendJson(res, message(t('ko', 'kakao.alertsOff')));
      return;
    }

    // A pressed clarify quick reply: the original question with the chosen indicator.
    const picked = clarify.take(userId, utterance);
    const callbackUrl = await usableCallbackUrl(payload, requestId);
    if (callbackUrl) {
      // Kakao's URL lives `validity` from (about) now; keep a margin for the network and the POST itself.
      const postBy = received + validity - Math.min(1_000, validity / 20);
      const engineDeadline = Math.min(received + (deps.callbackBudgetMs ?? validity - 10_000), postBy - Math.min(2_000, validity / 10));
      const run = start(payload, engineDeadline, requestId, userId, picked);
      await within(run.finished, deps.callbackWaitMs ?? 300);
      // Cached answers, refusals and questions back go inline; anything generated goes through the callback.
      if (run.collected.done && (run.collected.cached || run.collected.error || run.collected.clarify)) {
        deps.onReply?.({ requestId, mode: 'inline' });
        sendJson(res, render(run.collected, run, userId));
        return;
      }
      deps.onReply?.({ requestId, mode: 'callback' });
      sendJson(res, callbackAck(t('ko', 'kakao.computing')));
      // The engine honours its deadline; this is the safety net for one that does not (a stuck provider).
      await within(run.finished, engineDeadline + (postBy - engineDeadline) / 2 - now());
      if (!run.collected.done) run.stop('callback deadline');
      let final: SkillResponse;
      try {
        final = render(run.collected, run, userId);
      } catch (err) {
        // The acknowledgement is gone already: the callback is the only way left to tell the user anything.
        deps.logger.error({ err, requestId }, 'kakao: cannot render the callback answer');
        final = message(t('ko', 'kakao.notReady'));
      }
      const result = await deliverCallback(fetchImpl, callbackUrl, final, postBy, now);
      if (result.imageDropped) deps.logger.warn({ requestId, delivered: result.delivered }, 'kakao: callback with the chart image refused; sent the text answer without it');
      if (!result.delivered) deps.logger.warn({ requestId, status: result.status, attempts: result.attempts, error: result.error }, 'kakao: callback not delivered');
      deps.onCallback?.(result);
      return;
    }

    // No callback: answer inline with what is ready inside the budget. The engine's deadline makes the LLM yield
    // to the deterministic narrator in time; the timer is the safety net. The engine keeps going afterwards, so
    // the rest of the scenario is there for "시나리오 더 보기".
    const deadline = received + deps.inlineBudgetMs;
    const run = start(payload, deadline, requestId, userId, picked);
    await within(run.finished, Math.min(deadline + 300, received + KAKAO_SKILL_TIMEOUT_MS - 500) - now());
    sendJson(res, render(run.collected, run, userId));
  });

  const onError: ErrorRequestHandler = (err, _req, res, _next) => {
    // Malformed JSON, oversized bodies: still a valid SkillResponse, never a 500 to Kakao.
    const type = (err as { type?: string }).type;
    deps.logger.debug({ type }, 'kakao: unreadable request body');
    if (res.headersSent) return;
    sendJson(res, message(t('ko', type === 'entity.too.large' ? 'kakao.tooLarge' : 'kakao.unreadable')));
  };
  router.use(onError);
  return router;
}
