import type { RequestHandler } from 'express';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { z } from 'zod';
import { retryAfterSeconds } from '../http/index.js';
import type { ChartStore } from '../../src/chart/chart-store.js';
import { CATALOG } from '../../src/data/catalog.js';
import { stockIdSchema } from '../../src/data/stock-instruments.js';
import type { AnswerEvent, Engine, ForecastEvent } from '../../src/engine/answer-types.js';
import { MAX_HORIZON, MIN_HORIZON } from '../../src/engine/parse-question.js';
import { questionLength } from '../../src/engine/question-length.js';
import { toRiskXpertError } from '../../src/errors.js';
import type { Logger } from '../../src/logger.js';
import type { ChartUrls } from './chart-urls.js';
import { openSse } from './sse.js';

const INDICATOR_IDS = CATALOG.map((i) => i.id) as [string, ...string[]];

/** Sends the zod-checked request body a forecast may have; anything else is a 400 before the engine is asked. */
const forecastBody = (maxChars: number) =>
  z.strictObject({
    question: z
      .string()
      .trim()
      .min(1)
      .refine((q) => questionLength(q) <= maxChars, { message: `Too long: at most ${maxChars} characters` }),
    // A stock chosen on a clarify button (stock:<code>) as well as a catalog indicator.
    indicatorId: z.union([z.enum(INDICATOR_IDS), stockIdSchema]).optional(),
    horizonMonths: z.number().int().min(MIN_HORIZON).max(MAX_HORIZON).optional(),
    locale: z.enum(['ko', 'en']).optional(),
  });

function forecastData(f: ForecastEvent) {
  const last = f.history.at(-1);
  const at = (level: number) => f.quantiles[f.levels.findIndex((l) => Math.abs(l - level) < 1e-9)];
  return {
    indicator: f.indicator,
    horizonMonths: f.horizonMonths,
    locale: f.locale,
    lastDate: last?.date ?? null,
    lastValue: last?.value ?? null,
    dates: f.dates,
    median: f.median,
    low: at(0.1)?.slice(0, f.dates.length) ?? null,
    high: at(0.9)?.slice(0, f.dates.length) ?? null,
    method: f.method,
    dataSource: f.dataSource,
    sampleData: f.sampleData,
    ...(f.assumptions ? { assumptions: f.assumptions } : {}),
    ...(f.trackRecordLine ? { trackRecordLine: f.trackRecordLine } : {}),
    // A monthly series is dated by its month ("2024년 9월"), not by the 1st its rows carry.
    frequency: f.facts.frequency,
    dataAsOf: f.dataAsOf ?? last?.date ?? null,
    staleData: f.staleData ?? null,
  };
}

export interface ForecastRouteDeps {
  engine: Engine;
  charts: ChartStore;
  chartUrls: ChartUrls;
  limiter: RateLimiterAbstract;
  logger: Logger;
  maxQuestionChars: number;
  deadlineMs: number;
  forecastsPerMinute: number;
  heartbeatMs?: number | undefined;
}

/** Each engine event as its Server-Sent Event; a chart becomes a URL (reused while it has half its life left). */
function eventSender(
  deps: Pick<ForecastRouteDeps, 'charts' | 'chartUrls' | 'logger'>,
  sse: ReturnType<typeof openSse>,
  requestId: string,
) {
  const { chartUrls } = deps;
  return async function sendEvent(event: AnswerEvent): Promise<void> {
    switch (event.type) {
      case 'forecast':
        return sse.send('forecast', forecastData(event));
      case 'chart': {
        let url = chartUrls.live(event.hash, 0.5);
        if (!url) {
          try {
            const { token, expiresAt } = await deps.charts.put(event.png);
            url = `/charts/${token}.png`;
            chartUrls.remember(event.hash, url, expiresAt);
          } catch (err) {
            deps.logger.warn({ err, requestId }, 'web: cannot store chart; answering without it');
            return;
          }
        }
        return sse.send('chart', { url, hash: event.hash });
      }
      case 'summary':
        return sse.send('summary', { text: event.text, narrator: event.narrator });
      case 'scenario-delta':
        return sse.send('scenario-delta', { text: event.text });
      case 'done':
        return sse.send('done', {
          conversationId: event.conversationId,
          cached: event.cached,
          narrator: event.narrator,
          ...(event.relatedNews ? { relatedNews: event.relatedNews } : {}),
        });
      case 'error':
        return sse.send('error', { code: event.code, message: event.message, retryable: event.retryable });
      case 'clarify':
        // Terminal: the page shows the choices; a choice POSTs the same question with its indicatorId/horizonMonths.
        return sse.send('clarify', { reason: event.reason, message: event.message, choices: event.choices });
    }
  };
}

/** POST /forecast: the zod-checked question, the user's limit, then the engine's events as Server-Sent Events. */
export function forecastRoute(deps: ForecastRouteDeps): RequestHandler {
  const bodySchema = forecastBody(deps.maxQuestionChars);
  const limiter = deps.limiter;
  return async (req, res) => {
    const userId = res.locals.userId as string;
    const parsed = bodySchema.safeParse(req.body);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`);
      return void res
        .status(400)
        .json({ error: { code: 'BAD_REQUEST', message: `Invalid request: ${issues.join('; ')}` } });
    }
    const waitS = await retryAfterSeconds(limiter, userId);
    if (waitS !== undefined) {
      res.setHeader('retry-after', String(waitS));
      return void res.status(429).json({
        error: {
          code: 'RATE_LIMITED',
          message: `At most ${deps.forecastsPerMinute} questions a minute; try again shortly.`,
        },
      });
    }
    const b = parsed.data;
    const sse = openSse(res, { heartbeatMs: deps.heartbeatMs ?? 15_000 });
    const deadline = Date.now() + deps.deadlineMs;
    const requestId = res.locals.requestId as string;
    const sendEvent = eventSender(deps, sse, requestId);
    try {
      const stream = deps.engine.answer(
        {
          platform: 'web',
          userId,
          question: b.question,
          requestId,
          ...(b.indicatorId ? { indicatorId: b.indicatorId } : {}),
          ...(b.horizonMonths ? { horizonMonths: b.horizonMonths } : {}),
          ...(b.locale ? { locale: b.locale } : {}),
        },
        { signal: sse.signal, deadline },
      );
      for await (const event of stream) {
        if (sse.signal.aborted) break;
        await sendEvent(event);
      }
    } catch (err) {
      if (!sse.signal.aborted) {
        const e = toRiskXpertError(err);
        deps.logger.error({ err: e, userId, requestId }, 'web: answer failed');
        sse.send('error', {
          code: e.code,
          message:
            b.locale === 'en'
              ? 'Something went wrong. Please try again.'
              : '문제가 생겼어요. 잠시 후 다시 시도해 주세요.',
          retryable: e.retryable,
        });
      }
    } finally {
      sse.close();
    }
  };
}
