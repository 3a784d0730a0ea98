import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { isRiskXpertError } from '../../src/errors.js';
import type { Locale } from '../../src/locale.js';
import type { ScenarioSurface } from '../../src/scenario/scenario-runtime.js';
import { CATALOG } from '../../src/data/catalog.js';
import { changeUnitOf } from '../../src/scenario/change-units.js';
import { explainScenario } from '../../src/scenario/explain-scenario.js';
import type { ScenarioResult } from '../../src/scenario/run-scenario.js';
import { renderStressChart, stressBars } from '../../src/scenario/stress-chart.js';
import { openSse } from './sse.js';

const STATUS: Record<string, number> = { BAD_REQUEST: 400, NOT_FOUND: 404, UNAUTHORIZED: 403 };
const localeOf = (req: Request): Locale =>
  req.body?.locale === 'en' || req.query.locale === 'en'
    ? 'en'
    : req.body?.locale === 'ko' || req.query.locale === 'ko'
      ? 'ko'
      : /^en/iu.test(req.header('accept-language') ?? '')
        ? 'en'
        : 'ko';
const holdingsSchema = z
  .array(z.object({ symbol: z.string().regex(/^[a-z0-9_:]{1,40}$/u), valueWon: z.number().finite().min(0).max(1e13) }))
  .max(50);
const runBody = z.object({
  version: z.number().int().min(1).optional(),
  locale: z.enum(['ko', 'en']).optional(),
  holdings: holdingsSchema.optional(),
});

/** A portfolio stated in the request, or else the user's paper portfolio. */
async function holdingsFor(req: Request, s: ScenarioSurface, userId: string) {
  const stated = holdingsSchema.safeParse(req.body?.holdings);
  return req.body?.holdings !== undefined && stated.success ? stated.data : s.paperHoldings(userId);
}

type Handler = (fn: (req: Request, res: Response, s: ScenarioSurface) => Promise<unknown>) => express.RequestHandler;

const user = (res: Response) => res.locals.userId as string;

/** Runs a route with the surface; a scenario refusal becomes its status and JSON (with the message key), else next. */
const handlerFor =
  (surface: () => Promise<ScenarioSurface>): Handler =>
  (fn) =>
  async (req: Request, res: Response, next: NextFunction) => {
    try {
      await fn(req, res, await surface());
    } catch (err) {
      if (isRiskXpertError(err) && STATUS[err.code])
        return void res.status(STATUS[err.code]!).json({
          error: {
            code: err.code,
            message: err.message,
            ...(err.details?.messageKey ? { key: err.details.messageKey } : {}),
          },
        });
      next(err);
    }
  };

const chartOf = async (r: ScenarioResult, locale: Locale) =>
  r.pnl?.holdings.length
    ? Buffer.from(await renderStressChart(stressBars(r.pnl, locale), { title: r.name, locale })).toString('base64')
    : undefined;

/** The editor's live preview: our text only (no LLM call per keystroke). */
async function sendPreview(res: Response, r: ScenarioResult, locale: Locale): Promise<void> {
  const chartPng = await chartOf(r, locale);
  res.json({ result: r, text: explainScenario(r, locale), ...(chartPng ? { chartPng } : {}) });
}

/**
 * A run's answer: JSON with the whole explanation, or with `Accept: text/event-stream` the result and chart at
 * once (`result`), the explanation as it arrives (`delta`), and `done` with the whole text and who wrote it.
 */
async function sendAnswer(req: Request, res: Response, s: ScenarioSurface, r: ScenarioResult, locale: Locale) {
  const chartPng = await chartOf(r, locale);
  const narration = s.explain(r, locale);
  if (!/text\/event-stream/u.test(req.header('accept') ?? '')) {
    for await (const _ of narration);
    const told = narration.outcome()!;
    return void res.json({ result: r, text: told.text, source: told.source, ...(chartPng ? { chartPng } : {}) });
  }
  const sse = openSse(res, { heartbeatMs: 15_000 });
  sse.send('result', { result: r, ...(chartPng ? { chartPng } : {}) });
  for await (const text of narration) {
    if (sse.signal.aborted) break;
    sse.send('delta', { text });
  }
  const told = narration.outcome();
  if (told) sse.send('done', { text: told.text, source: told.source });
  sse.close();
}

