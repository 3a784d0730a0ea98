import { timingSafeEqual } from 'node:crypto';
import express, { type ErrorRequestHandler, type Router } from 'express';
import type { ChartStore } from '../../src/chart/chart-store.js';
import { getIndicator } from '../../src/data/catalog.js';
import type { AnswerEvent, Engine, ForecastEvent } from '../../src/engine/answer-types.js';
import { findHorizonMonths, findIndicator } from '../../src/engine/parse-question.js';
import type { Logger } from '../../src/logger.js';
import { postCallback, type CallbackResult, type FetchLike } from './callback-client.js';
import { createRecentAnswers, type RecentAnswers } from './recent-answers.js';
import { actionParam, skillPayloadSchema, type SkillPayload } from './skill-payload.js';
import { callbackAck, quickReply, simpleImage, simpleText, skillResponse, type Output, type QuickReply, type SkillResponse } from './skill-response.js';
import { splitText } from './split-text.js';

export interface KakaoRouterDeps {
  engine: Engine;
  charts: ChartStore;
  /** Public https base that Kakao fetches chart images from; without it answers carry no image. */
  publicBaseUrl: string | undefined;
  /** Our budget for an inline answer, well inside Kakao's 5 s. */
  inlineBudgetMs: number;
  /** With a callback URL, how long to wait for a (cached) answer before acknowledging with useCallback. */
  callbackWaitMs?: number;
  /** Time for the whole callback answer; Kakao's URL lives 60 s. */
  callbackBudgetMs?: number;
  skillSecret?: string | undefined;
  skillSecretHeader: string;
  maxUtteranceChars?: number;
  logger: Logger;
  fetch?: FetchLike;
  recent?: RecentAnswers;
  now?: () => number;
  /** Observes callback deliveries (tests, metrics). */
  onCallback?: (result: CallbackResult) => void;
}

const MORE = '시나리오 더 보기';
const ALERTS = '알림 받기';

