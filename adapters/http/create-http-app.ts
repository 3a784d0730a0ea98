import { randomUUID } from 'node:crypto';
import express, { type ErrorRequestHandler, type Express, type RequestHandler, type Router } from 'express';
import type { Runtime } from '../../src/runtime.js';
import { toRiskXpertError } from '../../src/errors.js';
import { readinessReport } from './readiness-report.js';
import { declaredRoutes, routeLabel } from './route-label.js';

export interface HttpAppOptions {
  runtime: Pick<Runtime, 'charts' | 'readiness' | 'logger'> & Partial<Pick<Runtime, 'metrics'>>;
  /** Platform routers (Kakao, Telegram webhook, Discord interactions, web) mounted at their own paths. */
  mounts?: { path: string; router: Router }[];
  /** Set while shutting down: readiness turns false so the load balancer stops sending traffic. */
  isDraining?: () => boolean;
  /** Runs before the charts and every mounted router (not before health and metrics probes), e.g. ipRateLimit. */
  rateLimit?: RequestHandler;
  /** Express `trust proxy` (which hops' X-Forwarded-For to believe for req.ip); default: loopback only. */
  trustProxy?: boolean | number | string;
}

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/u;

/** The one HTTP server of `riskxpert serve`: health, charts, and whatever platform routers are mounted. */
export function createHttpApp(options: HttpAppOptions): Express {
  const { runtime } = options;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy ?? 'loopback');

  app.use(requestLogging(runtime));
  mountProbes(app, options);
  // Probes above stay out of the rate limit: the load balancer and Prometheus must always get through.
  if (options.rateLimit) app.use(options.rateLimit);
  app.get('/charts/:file', chartImage(runtime));

  for (const { path, router } of options.mounts ?? []) app.use(path, router);
  runtime.metrics?.http.declare([
    ...['/healthz', '/readyz', '/metrics', '/charts/:file'].map((route) => ({ method: 'GET', route })),
    ...(options.mounts ?? []).flatMap(({ path, router }) => declaredRoutes(path, router)),
  ]);

  app.use((_req, res) => {
    res.status(404).json({ error: { code: 'NOT_FOUND', message: 'Not found.' } });
  });
  app.use(errorHandler(runtime));
  return app;
}

type AppRuntime = HttpAppOptions['runtime'];

/** Gives every request an id (the caller's when it is safe to echo), then logs and times it. */
function requestLogging(runtime: AppRuntime): RequestHandler {
  return (req, res, next) => {
    const incoming = req.header('x-request-id');
    const id = incoming && /^[\w.-]{1,100}$/u.test(incoming) ? incoming : randomUUID();
    res.setHeader('x-request-id', id);
    res.locals.requestId = id;
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      // The route's first segment only: paths carry chart tokens and ids that do not belong in logs.
      // (originalUrl: inside a mounted router req.path is relative to the mount.)
      const route = /^\/[a-z]+/u.exec(req.originalUrl)?.[0] ?? '/';
      const level =
        res.statusCode >= 500
          ? 'error'
          : route === '/healthz' || route === '/readyz' || route === '/metrics'
            ? 'debug'
            : 'info';
      const ms = Number((process.hrtime.bigint() - started) / 1000n) / 1000;
      runtime.logger[level]({ requestId: id, method: req.method, route, status: res.statusCode, ms }, 'http request');
      runtime.metrics?.http.observe(
        { method: req.method, route: routeLabel(req, res), status: res.statusCode },
        ms / 1000,
      );
    });
    next();
  };
}

/** /healthz, /readyz and /metrics. */
function mountProbes(app: Express, options: HttpAppOptions): void {
  const { runtime } = options;
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });

  app.get('/readyz', async (_req, res) => {
    const checks = await runtime.readiness();
    const draining = options.isDraining?.() ?? false;
    // Cache and store outages degrade the service but do not stop answers (200 "degraded": keep sending traffic);
    // only draining makes it unready (503). The body says in words what is degraded and what the service does meanwhile.
    const report = readinessReport(checks, draining);
    res.status(report.ready ? 200 : 503).json(report.body);
  });

  app.get('/metrics', async (_req, res) => {
    if (!runtime.metrics) {
      res.status(404).json({ error: { code: 'NOT_FOUND', message: 'Metrics are not enabled.' } });
      return;
    }
    res.setHeader('content-type', runtime.metrics.registry.contentType);
    res.end(await runtime.metrics.registry.metrics());
  });
}

/** GET /charts/:file — the PNGs that chat answers link to. */
function chartImage(runtime: AppRuntime): RequestHandler<{ file: string }> {
  return async (req, res) => {
    const token = req.params.file.replace(/\.png$/u, '');
    if (!TOKEN.test(token)) {
      res.status(404).json({ error: { code: 'NOT_FOUND', message: 'No such chart.' } });
      return;
    }
    const png = await runtime.charts.get(token);
    if (!png) {
      res.status(404).json({ error: { code: 'NOT_FOUND', message: 'This chart has expired or never existed.' } });
      return;
    }
    res.setHeader('content-type', 'image/png');
    res.setHeader('cache-control', 'public, max-age=3600, immutable');
    res.setHeader('x-content-type-options', 'nosniff');
    res.end(Buffer.from(png));
  };
}

/** Client errors (4xx from body parsers and the like) keep their status; anything else is a logged 500. */
function errorHandler(runtime: AppRuntime): ErrorRequestHandler {
  return (err, _req, res, _next) => {
    const e = toRiskXpertError(err);
    const status = (err as { status?: number }).status ?? (err as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) {
      res.status(status).json({ error: { code: 'BAD_REQUEST', message: (err as Error).message } });
      return;
    }
    runtime.logger.error({ err: e, requestId: res.locals.requestId }, 'unhandled HTTP error');
    res.status(500).json({ error: { code: 'INTERNAL', message: 'Internal error.' } });
  };
}