/** The editor's pickers: each indicator with the unit its shock is stated in (% prices, %p rates). */
function addIndicatorRoute(router: Router): void {
  router.get(
    '/indicators',
    (_req, res) =>
      void res.json({
        indicators: CATALOG.map((i) => ({
          id: i.id,
          nameKo: i.nameKo,
          nameEn: i.nameEn,
          changeUnit: changeUnitOf(i.id),
        })),
      }),
  );
}

/** List, create, edit (a new version), delete. */
function addEditingRoutes(router: Router, handle: Handler): void {
  router.get(
    '/',
    handle(async (_req, res, s) => res.json({ scenarios: await s.service.list(user(res)) })),
  );
  router.post(
    '/',
    handle(async (req, res, s) =>
      res.status(201).json({
        scenario: await s.service.create(user(res), req.body?.spec, {
          locale: localeOf(req),
          shared: req.body?.shared === true,
        }),
      }),
    ),
  );
  router.put(
    '/:id',
    handle(async (req, res, s) =>
      res.json({ scenario: await s.service.update(user(res), String(req.params.id), req.body?.spec, localeOf(req)) }),
    ),
  );
  router.delete(
    '/:id',
    handle(async (req, res, s) =>
      res.json({ deleted: await s.service.remove(user(res), String(req.params.id), localeOf(req)) }),
    ),
  );
}

/** A scenario's versions and the results recorded with each. */
function addVersionsRoute(router: Router, handle: Handler): void {
  router.get(
    '/:id/versions',
    handle(async (req, res, s) => {
      const [versions, results] = await Promise.all([
        s.service.versions(user(res), String(req.params.id), localeOf(req)),
        s.service.results(user(res), String(req.params.id), localeOf(req)),
      ]);
      res.json({
        versions,
        results: results.map((r) => ({
          id: r.id,
          version: r.version,
          createdAt: r.createdAt,
          totalWon: (r.doc as ScenarioResult).pnl?.totalWon ?? null,
        })),
      });
    }),
  );
}

/** The live preview of an unsaved spec and the replays. */
function addPreviewAndReplayRoutes(router: Router, handle: Handler): void {
  router.post(
    '/preview',
    handle(async (req, res, s) =>
      sendPreview(
        res,
        await s.service.preview(req.body?.spec, {
          locale: localeOf(req),
          holdings: await holdingsFor(req, s, user(res)),
        }),
        localeOf(req),
      ),
    ),
  );
  router.get(
    '/replays/:episode',
    handle(async (req, res, s) =>
      sendAnswer(
        req,
        res,
        s,
        await s.service.replay(String(req.params.episode), {
          locale: localeOf(req),
          holdings: await s.paperHoldings(user(res)),
        }),
        localeOf(req),
      ),
    ),
  );
}

/** A saved scenario's run (a version, stated holdings or the paper portfolio), recorded with its version. */
function addRunRoute(router: Router, handle: Handler): void {
  router.post(
    '/:id/run',
    handle(async (req, res, s) => {
      const body = runBody.safeParse(req.body ?? {});
      if (!body.success)
        return void res.status(400).json({
          error: {
            code: 'BAD_REQUEST',
            message: 'version must be a whole number >= 1; holdings a list of { symbol, valueWon }.',
          },
        });
      const locale = localeOf(req);
      const r = await s.service.runSaved(user(res), String(req.params.id), {
        locale,
        holdings: await holdingsFor(req, s, user(res)),
        ...(body.data.version ? { version: body.data.version } : {}),
      });
      await sendAnswer(req, res, s, r, locale);
    }),
  );
}

/**
 * /api/scenarios (behind the page's login): CRUD with versions, runs on the user's paper portfolio, live preview,
 * replays. The spec itself is validated once, by the scenario service (parseScenarioSpec), in the user's language.
 */
export function createScenarioRoutes(surface: () => Promise<ScenarioSurface>): Router {
  const router = express.Router();
  const handle = handlerFor(surface);
  router.use(express.json({ limit: '16kb' }));
  // Order matters where GET paths overlap: '/indicators' before '/:id', '/replays/:episode' before '/:id/versions'.
  addIndicatorRoute(router);
  addEditingRoutes(router, handle);
  addPreviewAndReplayRoutes(router, handle);
  addVersionsRoute(router, handle);
  addRunRoute(router, handle);
  return router;
}
