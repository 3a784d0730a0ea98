import { z } from 'zod';
import type { Indicator } from '../data/catalog.js';
import type { Series } from '../data/series.js';
import type { StockDirectory } from '../data/stocks/stock-directory.js';
import { RiskXpertError } from '../errors.js';
import { detectLocale, LOCALES, type Locale } from '../locale.js';
import { t } from '../messages/t.js';
import type { AnswerRequest } from './answer-types.js';
import { PLATFORMS } from './answer-types.js';
import { checkHorizon } from './parse-question.js';
import { questionOverLimit } from './question-length.js';
import type { AnswerPlanner } from './answer-planner.js';
import { horizonAndAssumptions, type AnswerPlan } from './question/plan-answer.js';
import type { QuestionCondition } from './question/read-condition.js';
import type { QuestionThreshold } from './question/read-threshold.js';
import type { Understanding } from './question/understand-question.js';
import { unknownIndicatorMessage } from './user-messages.js';

const requestSchema = z.object({
  platform: z.enum(PLATFORMS),
  userId: z.string().min(1).max(200),
  question: z.string(),
  indicatorId: z.string().min(1).max(64).optional(),
  horizonMonths: z.number().int().optional(),
  locale: z.enum(LOCALES).optional(),
  requestId: z.string().max(200).optional(),
});

export interface Resolved {
  request: AnswerRequest;
  locale: Locale;
  indicator: Indicator;
  horizonMonths: number;
  /** What was assumed to read the question (a default horizon, a calendar month counted from the data): said first. */
  assumptions: string[];
  /** A what-if question's supposed move of another indicator ("환율이 10% 오르면 코스피는?"). */
  condition?: QuestionCondition;
  /** "환율 1500 넘을까?": the level whose chance at the horizon the answer states. */
  threshold?: QuestionThreshold;
}

/** Resolved up to the horizon, which may need the data's last date. */
export type Planned = Omit<Resolved, 'horizonMonths' | 'assumptions' | 'condition' | 'threshold'> & {
  plan: Extract<AnswerPlan, { kind: 'answer' }>;
};

export type Clarification = { clarify: Understanding; locale: Locale; months?: number };

/** Step 1: validates the request, applies the length rule and reads the question (or decides to ask back). */
export function resolveRequest(
  raw: AnswerRequest,
  deps: {
    maxQuestionChars: number;
    defaultLocale?: Locale | undefined;
    now: () => number;
    plan: AnswerPlanner;
    stocks?: StockDirectory;
  },
): Planned | Clarification {
  const parsed = requestSchema.safeParse(raw);
  if (!parsed.success) {
    throw new RiskXpertError('BAD_REQUEST', `Invalid answer request: ${z.prettifyError(parsed.error)}`);
  }
  const request = parsed.data as AnswerRequest;
  const question = request.question.trim();
  const locale = detectLocale(question, request.locale, deps.defaultLocale ?? 'ko');
  const over = questionOverLimit(question, deps.maxQuestionChars);
  if (over) throw new RiskXpertError('QUESTION_TOO_LONG', t(locale, 'engine.questionTooLong', over));
  const plan = deps.plan(question, request.indicatorId, deps.now(), deps.stocks);
  if (plan.kind === 'unknown-id') {
    throw new RiskXpertError('UNKNOWN_INDICATOR', unknownIndicatorMessage(locale), {
      details: { indicatorId: request.indicatorId },
    });
  }
  if (plan.kind === 'clarify')
    return {
      clarify: plan.understanding,
      locale,
      ...(request.horizonMonths !== undefined ? { months: checkHorizon(request.horizonMonths, locale) } : {}),
    };
  if (request.horizonMonths !== undefined) checkHorizon(request.horizonMonths, locale);
  return { request: { ...request, question }, locale, indicator: plan.indicator, plan };
}

/** Step 3 (after the series is loaded): the horizon, which may be counted from the data's last date. */
export function finishPlan(p: Planned, loaded: Series): Resolved {
  const { months, assumptions } = horizonAndAssumptions(p.plan, p.request.horizonMonths, loaded, p.locale);
  return {
    request: p.request,
    locale: p.locale,
    indicator: p.indicator,
    horizonMonths: months,
    assumptions,
    ...(p.plan.condition ? { condition: p.plan.condition } : {}),
    ...(p.plan.threshold ? { threshold: p.plan.threshold } : {}),
  };
}
