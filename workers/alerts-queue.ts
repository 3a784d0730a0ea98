import { Queue, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { alertLine, explainAlert } from '../src/alerts/alert-text.js';
import { evaluateSubscriptions, type EvaluatedEvent } from '../src/alerts/evaluate-subscriptions.js';
import type { ChartRenderer } from '../src/chart/chart-renderer.js';
import type { ChartStore } from '../src/chart/chart-store.js';
import { getIndicator } from '../src/data/catalog.js';
import type { Point } from '../src/data/series.js';
import type { Logger } from '../src/logger.js';
import type { AccountStore } from '../src/store/account-store.js';
import type { Subscription, SubscriptionStore } from '../src/store/subscription-store.js';
import type { StoredThreatEvent, ThreatEventStore } from '../src/store/threat-event-store.js';
import { enqueueNotifyJobs, planNotifyJobs } from './alerts-fanout.js';
import { withPortfolioImpact, type PortfolioImpact } from './alert-portfolio-impact.js';
import type { NotifyQueues } from './notify-queue.js';

export const ALERTS_QUEUE = 'alerts';

export interface AlertsJobData {
  indicatorId: string;
  /** Data version of the series that was just loaded. */
  version: string;
}

export interface AlertsResult {
  subscriptions: number;
  events: number;
  jobs: number;
}

/** One evaluation per (indicator, data version): the same load enqueued twice is one job. */
export function alertsJobId(indicatorId: string, version: string): string {
  return `alerts-${indicatorId}-${version}`.replace(/[^A-Za-z0-9_-]/gu, '_');
}

export function createAlertsQueue(
  connection: ConnectionOptions,
  prefix?: string,
  name = ALERTS_QUEUE,
): Queue<AlertsJobData> {
  return new Queue<AlertsJobData>(name, { connection, ...(prefix ? { prefix } : {}) });
}

export async function enqueueAlerts(queue: Queue<AlertsJobData>, indicatorId: string, version: string): Promise<void> {
  await queue.add(
    'evaluate',
    { indicatorId, version },
    {
      jobId: alertsJobId(indicatorId, version),
      attempts: 5,
      backoff: { type: 'exponential', delay: 5_000 },
      removeOnComplete: { age: 7 * 86_400, count: 10_000 },
      removeOnFail: { age: 30 * 86_400 },
    },
  );
}

export interface AlertsDeps {
  readPoints(indicatorId: string): Promise<Point[]>;
  subscriptions: SubscriptionStore;
  accounts?: AccountStore;
  events: ThreatEventStore;
  notify: NotifyQueues;
  charts?: { renderer: ChartRenderer; store: ChartStore };
  /** The forecast's 10% quantile path (only asked when someone subscribes to the lower-band rule). */
  forecastLow?: (indicatorId: string, points: readonly Point[]) => Promise<{ date: string; value: number }[]>;
  /** An LLM rewrite of the one-line explanation; the deterministic line is kept if it is late or changes numbers. */
  improve?: (line: string, signal: AbortSignal) => Promise<string>;
  explainTimeoutMs?: number;
  /** Each holder's portfolio impact and plan (risk module), appended to their alert; absent, the event text alone. */
  portfolioImpact?: PortfolioImpact;
  now?: () => number;
  logger: Logger;
}

async function averagePrices(
  accounts: AccountStore | undefined,
  subs: readonly Subscription[],
  indicatorId: string,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (!accounts) return out;
  for (const s of subs) {
    if ((s.rule.kind !== 'stop-loss' && s.rule.kind !== 'take-profit') || out.has(s.userId)) continue;
    const p = (await accounts.load(s.userId))?.account.positions.get(indicatorId);
    if (p && p.quantity > 0n) out.set(s.userId, Number(p.costWon) / Number(p.quantity));
  }
  return out;
}

/** Evaluates every active subscription of the indicator and enqueues one notify job per due (event × subscriber). */
export async function runAlertsEvaluation(deps: AlertsDeps, data: AlertsJobData): Promise<AlertsResult> {
  const now = deps.now ?? Date.now;
  const points = await deps.readPoints(data.indicatorId);
  const subs = await deps.subscriptions.listActiveByIndicator(data.indicatorId);
  if (points.length === 0 || subs.length === 0) return { subscriptions: subs.length, events: 0, jobs: 0 };
  const forecastLow =
    deps.forecastLow && subs.some((s) => s.rule.kind === 'forecast-lower-band')
      ? await deps.forecastLow(data.indicatorId, points)
      : undefined;
  const prices = await averagePrices(deps.accounts, subs, data.indicatorId);
  const { events, due } = evaluateSubscriptions({
    indicatorId: data.indicatorId,
    points,
    subscriptions: subs,
    averagePrice: (s) => prices.get(s.userId),
    ...(forecastLow ? { forecastLow } : {}),
  });

  const indicator = getIndicator(data.indicatorId) ?? { nameKo: data.indicatorId, nameEn: data.indicatorId, unit: '' };
  const recorded = new Map<string, StoredThreatEvent>();
  const ctx = { indicatorId: data.indicatorId, indicator, points, forecastLow, now };
  // A retried job finds the event recorded and reuses its text and chart, so every subscriber sees the same alert.
  for (const e of events.values())
    recorded.set(e.key, (await deps.events.get(e.key)) ?? (await recordEvent(deps, e, ctx)));
  const planned = planNotifyJobs(due, recorded, now());
  const jobs = deps.portfolioImpact
    ? await withPortfolioImpact(planned, { due, events: recorded, impact: deps.portfolioImpact, logger: deps.logger })
    : planned;
  await enqueueNotifyJobs(deps.notify, jobs);
  deps.logger.info(
    {
      indicatorId: data.indicatorId,
      version: data.version,
      subscriptions: subs.length,
      events: events.size,
      jobs: jobs.length,
    },
    'alerts evaluated',
  );
  return { subscriptions: subs.length, events: events.size, jobs: jobs.length };
}

interface EventContext {
  indicatorId: string;
  indicator: { nameKo: string; nameEn: string; unit: string };
  points: Point[];
  forecastLow: { date: string; value: number }[] | undefined;
  now: () => number;
}

/** Writes the event's text in both languages (and its chart when it can), once, for every subscriber to share. */
async function recordEvent(deps: AlertsDeps, e: EvaluatedEvent, ctx: EventContext): Promise<StoredThreatEvent> {
  const timeoutMs = deps.explainTimeoutMs ?? 3_000;
  const improve = deps.improve ? { improve: deps.improve } : {};
  const text = {
    ko: await explainAlert(alertLine(e.event, e.params, ctx.indicator, 'ko'), { ...improve, timeoutMs }),
    en: await explainAlert(alertLine(e.event, e.params, ctx.indicator, 'en'), { ...improve, timeoutMs }),
  };
  const chartToken = deps.charts ? await eventChart(deps, deps.charts, e, ctx, text.ko) : undefined;
  return deps.events.record({
    key: e.key,
    indicatorId: ctx.indicatorId,
    rule: e.rule.kind,
    params: e.params,
    date: e.event.date,
    value: e.event.value,
    measure: e.event.measure,
    text,
    ...(chartToken ? { chartToken } : {}),
    createdAt: new Date(ctx.now()),
  });
}

async function eventChart(
  deps: AlertsDeps,
  charts: NonNullable<AlertsDeps['charts']>,
  e: EvaluatedEvent,
  ctx: EventContext,
  textKo: string,
): Promise<string | undefined> {
  try {
    const png = await charts.renderer.render({
      locale: 'ko',
      title: `${ctx.indicator.nameKo} · ${e.event.date}`,
      unit: ctx.indicator.unit,
      history: ctx.points.slice(-120),
      forecast:
        ctx.forecastLow && e.rule.kind === 'forecast-lower-band'
          ? ctx.forecastLow.map((p) => ({ date: p.date, median: p.value, low: p.value, high: p.value }))
          : [],
      footnote: textKo.slice(0, 80),
      width: 480,
      height: 270,
    });
    return (await charts.store.put(png)).token;
  } catch (err) {
    // An alert without its chart still goes out.
    deps.logger.warn({ err: (err as Error).message, event: e.key }, 'alert chart failed');
    return undefined;
  }
}

export function createAlertsWorker(args: {
  connection: ConnectionOptions;
  prefix?: string;
  name?: string;
  deps: AlertsDeps;
  lockDuration?: number;
}): Worker<AlertsJobData, AlertsResult> {
  const worker = new Worker<AlertsJobData, AlertsResult>(
    args.name ?? ALERTS_QUEUE,
    (job: Job<AlertsJobData>) => runAlertsEvaluation(args.deps, job.data),
    {
      connection: args.connection,
      ...(args.prefix ? { prefix: args.prefix } : {}),
      concurrency: 1,
      ...(args.lockDuration ? { lockDuration: args.lockDuration } : {}),
    },
  );
  worker.on('failed', (job, err) =>
    args.deps.logger.warn(
      { indicatorId: job?.data.indicatorId, attempt: job?.attemptsMade, err: err.message },
      'alerts evaluation failed',
    ),
  );
  return worker;
}
