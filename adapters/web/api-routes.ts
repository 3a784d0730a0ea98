import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { ScenarioSurface } from '../../src/scenario/scenario-runtime.js';
import { createScenarioRoutes } from './scenario-routes.js';
import { createNewsRoutes } from './news-routes.js';
import { createRiskApiRoutes } from './risk-api-routes.js';
import type { RiskCommands } from '../../src/risk/risk-commands.js';
import { LRUCache } from 'lru-cache';
import { RateLimiterMemory, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { retryAfterSeconds } from '../http/index.js';
import { z } from 'zod';
import type { WebSessions } from '../../src/auth/web-sessions.js';
import { createHash } from 'node:crypto';
import type { ChartRenderer } from '../../src/chart/chart-renderer.js';
import type { ChartStore } from '../../src/chart/chart-store.js';
import { forecastChartSpec } from '../../src/chart/forecast-chart-spec.js';
import { CATALOG, getIndicator } from '../../src/data/catalog.js';
import { stockIdSchema } from '../../src/data/stock-instruments.js';
import type { AnswerEvent, Engine, ForecastEvent } from '../../src/engine/answer-types.js';
import { MAX_HORIZON, MIN_HORIZON } from '../../src/engine/parse-question.js';
import { isRiskXpertError, toRiskXpertError } from '../../src/errors.js';
import type { Logger } from '../../src/logger.js';
import type { ConversationRecord, ConversationStore, UserStore } from '../../src/store/store.js';
import { questionLength } from '../../src/engine/question-length.js';
import { openSse } from './sse.js';

export interface WebApiDeps {
  engine: Engine;
  charts: ChartStore;
  /** Redraws a past answer's chart from its stored numbers (GET /api/history/:id/chart.png). */
  chartRenderer: ChartRenderer;
  sessions: WebSessions;
  conversations: ConversationStore;
  users: UserStore;
  maxQuestionChars: number;
  deadlineMs: number;
  forecastsPerMinute: number;
  /** Counts forecastsPerMinute per user; per process (memory) unless given, e.g. a Redis one shared by every server. */
  forecastLimiter?: RateLimiterAbstract;
  heartbeatMs?: number;
  availableIndicators: () => Promise<string[]>;
  logger: Logger;
  /** /api/scenarios (adapters/web/scenario-routes.ts); absent, those routes are not served. */
  scenarios?: () => Promise<ScenarioSurface>;
  /** GET /api/news (adapters/web/news-routes.ts); absent, not served. */
  news?: Parameters<typeof createNewsRoutes>[0];
  /** POST /api/risk (adapters/web/risk-api-routes.ts); absent, not served. */
  risk?: RiskCommands;
}

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

const historyQuery = z.object({ limit: z.coerce.number().int().min(1).max(50).default(20) });
/** Conversation ids are the engine's randomUUID(); anything else never reaches the store. */
const conversationId = z.string().uuid();

function redrawSpec(r: ConversationRecord) {
  const indicator = getIndicator(r.request.indicatorId);
  if (!indicator) return undefined;
  const f = r.forecast;
  // Records from before the history tail was stored still draw: the fan from their last observed point.
  const history = f.history?.length ? f.history : [{ date: f.lastDate, value: f.lastValue }];
  return forecastChartSpec({
    indicator,
    locale: r.request.locale,
    horizonMonths: r.request.horizonMonths,
    history,
    dates: f.dates,
    median: f.median,
    low: f.low,
    high: f.high,
    dataSource: f.dataSource,
    method: f.method,
  });
}

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
    dataAsOf: f.dataAsOf ?? last?.date ?? null,
    staleData: f.staleData ?? null,
  };
}

