import { createHash } from 'node:crypto';
import type { RequestHandler, Router } from 'express';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import type { ChartRenderer } from '../../src/chart/chart-renderer.js';
import { forecastChartSpec } from '../../src/chart/forecast-chart-spec.js';
import { getIndicator } from '../../src/data/catalog.js';
import type { ConversationRecord, ConversationStore } from '../../src/store/store.js';
import type { ChartUrls } from './chart-urls.js';

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

/** GET /history (the user's answers) and GET /history/:id/chart.png (a past answer's chart, redrawn). */
export function registerHistoryRoutes(
  router: Router,
  requireUser: RequestHandler,
  deps: { conversations: ConversationStore; chartRenderer: ChartRenderer; chartUrls: ChartUrls },
): void {
  const { chartUrls } = deps;
  // A stored record never changes, so neither does its redrawn chart: keep the last few rather than redraw on
  // every history view (a render costs tens of ms of CPU).
  const redrawn = new LRUCache<string, { png: Buffer; etag: string; userId: string }>({ max: 200 });

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
        chartUrl: chartUrls.live(r.chartHash) ?? null,
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
}
