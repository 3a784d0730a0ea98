import { lookup } from 'node:dns/promises';
import { readFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp } from '../../adapters/http/create-http-app.js';
import type { CallbackResult } from '../../adapters/kakao/callback-client.js';
import { createKakaoRouter, type KakaoRouterDeps } from '../../adapters/kakao/create-kakao-router.js';
import { createChartStore } from '../../src/chart/chart-store.js';
import type { AnswerEvent } from '../../src/engine/answer-types.js';
import { createSilentLogger } from '../../src/logger.js';
import { createOutboundUrlGuard, type Refusal } from '../../src/net/outbound-url-guard.js';
import { createScriptedEngine, scriptedEvents } from '../fakes/kakao-scripted-engine.js';

/*
 * SSRF through the Kakao skill route: payloads whose callbackUrl points inside the network. The route must answer
 * inline (a valid SkillResponse, no useCallback) and a loopback listener must count zero requests. Each refusal is
 * observed through onCallbackRefused / onCallback before the count is read, so nothing can still be on its way.
 */

const official = JSON.parse(readFileSync('test/fixtures/kakao/skill-payload-official.json', 'utf8')) as {
  userRequest: Record<string, unknown>;
};
const payload = (callbackUrl: string) => {
  const p = structuredClone(official);
  p.userRequest.utterance = '코스피 6개월';
  p.userRequest.user = { id: 'ssrf-user', type: 'botUserKey', properties: {} };
  p.userRequest.callbackUrl = callbackUrl;
  return p;
};

async function listen(host: string, port: number, handler: (res: ServerResponse) => void): Promise<Server | undefined> {
  const server = createServer((_req, res) => handler(res));
  return new Promise((resolve) => {
    server.once('error', () => resolve(undefined));
    server.listen(port, host, () => resolve(server));
  });
}

let events: AnswerEvent[];
let hits = 0;
let targets: Server[] = [];
let port = 0;

beforeAll(async () => {
  events = await scriptedEvents({ horizonMonths: 6, scenarioChars: 400 });
  const count = (res: ServerResponse) => {
    hits += 1;
    res.end('{"status":"SUCCESS"}');
  };
  const v4 = (await listen('127.0.0.1', 0, count))!;
  port = (v4.address() as AddressInfo).port;
  const v6 = await listen('::1', port, count);
  targets = v6 ? [v4, v6] : [v4];
});
afterAll(async () => {
  for (const s of targets) await new Promise<void>((r) => s.close(() => r()));
});

async function startRouter(overrides: Partial<KakaoRouterDeps>) {
  // A generated (not cached) answer, so the router would use the callback if it accepted the URL.
  const engine = createScriptedEngine(() => ({ kind: 'replay', events, delayMs: 20 }));
  const charts = createChartStore({ ttlSeconds: 600, maxEntries: 10, backend: { kind: 'memory' } });
  const refusals: Refusal[] = [];
  const callbacks: CallbackResult[] = [];
  const router = createKakaoRouter({
    engine,
    charts,
    publicBaseUrl: undefined,
    inlineBudgetMs: 1_000,
    callbackWaitMs: 50,
    callbackBudgetMs: 1_000,
    callbackValidityMs: 3_000,
    skillSecretHeader: 'x-s',
    logger: createSilentLogger(),
    onCallbackRefused: (r) => refusals.push(r),
    onCallback: (r) => callbacks.push(r),
    ...overrides,
  });
  const server: Server = createServer(
    createHttpApp({
      runtime: { charts, logger: createSilentLogger(), readiness: async () => [] },
      mounts: [{ path: '/kakao', router }],
    }),
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const post = async (body: unknown) => {
    const res = await fetch(`${base}/kakao/skill`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return {
      status: res.status,
      json: (await res.json()) as { version: string; useCallback?: boolean; template?: { outputs: unknown[] } },
    };
  };
  return {
    post,
    refusals,
    callbacks,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe('Kakao skill route: hostile callback URLs', () => {
  it('the default policy (https on bot-api.kakao.com) refuses every internal address form and answers inline', async () => {
    const h = await startRouter({});
    const hostile = [
      `http://127.0.0.1:${port}/v1/callback/x`,
      `http://localhost:${port}/v1/callback/x`,
      `http://2130706433:${port}/v1/callback/x`,
      `http://[::1]:${port}/v1/callback/x`,
      `http://[::ffff:127.0.0.1]:${port}/v1/callback/x`,
      'http://169.254.169.254/latest/meta-data/',
      `https://127.0.0.1:${port}/v1/callback/x`,
    ];
    try {
      for (const url of hostile) {
        const r = await h.post(payload(url));
        expect(r.status, url).toBe(200);
        expect(r.json.useCallback, url).toBeUndefined();
        expect(r.json.template?.outputs.length, url).toBeGreaterThan(0);
      }
      expect(h.refusals).toHaveLength(hostile.length);
      expect(h.callbacks).toHaveLength(0);
    } finally {
      await h.close();
    }
    expect(hits).toBe(0);
  });

  it('with every host allowed (an operator allow-list of "*"), addresses are still checked after DNS: private names and literals refused', async () => {
    const guard = createOutboundUrlGuard({
      allowedHosts: ['*'],
      allowHttp: true,
      resolve: async (host) =>
        host === 'intranet.example'
          ? [{ address: '192.168.0.10', family: 4 }]
          : host === 'loop.example'
            ? [{ address: '127.0.0.1', family: 4 }]
            : lookup(host, { all: true }),
    });
    const h = await startRouter({ callbackGuard: guard });
    const hostile = [
      `http://127.0.0.1:${port}/cb`,
      `http://localhost:${port}/cb`,
      `http://2130706433:${port}/cb`,
      `http://[::1]:${port}/cb`,
      `http://[::ffff:127.0.0.1]:${port}/cb`,
      'http://169.254.169.254/latest/meta-data/',
      `http://intranet.example:${port}/cb`,
      `http://loop.example:${port}/cb`,
    ];
    try {
      for (const url of hostile) {
        const r = await h.post(payload(url));
        expect(r.json.useCallback, url).toBeUndefined();
      }
      expect(h.refusals.map((r) => r.code)).toEqual(hostile.map(() => 'address'));
    } finally {
      await h.close();
      await guard.close();
    }
    expect(hits).toBe(0);
  });

  it('a callback host that redirects to loopback: the POST is not delivered and the redirect is not followed', async () => {
    let redirected = 0;
    const relay = (await listen('127.0.0.2', 0, (res) => {
      redirected += 1;
      res.writeHead(307, { location: `http://127.0.0.1:${port}/cb` }).end();
    }))!;
    const relayPort = (relay.address() as AddressInfo).port;
    // 127.0.0.2 plays a public relay host here; only that address is let through.
    const guard = createOutboundUrlGuard({
      allowedHosts: ['relay.example'],
      allowHttp: true,
      resolve: async () => [{ address: '127.0.0.2', family: 4 }],
      permitAddress: (a) => a === '127.0.0.2',
    });
    const h = await startRouter({ callbackGuard: guard });
    try {
      const r = await h.post(payload(`http://relay.example:${relayPort}/cb`));
      expect(r.json.useCallback).toBe(true);
      await expect.poll(() => h.callbacks.length, { timeout: 5_000 }).toBe(1);
      expect(h.callbacks[0]).toMatchObject({ delivered: false, status: 307, attempts: 1 });
      expect(redirected).toBe(1);
    } finally {
      await h.close();
      await guard.close();
      await new Promise<void>((r) => relay.close(() => r()));
    }
    expect(hits).toBe(0);
  });
});