/** /api: the forecast stream (SSE), the user's history and profile, and the indicators that have data. */
export function createWebApiRouter(deps: WebApiDeps): Router {
  const router = express.Router();
  const limiter = deps.forecastLimiter ?? new RateLimiterMemory({ points: deps.forecastsPerMinute, duration: 60 });
  const bodySchema = forecastBody(deps.maxQuestionChars);
  // The chart store names charts by random tokens; remembering hash -> URL lets a repeated answer reuse its URL
  // while it has most of its life left (as the Kakao adapter does) and lets history show charts still alive.
  const chartUrls = new LRUCache<string, { url: string; expiresAt: number; ttlMs: number }>({ max: 5_000 });
  const liveChartUrl = (hash: string | undefined, minLeft = 0.1) => {
    const hit = hash ? chartUrls.get(hash) : undefined;
    return hit && hit.expiresAt - Date.now() > hit.ttlMs * minLeft ? hit.url : undefined;
  };
  // A stored record never changes, so neither does its redrawn chart: keep the last few rather than redraw on
  // every history view (a render costs tens of ms of CPU).
  const redrawn = new LRUCache<string, { png: Buffer; etag: string; userId: string }>({ max: 200 });

  const unauthorized = (res: Response, message: string, reason: string) => {
    res.setHeader('www-authenticate', `Bearer error="invalid_token"`);
    res.status(401).json({ error: { code: 'UNAUTHORIZED', message, reason } });
  };

  async function requireUser(req: Request, res: Response, next: NextFunction): Promise<void> {
    const m = /^Bearer ([A-Za-z0-9_.-]{10,4096})$/u.exec(req.header('authorization') ?? '');
    if (!m) return unauthorized(res, 'Log in first: Authorization: Bearer <access token> is missing.', 'missing');
    try {
      const claims = await deps.sessions.authenticate(m[1]!);
      res.locals.userId = claims.userId;
      next();
    } catch (err) {
      if (isRiskXpertError(err) && err.code === 'UNAUTHORIZED')
        return unauthorized(res, err.message, String(err.details?.reason ?? 'invalid'));
      // The session check needs the store; when it is down, say so and let the page retry, rather than a 500.
      if (isRiskXpertError(err) && err.retryable) {
        deps.logger.warn({ err: err.toJSON() }, 'web: cannot check the session');
        return void res
          .status(503)
          .setHeader('retry-after', '5')
          .json({ error: { code: err.code, message: 'Sessions cannot be checked right now; try again shortly.' } });
      }
      throw err;
    }
  }

  if (deps.scenarios) router.use('/scenarios', requireUser, createScenarioRoutes(deps.scenarios));
  if (deps.news) router.use('/news', createNewsRoutes(deps.news));
  if (deps.risk) router.use('/risk', requireUser, createRiskApiRoutes(deps.risk));
  router.get('/indicators', async (_req, res) => {
    const ids = new Set(await deps.availableIndicators().catch(() => CATALOG.map((i) => i.id)));
    res.json({
      indicators: CATALOG.filter((i) => ids.has(i.id)).map((i) => ({
        id: i.id,
        nameKo: i.nameKo,
        nameEn: i.nameEn,
        unit: i.unit,
        unitKo: i.unitKo,
      })),
    });
  });

  router.get('/me', requireUser, async (_req, res) => {
    const user = await deps.users.get(res.locals.userId as string);
    res.json({ user: { id: res.locals.userId as string, displayName: user?.displayName ?? null } });
  });

  router.get('/history', requireUser, async (req, res) => {
    const q = historyQuery.safeParse(req.query);
    if (!q.success)
      return void res.status(400).json({ error: { code: 'BAD_REQUEST', message: 'limit must be 1 to 50.' } });
    const records = await deps.conversations.listByUser(res.locals.userId as string, { limit: q.data.limit });
    res.setHeader('cache-control', 'no-store');
    res.json({
      items: records.map((r) => ({
        id: r.id,
        createdAt: r.createdAt.toISOString(),
        question: r.request.question,
        indicatorId: r.request.indicatorId,
        horizonMonths: r.request.horizonMonths,
        locale: r.request.locale,
        summary: r.summary,
        scenario: r.scenario,
        lastValue: r.forecast.lastValue,
        lastDate: r.forecast.lastDate,
        median: r.forecast.median.at(-1) ?? null,
        low: r.forecast.low.at(-1) ?? null,
        high: r.forecast.high.at(-1) ?? null,
        horizonEnd: r.forecast.dates.at(-1) ?? null,
        dataSource: r.forecast.dataSource,
        chartUrl: liveChartUrl(r.chartHash) ?? null,
        // Always there for the owner (Authorization required), however long ago the answer was.
        chartPath: `/api/history/${r.id}/chart.png`,
      })),
    });
  });

  router.get('/history/:id/chart.png', requireUser, async (req, res) => {
    const id = conversationId.safeParse(req.params.id);
    if (!id.success)
      return void res.status(400).json({ error: { code: 'BAD_REQUEST', message: 'Not a conversation id.' } });
    const userId = res.locals.userId as string;
    let hit = redrawn.get(id.data);
    if (!hit) {
      const record = await deps.conversations.get(id.data);
      const spec = record ? redrawSpec(record) : undefined;
      if (record && spec) {
        const png = Buffer.from(await deps.chartRenderer.render(spec));
        // The hash of the bytes served: the engine's chartHash whenever the redraw matches the original.
        hit = { png, etag: `"${createHash('sha256').update(png).digest('hex')}"`, userId: record.userId };
        redrawn.set(id.data, hit);
      }
    }
    // Someone else's conversation reads exactly like a missing one: ids are not to be probed.
    if (!hit || hit.userId !== userId)
      return void res.status(404).json({ error: { code: 'NOT_FOUND', message: 'No such answer in your history.' } });
    res.setHeader('cache-control', 'private, max-age=86400');
    res.setHeader('etag', hit.etag);
    const known = (req.header('if-none-match') ?? '').split(',').map((t) => t.trim().replace(/^W\//u, ''));
    if (known.includes(hit.etag)) return void res.status(304).end();
    res.type('png');
    res.send(hit.png);
  });

  router.post('/forecast', requireUser, express.json({ limit: '16kb' }), async (req, res) => {
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
    try {
      const stream = deps.engine.answer(
        {
          platform: 'web',
          userId,
          question: b.question,
          requestId: res.locals.requestId as string,
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
        deps.logger.error({ err: e, userId }, 'web: answer failed');
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

    async function sendEvent(event: AnswerEvent): Promise<void> {
      switch (event.type) {
        case 'forecast':
          return sse.send('forecast', forecastData(event));
        case 'chart': {
          let url = liveChartUrl(event.hash, 0.5);
          if (!url) {
            try {
              const { token, expiresAt } = await deps.charts.put(event.png);
              url = `/charts/${token}.png`;
              chartUrls.set(event.hash, { url, expiresAt, ttlMs: expiresAt - Date.now() });
            } catch (err) {
              deps.logger.warn({ err }, 'web: cannot store chart; answering without it');
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
    }
  });

  return router;
}
