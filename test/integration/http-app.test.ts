import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp } from '../../adapters/http/create-http-app.js';
import { loadConfig } from '../../src/config.js';
import { createSilentLogger } from '../../src/logger.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';

let runtime: Runtime;
let server: Server;
let base: string;
let draining = false;

beforeAll(async () => {
  runtime = await createRuntime(loadConfig({ FORECASTER: 'drift' }), { logger: createSilentLogger() });
  const app = createHttpApp({ runtime, isDraining: () => draining });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  await runtime.close();
});

describe('riskxpert serve: the shared HTTP server', () => {
  it('answers /healthz and /readyz with reasons, and turns unready while draining', async () => {
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ ok: true });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { checks: { name: string; ok: boolean; detail: string }[] };
    expect(body.checks.map((c) => c.name)).toEqual(['cache', 'store', 'forecaster', 'narrator']);
    expect(body.checks.find((c) => c.name === 'narrator')!.detail).toMatch(/deterministic/u);
    draining = true;
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
    draining = false;
  });

  it('serves a chart by its unguessable token as real PNG bytes, and 404s unknown or malformed tokens', async () => {
    let png: Uint8Array | undefined;
    for await (const e of runtime.engine.answer({ platform: 'web', userId: 'web:t', question: 'S&P 500 3개월' }))
      if (e.type === 'chart') png = e.png;
    const { token } = await runtime.charts.put(png!);
    const res = await fetch(`${base}/charts/${token}.png`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(png!))).toBe(true);
    expect((await fetch(`${base}/charts/${'A'.repeat(43)}.png`)).status).toBe(404);
    expect((await fetch(`${base}/charts/..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);
  });

  it('gives JSON 404s and a request id on every response', async () => {
    const res = await fetch(`${base}/nope`);
    expect(res.status).toBe(404);
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/u);
    const echoed = await fetch(`${base}/healthz`, { headers: { 'x-request-id': 'abc-123' } });
    expect(echoed.headers.get('x-request-id')).toBe('abc-123');
  });

  it('exposes Prometheus metrics: answers by platform and outcome, stage latencies, cache lookups', async () => {
    for await (const e of runtime.engine.answer({ platform: 'web', userId: 'web:m', question: 'S&P 500 4개월' }))
      void e;
    for await (const e of runtime.engine.answer({ platform: 'web', userId: 'web:m', question: 'S&P 500 4개월' }))
      void e;
    for await (const e of runtime.engine.answer({ platform: 'kakao', userId: 'kakao:m', question: '날씨' })) void e;
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/plain/u);
    const text = await res.text();
    // the earlier test in this file answered one web question too
    expect(text).toMatch(/riskxpert_answers_total\{platform="web",outcome="ok",code=""\} 2/u);
    expect(text).toMatch(/riskxpert_answers_total\{platform="web",outcome="cached",code=""\} 1/u);
    expect(text).toMatch(
      /riskxpert_answers_total\{platform="kakao",outcome="error",code="CLARIFY_unsupported-subject"\} 1/u,
    );
    expect(text).toMatch(/riskxpert_answer_stage_seconds_bucket\{le="[0-9.]+",stage="chart"\}/u);
    expect(text).toMatch(/riskxpert_cache_lookups_total\{result="hit"\} 1/u);
    expect(text).toMatch(/riskxpert_process_resident_memory_bytes/u);
  });
});
