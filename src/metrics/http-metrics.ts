import { Counter, Histogram, type Registry } from 'prom-client';

/**
 * The standard HTTP metrics of a server: requests and their duration by method, route and status. `route` is the
 * route PATTERN ("/charts/:file", "/kakao/skill"), "unmatched" for a 404 no route took, or "other" for what a
 * static or catch-all handler served: never the raw path, so the label set stays bounded whatever clients send.
 */
export function createHttpMetrics(registry: Registry) {
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({
    name: 'riskxpert_http_requests_total',
    help: 'HTTP requests by method, route pattern and status',
    labelNames,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'riskxpert_http_request_duration_seconds',
    help: 'HTTP request duration (to the last byte sent) by method, route pattern and status',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  return {
    observe(labels: { method: string; route: string; status: number }, seconds: number): void {
      const l = { method: labels.method, route: labels.route, status: String(labels.status) };
      requests.inc(l);
      duration.observe(l, seconds);
    },
    /** Series at zero for routes that have seen no traffic yet, so dashboards and rate() have a start. */
    declare(routes: { method: string; route: string }[]): void {
      for (const r of routes) {
        const l = { method: r.method, route: r.route, status: '200' };
        requests.inc(l, 0);
        duration.zero(l);
      }
    },
  };
}

export type HttpMetrics = ReturnType<typeof createHttpMetrics>;

/** Known label values of the other counters, so each series exists at zero from start. */
export const ZERO_SERIES = {
  platforms: ['kakao', 'telegram', 'discord', 'web', 'cli'],
  answerOutcomes: ['ok', 'cached', 'error'],
  rateLimitedIp: ['kakao', 'telegram', 'discord', 'api', 'auth', 'charts', 'other'],
  alertPlatforms: ['kakao', 'telegram', 'discord'],
  alertOutcomes: ['sent', 'failed', 'blocked'],
} as const;
