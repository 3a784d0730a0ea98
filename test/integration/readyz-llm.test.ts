import type { Server } from 'node:http';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpApp } from '../../adapters/http/create-http-app.js';
import { loadConfig } from '../../src/config.js';
import { createSilentLogger } from '../../src/logger.js';
import { createLlmProbe } from '../../src/narrate/llm-probe.js';
import { createRuntime } from '../../src/runtime.js';
import { startFakeOpenAi } from '../fakes/openai-server.js';

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!().catch(() => undefined);
});

interface Ready {
  ok: boolean;
  checks: { name: string; ok: boolean; detail: string }[];
}

async function serveRuntime(baseUrl: string) {
  const rt = await createRuntime(
    loadConfig({ FORECASTER: 'drift', OPENAI_API_KEY: 'sk-readyz-test', OPENAI_BASE_URL: baseUrl }),
    { logger: createSilentLogger() },
  );
  closers.push(() => rt.close());
  const server: Server = await new Promise((resolve) => {
    const s = createHttpApp({ runtime: rt }).listen(0, '127.0.0.1', () => resolve(s));
  });
  closers.push(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    rt,
    async readyz() {
      const res = await fetch(`${base}/readyz`);
      return { status: res.status, body: (await res.json()) as Ready };
    },
  };
}

async function closedPortUrl(): Promise<string> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return `http://127.0.0.1:${port}/v1`;
}

describe('/readyz: LLM reachable or deterministic fallback active', () => {
  it('reports a reachable LLM, probes GET /models once per interval however often it is asked, and never on the answer path', async () => {
    const llm = await startFakeOpenAi();
    closers.push(() => llm.close());
    const { rt, readyz } = await serveRuntime(llm.url);
    for await (const _event of rt.engine.answer({
      platform: 'web',
      userId: 'u1',
      question: 'S&P 500 3개월 전망',
      locale: 'ko',
    }))
      void _event;
    expect(llm.requests.length).toBeGreaterThan(0);
    expect(llm.modelListings()).toBe(0);

    for (let i = 0; i < 5; i += 1) {
      const r = await readyz();
      expect(r.status).toBe(200);
      expect(r.body.checks.find((c) => c.name === 'llm')).toEqual({ name: 'llm', ok: true, detail: 'reachable' });
    }
    expect(llm.modelListings()).toBe(1);
  });

  it('an LLM that is down leaves the server ready, saying the deterministic fallback is active', async () => {
    const { readyz } = await serveRuntime(await closedPortUrl());
    const r = await readyz();
    expect(r.status).toBe(200);
    expect(r.body.ok).toBe(true);
    expect(r.body.checks.find((c) => c.name === 'llm')?.detail).toMatch(
      /^unreachable \(.+\), deterministic fallback active$/u,
    );
  });

  it('the probe: HTTP errors, a hanging endpoint (bounded by its timeout) and recovery after the interval', async () => {
    const llm = await startFakeOpenAi();
    closers.push(() => llm.close());
    let clock = 1_000_000;
    const probe = createLlmProbe({
      client: new OpenAI({ apiKey: 'sk-probe', baseURL: llm.url, maxRetries: 0 }),
      timeoutMs: 300,
      intervalMs: 30_000,
      now: () => clock,
    });

    llm.setModels(503);
    expect(await probe.check()).toMatchObject({ reachable: false, reason: 'HTTP 503' });
    llm.setModels('ok');
    // Still the cached verdict inside the interval...
    expect(await probe.check()).toMatchObject({ reachable: false });
    expect(llm.modelListings()).toBe(1);
    clock += 30_000;
    // ...and a fresh one after it.
    expect(await probe.check()).toMatchObject({ reachable: true });

    llm.setModels('hang');
    clock += 30_000;
    const started = Date.now();
    const [a, b] = await Promise.all([probe.check(), probe.check()]);
    expect(a).toMatchObject({ reachable: false, reason: 'timed out' });
    expect(b).toBe(a);
    // Concurrent checks share one probe.
    expect(llm.modelListings()).toBe(3);
    // Bounded: the probe gives up after its timeout, not after the client's default of minutes.
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});
