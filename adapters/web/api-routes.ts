import express, { type Router } from 'express';
import type { ScenarioSurface } from '../../src/scenario/scenario-runtime.js';
import { createScenarioRoutes } from './scenario-routes.js';
import { createNewsRoutes } from './news-routes.js';
import { createRiskApiRoutes } from './risk-api-routes.js';
import type { RiskCommands } from '../../src/risk/risk-commands.js';
import { RateLimiterMemory, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { WebSessions } from '../../src/auth/web-sessions.js';
import type { ChartRenderer } from '../../src/chart/chart-renderer.js';
import type { ChartStore } from '../../src/chart/chart-store.js';
import { CATALOG } from '../../src/data/catalog.js';
import type { Engine } from '../../src/engine/answer-types.js';
import type { Logger } from '../../src/logger.js';
import type { ConversationStore, UserStore } from '../../src/store/store.js';
import { createChartUrls } from './chart-urls.js';
import { forecastRoute } from './forecast-route.js';
import { registerHistoryRoutes } from './history-routes.js';
import { createRequireUser } from './require-user.js';

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

/** /api: the forecast stream (SSE), the user's history and profile, and the indicators that have data. */
export function createWebApiRouter(deps: WebApiDeps): Router {
  const router = express.Router();
  const limiter = deps.forecastLimiter ?? new RateLimiterMemory({ points: deps.forecastsPerMinute, duration: 60 });
  const chartUrls = createChartUrls();
  const requireUser = createRequireUser(deps);

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

  registerHistoryRoutes(router, requireUser, { ...deps, chartUrls });
  router.post(
    '/forecast',
    requireUser,
    express.json({ limit: '16kb' }),
    forecastRoute({ ...deps, chartUrls, limiter }),
  );

  return router;
}