interface Collected {
  forecast?: ForecastEvent;
  chartToken?: string;
  summary?: string;
  scenario: string;
  error?: Extract<AnswerEvent, { type: 'error' }>;
  cached: boolean;
  done: boolean;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function suggestions(indicatorId?: string, horizon?: number): QuickReply[] {
  const replies: QuickReply[] = [];
  const indicator = indicatorId ? getIndicator(indicatorId) : undefined;
  if (indicator) {
    for (const h of [3, 6, 12]) if (h !== horizon) replies.push(quickReply(`${h}개월 전망`, `${indicator.nameKo} ${h}개월 전망`));
  }
  for (const other of ['kospi', 'usdkrw', 'kr_base_rate', 'sp500', 'gold']) {
    if (other !== indicatorId) replies.push(quickReply(getIndicator(other)!.nameKo, `${getIndicator(other)!.nameKo} ${horizon ?? 6}개월 전망`));
  }
  replies.push(quickReply(ALERTS));
  return replies;
}

/**
 * POST /kakao/skill: the Kakao i Open Builder skill. Every answer is a valid SkillResponse with HTTP 200
 * (Kakao shows nothing useful for a 500), except a wrong shared secret, which gets 401.
 */
export function createKakaoRouter(deps: KakaoRouterDeps): Router {
  const now = deps.now ?? Date.now;
  const recent = deps.recent ?? createRecentAnswers();
  const fetchImpl: FetchLike = deps.fetch ?? ((url, init) => fetch(url, init));
  const maxChars = deps.maxUtteranceChars ?? 500;
  const router = express.Router();

  router.use((req, res, next) => {
    if (!deps.skillSecret) return next();
    const got = req.header(deps.skillSecretHeader);
    if (typeof got === 'string' && safeEqual(got, deps.skillSecret)) return next();
    res.status(401).json({ error: { code: 'UNAUTHORIZED', message: 'Missing or wrong skill secret header.' } });
  });
  router.use(express.json({ limit: '64kb', type: () => true }));

  function render(c: Collected, userId: string): SkillResponse {
    if (c.error || !c.forecast) {
      const message = c.error?.message ?? '답변을 준비하지 못했어요. 잠시 후 다시 물어봐 주세요.';
      return skillResponse([simpleText(message)], suggestions());
    }
    const f = c.forecast;
    const outputs: Output[] = [];
    if (c.chartToken && deps.publicBaseUrl) {
      outputs.push(simpleImage(`${deps.publicBaseUrl}/charts/${c.chartToken}.png`, `${f.indicator.nameKo} ${f.horizonMonths}개월 전망 차트`));
    }
    if (c.summary) outputs.push(simpleText(c.summary));
    const pages = splitText(c.scenario, 1000);
    const first = pages.shift();
    if (first) outputs.push(simpleText(first));
    const replies = suggestions(f.indicator.id, f.horizonMonths);
    if (pages.length > 0 || !c.done) replies.unshift(quickReply(MORE));
    recent.set(userId, { indicatorId: f.indicator.id, horizonMonths: f.horizonMonths, pages });
    if (outputs.length === 0) outputs.push(simpleText('답변을 준비하고 있어요.'));
    return skillResponse(outputs, replies);
  }

  /** Runs the engine in the background; `collected` fills as events arrive. */
  function start(payload: SkillPayload, deadline: number, requestId: string) {
    const collected: Collected = { scenario: '', cached: false, done: false };
    const utterance = payload.userRequest.utterance.trim();
    const indicatorText = actionParam(payload, 'indicator', '지표', 'sys_indicator');
    const horizonText = actionParam(payload, 'months', 'horizon', '기간', 'sys_date_period');
    const indicator = indicatorText ? (getIndicator(indicatorText) ?? findIndicator(indicatorText)) : undefined;
    const horizon = horizonText ? (Number.isInteger(Number(horizonText)) ? Number(horizonText) : findHorizonMonths(horizonText)) : undefined;
    let resolveDone!: () => void;
    const finished = new Promise<void>((r) => (resolveDone = r));
    const userId = `kakao:${payload.userRequest.user.id}`;
    void (async () => {
      try {
        for await (const event of deps.engine.answer(
          {
            platform: 'kakao',
            userId,
            question: utterance,
            locale: 'ko',
            requestId,
            ...(indicator ? { indicatorId: indicator.id } : {}),
            ...(horizon ? { horizonMonths: horizon } : {}),
          },
          { deadline },
        )) {
          if (event.type === 'forecast') collected.forecast = event;
          else if (event.type === 'chart') collected.chartToken = (await deps.charts.put(event.png).catch(() => undefined))?.token;
          else if (event.type === 'summary') collected.summary = event.text;
          else if (event.type === 'scenario-delta') collected.scenario += event.text;
          else if (event.type === 'error') collected.error = event;
          else if (event.type === 'done') collected.cached = event.cached;
        }
      } catch (err) {
        deps.logger.error({ err, requestId }, 'kakao: engine stream failed');
      } finally {
        collected.done = true;
        resolveDone();
      }
    })();
    return { collected, finished, userId };
  }

  const within = (p: Promise<void>, ms: number) => Promise.race([p, new Promise<void>((r) => setTimeout(r, Math.max(0, ms)).unref?.())]);

  router.post('/skill', async (req, res) => {
    const received = now();
    const requestId = String(res.locals.requestId ?? '');
    const parsed = skillPayloadSchema.safeParse(req.body);
    if (!parsed.success) {
      const userMissing = parsed.error.issues.some((i) => i.path.includes('user'));
      deps.logger.info({ requestId, issues: parsed.error.issues.length }, 'kakao: invalid skill payload');
      res.json(skillResponse([simpleText(userMissing ? '사용자 정보를 확인할 수 없어요. 카카오톡 채널에서 다시 물어봐 주세요.' : '요청을 이해하지 못했어요. 예: "앞으로 6개월 코스피 어때?"')], suggestions()));
      return;
    }
    const payload = parsed.data;
    const utterance = payload.userRequest.utterance.trim();
    const userId = `kakao:${payload.userRequest.user.id}`;

    if (Array.from(utterance).length > maxChars) {
      res.json(skillResponse([simpleText(`질문이 너무 길어요 (${Array.from(utterance).length}자). ${maxChars}자 이내로 물어봐 주세요.`)], suggestions()));
      return;
    }
    if (!utterance) {
      res.json(skillResponse([simpleText('무엇이 궁금하신가요? 예: "앞으로 6개월 코스피 어때?"')], suggestions()));
      return;
    }
    if (utterance === MORE) {
      const next = recent.next(userId);
      if (!next) {
        res.json(skillResponse([simpleText('더 보여 드릴 내용이 없어요. 새로 질문해 주세요.')], suggestions()));
        return;
      }
      const replies = suggestions(next.answer.indicatorId, next.answer.horizonMonths);
      if (next.remaining > 0) replies.unshift(quickReply(MORE));
      res.json(skillResponse([simpleText(next.page)], replies));
      return;
    }
    if (utterance === ALERTS) {
      res.json(
        skillResponse(
          [simpleText('알림 기능은 아직 이 서버에서 켜져 있지 않아요. 준비되면 지표 급변과 예측구간 이탈을 카카오톡으로 알려 드릴게요.')],
          suggestions(),
        ),
      );
      return;
    }

    const callbackUrl = payload.userRequest.callbackUrl;
    if (callbackUrl) {
      const deadline = received + (deps.callbackBudgetMs ?? 50_000);
      const run = start(payload, deadline, requestId);
      await within(run.finished, deps.callbackWaitMs ?? 300);
      // Cached answers and refusals go inline; anything generated goes through the callback, as Kakao expects.
      if (run.collected.done && (run.collected.cached || run.collected.error)) {
        res.json(render(run.collected, userId));
        return;
      }
      res.json(callbackAck('차트와 전망을 계산하고 있어요. 잠시만 기다려 주세요! (보통 10초 이내)'));
      await run.finished;
      const result = await postCallback(fetchImpl, callbackUrl, render(run.collected, userId), received + 59_000, now);
      if (!result.delivered) deps.logger.warn({ requestId, status: result.status, attempts: result.attempts, error: result.error }, 'kakao: callback not delivered');
      deps.onCallback?.(result);
      return;
    }

    // No callback: answer inline with what is ready inside the budget. The engine's deadline makes the LLM yield
    // to the deterministic narrator in time; the timer is only a safety net.
    const deadline = received + deps.inlineBudgetMs;
    const run = start(payload, deadline, requestId);
    await within(run.finished, deadline + 300 - now());
    res.json(render(run.collected, userId));
    if (!run.collected.done) {
      // the rest of the scenario stays reachable through "시나리오 더 보기" once the engine finishes
      void run.finished.then(() => {
        const pages = splitText(run.collected.scenario, 1000);
        const f = run.collected.forecast;
        if (f) recent.set(userId, { indicatorId: f.indicator.id, horizonMonths: f.horizonMonths, pages: pages.slice(1) });
      });
    }
  });

  const onError: ErrorRequestHandler = (err, _req, res, _next) => {
    // Malformed JSON, oversized bodies: still a valid SkillResponse, never a 500 to Kakao.
    const tooLarge = (err as { type?: string }).type === 'entity.too.large';
    deps.logger.info({ type: (err as { type?: string }).type }, 'kakao: unreadable request body');
    res.status(200).json(skillResponse([simpleText(tooLarge ? '요청이 너무 커요. 짧게 다시 물어봐 주세요.' : '요청을 읽지 못했어요. 다시 물어봐 주세요.')], suggestions()));
  };
  router.use(onError);
  return router;
}

