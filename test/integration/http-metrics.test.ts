import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp } from '../../adapters/http/create-http-app.js';
import { createChartStore } from '../../src/chart/chart-store.js';
import { createSilentLogger } from '../../src/logger.js';
import { createMetrics } from '../../src/metrics.js';
import type { ReadinessCheck } from '../../src/runtime.js';

/* /metrics and /readyz of the shared HTTP app, over loopback with a fresh registry. */

let server: Server;
let base: string;
let checks: ReadinessCheck[] = [];
const metrics = createMetrics({ defaultMetrics: false });

beforeAll(async () => {
  const demo = express.Router();
  demo.get('/items/:id', (_req, res) => void res.json({ ok: true }));
  demo.post('/items', (_req, res) => void res.status(201).json({ ok: true }));
  const app = createHttpApp({
    runtime: {
      charts: createChartStore({ ttlSeconds: 60, maxEntries: 10, backend: { kind: 'memory' } }),
      logger: createSilentLogger(),
      readiness: async () => checks,
      metrics,
    },
    mounts: [{ path: '/demo', router: demo }],
  });
  server = await new Promise<Server>((r) => {
    const s = app.listen(0, '127.0.0.1', () => r(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
});

const scrape = async () => (await fetch(`${base}/metrics`)).text();
const value = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('/metrics: standard HTTP metrics', () => {
  it('before any traffic: the HTTP histogram and every counter exist at zero', async () => {
    const text = await scrape();
    for (const route of ['/healthz', '/readyz', '/charts/:file', '/demo/items/:id']) {
      expect(
        value(text, `riskxpert_http_request_duration_seconds_count{method="GET",route="${route}",status="200"}`),
        route,
      ).toBe(0);
      expect(value(text, `riskxpert_http_requests_total{method="GET",route="${route}",status="200"}`), route).toBe(0);
    }
    expect(
      value(text, 'riskxpert_http_request_duration_seconds_count{method="POST",route="/demo/items",status="200"}'),
    ).toBe(0);
    expect(value(text, 'riskxpert_http_rate_limited_total{route="kakao",scope="ip"}')).toBe(0);
    expect(value(text, 'riskxpert_http_rate_limited_total{route="kakao",scope="user"}')).toBe(0);
    expect(value(text, 'riskxpert_answers_total{platform="telegram",outcome="error",code=""}')).toBe(0);
    expect(value(text, 'riskxpert_cache_lookups_total{result="miss"}')).toBe(0);
    expect(value(text, 'riskxpert_alert_deliveries_total{platform="discord",outcome="failed"}')).toBe(0);
  });

  it('after traffic: counts and durations by route pattern and status, never the raw path', async () => {
    await fetch(`${base}/healthz`);
    await fetch(`${base}/healthz`);
    for (const id of ['a1', 'b2', 'c3']) await fetch(`${base}/demo/items/${id}`);
    await fetch(`${base}/demo/items`, { method: 'POST' });
    await fetch(`${base}/charts/${'A'.repeat(43)}.png`);
    for (const junk of ['/nope', '/wp-admin.php', `/x${Date.now()}`]) await fetch(`${base}${junk}`);
    const text = await scrape();
    expect(value(text, 'riskxpert_http_requests_total{method="GET",route="/healthz",status="200"}')).toBe(2);
    expect(value(text, 'riskxpert_http_requests_total{method="GET",route="/demo/items/:id",status="200"}')).toBe(3);
    expect(value(text, 'riskxpert_http_requests_total{method="POST",route="/demo/items",status="201"}')).toBe(1);
    expect(value(text, 'riskxpert_http_requests_total{method="GET",route="/charts/:file",status="404"}')).toBe(1);
    expect(value(text, 'riskxpert_http_requests_total{method="GET",route="unmatched",status="404"}')).toBe(3);
    expect(
      value(text, 'riskxpert_http_request_duration_seconds_count{method="GET",route="/demo/items/:id",status="200"}'),
    ).toBe(3);
    expect(
      value(
        text,
        'riskxpert_http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/healthz",status="200"}',
      ),
    ).toBe(2);
    // the previous scrape is counted too, under its pattern
    expect(
      value(text, 'riskxpert_http_requests_total{method="GET",route="/metrics",status="200"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(text).not.toMatch(/route="\/demo\/items\/a1"|wp-admin|route="\/nope"/u);
  });
});

describe('/readyz says what is degraded and what the service does meanwhile', () => {
  it('all up: 200 ok; cache down: 200 degraded with the impact in words; draining would be 503', async () => {
    checks = [
      { name: 'cache', ok: true, detail: 'redis' },
      { name: 'store', ok: true, detail: 'memory; 0 write(s) pending' },
    ];
    const up = await fetch(`${base}/readyz`);
    expect(up.status).toBe(200);
    expect(await up.json()).toMatchObject({ ok: true, status: 'ok', degraded: [] });

    checks = [
      { name: 'cache', ok: false, detail: 'redis' },
      { name: 'store', ok: true, detail: 'memory; 0 write(s) pending' },
      { name: 'llm', ok: true, detail: 'unreachable (HTTP 503), deterministic fallback active' },
    ];
    const down = await fetch(`${base}/readyz`);
    expect(down.status).toBe(200);
    const body = (await down.json()) as {
      ok: boolean;
      status: string;
      summary: string;
      degraded: { name: string; impact: string }[];
    };
    expect(body.status).toBe('degraded');
    expect(body.degraded.map((d) => d.name)).toEqual(['cache', 'llm']);
    expect(body.degraded[0]!.impact).toMatch(/answers are not cached: every question is computed/u);
    expect(body.summary).toMatch(
      /^degraded: cache down, answers are not cached.*llm down, the deterministic narrator/u,
    );
  });
});
