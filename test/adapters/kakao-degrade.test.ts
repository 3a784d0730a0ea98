import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp } from '../../adapters/http/create-http-app.js';
import type { CallbackResult } from '../../adapters/kakao/callback-client.js';
import { createKakaoRouter } from '../../adapters/kakao/create-kakao-router.js';
import { createChartStore, type ChartStore } from '../../src/chart/chart-store.js';
import type { AnswerEvent } from '../../src/engine/answer-types.js';
import { RiskXpertError } from '../../src/errors.js';
import { createSilentLogger } from '../../src/logger.js';
import { startKakaoCallbackServer } from '../fakes/kakao-callback-server.js';
import { createScriptedEngine, scenarioOf, scriptedEvents } from '../fakes/kakao-scripted-engine.js';
import { loopbackCallbackGuard } from '../fakes/loopback-callback-guard.js';

/* Kakao degrades per call: a refused chart image leaves the text answer, inline and through the callback. */

const official = JSON.parse(readFileSync('test/fixtures/kakao/skill-payload-official.json', 'utf8')) as {
  userRequest: Record<string, unknown>;
};
const payload = (callbackUrl?: string) => {
  const p = structuredClone(official);
  p.userRequest.utterance = '코스피 6개월';
  p.userRequest.user = { id: 'degrade-user', type: 'botUserKey', properties: {} };
  if (callbackUrl) p.userRequest.callbackUrl = callbackUrl;
  return p;
};
type Outputs = { simpleText?: { text: string }; simpleImage?: { imageUrl: string } }[];

let events: AnswerEvent[];
const closers: (() => Promise<unknown>)[] = [];
beforeAll(async () => {
  events = await scriptedEvents({ horizonMonths: 6, scenarioChars: 300 });
});
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

async function start(charts: ChartStore) {
  const callbacks: CallbackResult[] = [];
  const server: Server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const guard = loopbackCallbackGuard();
  const router = createKakaoRouter({
    engine: createScriptedEngine(() => ({ kind: 'replay', events, delayMs: 10 })),
    charts,
    publicBaseUrl: base,
    inlineBudgetMs: 1_500,
    callbackWaitMs: 50,
    callbackBudgetMs: 2_000,
    callbackValidityMs: 5_000,
    skillSecretHeader: 'x-s',
    logger: createSilentLogger(),
    callbackGuard: guard,
    onCallback: (r) => callbacks.push(r),
  });
  server.on(
    'request',
    createHttpApp({
      runtime: { charts, logger: createSilentLogger(), readiness: async () => [] },
      mounts: [{ path: '/kakao', router }],
    }),
  );
  closers.push(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
    await guard.close();
  });
  const post = async (body: unknown) =>
    (await (
      await fetch(`${base}/kakao/skill`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    ).json()) as { useCallback?: boolean; template?: { outputs: Outputs } };
  return { post, callbacks };
}

const memoryCharts = () => createChartStore({ ttlSeconds: 600, maxEntries: 10, backend: { kind: 'memory' } });

describe('Kakao degrades per call', () => {
  it('callback: Kakao refuses the answer with the chart image ("Invalid json response from bot-skill.") → the text answer goes again without it', async () => {
    const cb = await startKakaoCallbackServer({ validityMs: 5_000, refuseImages: true });
    closers.push(() => cb.close());
    const h = await start(memoryCharts());
    const r = await h.post(payload(cb.issue()));
    expect(r.useCallback).toBe(true);
    await expect.poll(() => h.callbacks.length, { timeout: 8_000 }).toBe(1);
    expect(h.callbacks[0]).toMatchObject({ delivered: true, imageDropped: true, attempts: 2 });
    expect(cb.arrivals.map((a) => a.accepted)).toEqual([false, true]);
    const delivered = (cb.arrivals[1]!.body as { template: { outputs: Outputs } }).template.outputs;
    expect(delivered.some((o) => o.simpleImage)).toBe(false);
    const text = delivered.map((o) => o.simpleText?.text ?? '').join('\n');
    const summary = events.find((e) => e.type === 'summary') as Extract<AnswerEvent, { type: 'summary' }>;
    expect(text).toContain(summary.text);
    expect(text.replace(/\s+/gu, '')).toContain(scenarioOf(events).replace(/\s+/gu, '').slice(0, 100));
  });

  it('inline: a chart store that refuses the image leaves the summary and scenario', async () => {
    const failing: ChartStore = {
      put: async () => {
        throw new RiskXpertError('CACHE_UNAVAILABLE', 'Cannot store chart: Connection is closed.');
      },
      get: async () => undefined,
    };
    const h = await start(failing);
    const r = await h.post(payload());
    const outputs = r.template!.outputs;
    expect(outputs.some((o) => o.simpleImage)).toBe(false);
    const summary = events.find((e) => e.type === 'summary') as Extract<AnswerEvent, { type: 'summary' }>;
    expect(outputs[0]!.simpleText!.text).toBe(summary.text);
    expect(outputs.length).toBeGreaterThanOrEqual(2);
  });
});
