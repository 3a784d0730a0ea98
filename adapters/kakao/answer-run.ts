import { getIndicator } from '../../src/data/catalog.js';
import type { AnswerEvent, ChartEvent, Engine, ForecastEvent } from '../../src/engine/answer-types.js';
import { findHorizonMonths, findIndicator } from '../../src/engine/parse-question.js';
import type { Logger } from '../../src/logger.js';
import type { PendingChoice } from './clarify-replies.js';
import { actionParam, type SkillPayload } from './skill-payload.js';
import { completeSentencesEnd } from './split-text.js';
import { relatedNewsText } from '../../src/news/related-news.js';

/** What the engine has sent so far for one question. */
export interface Collected {
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

export interface Run {
  collected: Collected;
  finished: Promise<void>;
  stop(reason: string): void;
}

export interface AnswerRunDeps {
  engine: Engine;
  logger: Logger;
  /** Nothing we answer on Kakao is worth more than a callback URL's lifetime. */
  validityMs: number;
  chartToken(event: ChartEvent, requestId: string): Promise<string | undefined>;
}

/**
 * The deadlines of the callback path, from the request's arrival: Kakao's URL lives `validityMs` from (about) then,
 * so the POST must leave with a margin for the network, and the engine must stop a little before that.
 */
export function callbackDeadlines(receivedAt: number, validityMs: number, callbackBudgetMs: number | undefined) {
  const postBy = receivedAt + validityMs - Math.min(1_000, validityMs / 20);
  const engineDeadline = Math.min(
    receivedAt + (callbackBudgetMs ?? validityMs - 10_000),
    postBy - Math.min(2_000, validityMs / 10),
  );
  // The engine honours its deadline; half-way to postBy is the safety net for one that does not (a stuck provider).
  const stopWaitingAt = engineDeadline + (postBy - engineDeadline) / 2;
  return { postBy, engineDeadline, stopWaitingAt };
}

/** The indicator and horizon the skill's action parameters (or a pressed clarify choice) fix, if any. */
function requestedTarget(payload: SkillPayload, picked: PendingChoice | undefined) {
  if (picked) return { indicator: getIndicator(picked.indicatorId), horizon: picked.horizonMonths };
  const indicatorText = actionParam(payload, 'indicator', '지표', 'sys_indicator');
  const horizonText = actionParam(payload, 'months', 'horizon', '기간', 'sys_date_period');
  return {
    indicator: indicatorText ? (getIndicator(indicatorText) ?? findIndicator(indicatorText)) : undefined,
    horizon: horizonText
      ? /^\d+$/u.test(horizonText)
        ? Number(horizonText)
        : findHorizonMonths(horizonText)
      : undefined,
  };
}

function collect(
  collected: Collected,
  event: AnswerEvent,
  chartToken: AnswerRunDeps['chartToken'],
  requestId: string,
): Promise<void> | void {
  if (event.type === 'forecast') collected.forecast = event;
  else if (event.type === 'chart')
    return chartToken(event, requestId).then((token) => void (collected.chartToken = token));
  else if (event.type === 'summary') collected.summary = event.text;
  else if (event.type === 'scenario-delta') collected.scenario += event.text;
  else if (event.type === 'error') collected.error = event;
  else if (event.type === 'clarify') collected.clarify = event;
  else if (event.type === 'done') {
    collected.cached = event.cached;
    if (event.relatedNews) collected.scenario += relatedNewsText(event.relatedNews, 'ko');
  }
}

/** Runs the engine in the background; `collected` fills as events arrive, `stop` aborts it and keeps whole sentences. */
export function startAnswerRun(
  deps: AnswerRunDeps,
  args: {
    payload: SkillPayload;
    deadline: number;
    requestId: string;
    userId: string;
    picked?: PendingChoice | undefined;
  },
): Run {
  const { payload, deadline, requestId, userId, picked } = args;
  const utterance = picked?.question ?? payload.userRequest.utterance.trim();
  const collected: Collected = { scenario: '', cached: false, done: false, stopped: false, question: utterance };
  const controller = new AbortController();
  const { indicator, horizon } = requestedTarget(payload, picked);
  const stop = (reason: string) => {
    if (collected.done || collected.stopped) return;
    collected.stopped = true;
    // Whatever is cut mid-sentence is not shown.
    collected.scenario = collected.scenario.slice(0, completeSentencesEnd(collected.scenario));
    controller.abort(reason);
    deps.logger.warn({ requestId, reason }, 'kakao: stopped waiting for the engine');
  };
  const hardStop = setTimeout(() => stop('answer outlived the callback validity'), deps.validityMs);
  hardStop.unref?.();
  const finished = (async () => {
    try {
      const request = {
        platform: 'kakao' as const,
        userId,
        question: utterance,
        locale: 'ko' as const,
        requestId,
        ...(indicator ? { indicatorId: indicator.id } : {}),
        ...(horizon ? { horizonMonths: horizon } : {}),
      };
      for await (const event of deps.engine.answer(request, { deadline, signal: controller.signal })) {
        if (collected.stopped) break;
        const pending = collect(collected, event, deps.chartToken, requestId);
        if (pending) await pending;
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
