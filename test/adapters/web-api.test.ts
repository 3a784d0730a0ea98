import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createSilentLogger } from '../../src/logger.js';
import { createRuntime } from '../../src/runtime.js';
import { createWebRouterFromRuntime } from '../../adapters/web/web-from-runtime.js';
import { createHttpApp } from '../../adapters/http/create-http-app.js';
import { createScriptedEngine, scriptedEvents } from '../fakes/kakao-scripted-engine.js';
import { startWebHarness, type WebHarness } from '../e2e/web-harness.js';
import { loginOverHttp, readSse } from '../e2e/web-login-helper.js';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of closers.reverse()) await c();
});

async function harness(...args: Parameters<typeof startWebHarness>): Promise<WebHarness> {
  const h = await startWebHarness(...args);
  closers.push(() => h.close());
  return h;
}

const forecast = (base: string, token: string, body: unknown, signal?: AbortSignal) =>
  fetch(`${base}/api/forecast`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });

describe('POST /api/forecast: the real engine streamed as Server-Sent Events', () => {
  let h: WebHarness;
  let token: string;
  beforeAll(async () => {
    h = await harness({ WEB_FORECASTS_PER_MINUTE: '3' });
    token = (await loginOverHttp(h.base)).accessToken;
  });

  it('streams forecast, chart (a URL, not bytes), summary, scenario deltas and done, in that order', async () => {
    const res = await forecast(h.base, token, {
      question: '앞으로 3개월 S&P 500 어때?',
      horizonMonths: 3,
      locale: 'ko',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(res.headers.get('cache-control')).toMatch(/no-cache/u);
    const events = (await readSse(res)).filter((e) => e.event !== ':');
    const kinds = [...new Set(events.map((e) => e.event))];
    expect(kinds).toEqual(['forecast', 'chart', 'summary', 'scenario-delta', 'done']);
    const f = events[0]!.data as {
      indicator: { id: string };
      horizonMonths: number;
      median: number[];
      low: number[];
      high: number[];
    };
    expect(f.indicator.id).toBe('sp500');
    expect(f.horizonMonths).toBe(3);
    expect(f.median).toHaveLength(3);
    expect(f.low[2]).toBeLessThan(f.median[2]!);
    expect(f.high[2]).toBeGreaterThan(f.median[2]!);
    const chart = events.find((e) => e.event === 'chart')!.data as { url: string; hash: string };
    expect(chart.url).toMatch(/^\/charts\/[A-Za-z0-9_-]{43}\.png$/u);
    expect(JSON.stringify(chart)).not.toMatch(/"png"/u);
    const png = await fetch(`${h.base}${chart.url}`);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(
      Buffer.from(await png.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
    const scenario = events
      .filter((e) => e.event === 'scenario-delta')
      .map((e) => (e.data as { text: string }).text)
      .join('');
    expect(scenario.length).toBeGreaterThan(50);
    const done = events.at(-1)!.data as { conversationId: string };
    // The answer lands in the user's history (written in the background by the retrying writer).
    let items: { id: string; question: string; summary: string; scenario: string; chartUrl: string | null }[] = [];
    for (let i = 0; i < 50 && !items.some((x) => x.id === done.conversationId); i += 1) {
      items = (
        (await (await fetch(`${h.base}/api/history`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
          items: typeof items;
        }
      ).items;
      await new Promise((r) => setTimeout(r, 50));
    }
    const mine = items.find((x) => x.id === done.conversationId)!;
    expect(mine).toMatchObject({ question: '앞으로 3개월 S&P 500 어때?', scenario, chartUrl: chart.url });
    expect(mine.summary).toBe((events.find((e) => e.event === 'summary')!.data as { text: string }).text);
  });

  it('shows one user only their own history', async () => {
    h.kakao.setUser({ id: 777, nickname: '다른 사람' });
    try {
      const other = await loginOverHttp(h.base);
      const res = await fetch(`${h.base}/api/history`, { headers: { authorization: `Bearer ${other.accessToken}` } });
      expect(((await res.json()) as { items: unknown[] }).items).toEqual([]);
    } finally {
      h.kakao.setUser({ id: 4_242_424_242, nickname: '테스트 사용자' });
    }
  });

  it('validates the body with zod before the engine runs: 400 with the field named', async () => {
    for (const [body, field] of [
      [{}, 'question'],
      [{ question: '' }, 'question'],
      [{ question: 'x'.repeat(501) }, 'question'],
      [{ question: 'ok?', horizonMonths: 25 }, 'horizonMonths'],
      [{ question: 'ok?', horizonMonths: 2.5 }, 'horizonMonths'],
      [{ question: 'ok?', indicatorId: 'bitcoin' }, 'indicatorId'],
      [{ question: 'ok?', indicatorId: 'stock:5930' }, 'indicatorId'],
      [{ question: 'ok?', locale: 'fr' }, 'locale'],
      [{ question: 'ok?', $where: '1' }, 'body'],
    ] as const) {
      const res = await forecast(h.base, token, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toContain(
        field === 'body' ? 'Unrecognized key' : field,
      );
    }
    const notJson = await fetch(`${h.base}/api/forecast`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{',
    });
    expect(notJson.status).toBe(400);
  });

  it('limits questions per user per minute (429 with Retry-After) without touching other users', async () => {
    // 3 a minute: one was used by the first test; two more pass, the next is refused.
    for (let i = 0; i < 2; i += 1) await readSse(await forecast(h.base, token, { question: `S&P 500 ${i + 4}개월` }));
    const res = await forecast(h.base, token, { question: 'S&P 500 7개월' });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await res.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    h.kakao.setUser({ id: 888, nickname: 'B' });
    try {
      const other = await loginOverHttp(h.base);
      expect((await forecast(h.base, other.accessToken, { question: 'S&P 500 7개월' })).status).toBe(200);
    } finally {
      h.kakao.setUser({ id: 4_242_424_242, nickname: '테스트 사용자' });
    }
  });

  it("passes the engine's question back (clarify) through, and a choice POSTed back completes the answer", async () => {
    h.kakao.setUser({ id: 999, nickname: 'C' });
    const other = await loginOverHttp(h.base).finally(() =>
      h.kakao.setUser({ id: 4_242_424_242, nickname: '테스트 사용자' }),
    );
    const res = await forecast(h.base, other.accessToken, { question: '비트코인 3개월 어때?' });
    expect(res.status).toBe(200);
    const events = await readSse(res);
    expect(events.map((e) => e.event)).toEqual(['clarify']);
    const asked = events[0]!.data as {
      reason: string;
      message: string;
      choices: { label: string; indicatorId: string; horizonMonths?: number }[];
    };
    expect(asked.reason).toBe('unsupported-subject');
    expect(asked.message).toMatch(/가상자산은 예측하지 않아요/u);
    const choice = asked.choices.find((c) => c.indicatorId === 'sp500')!;
    expect(choice).toMatchObject({ label: 'S&P 500', horizonMonths: 3 });
    const answered = await readSse(
      await forecast(h.base, other.accessToken, {
        question: '비트코인 3개월 어때?',
        indicatorId: choice.indicatorId,
        horizonMonths: choice.horizonMonths,
      }),
    );
    expect(answered.map((e) => e.event)).toContain('forecast');
    expect(answered.find((e) => e.event === 'forecast')?.data).toMatchObject({
      indicator: { id: 'sp500' },
      horizonMonths: 3,
      // The offline sample is daily: the page names its last day.
      frequency: 'D',
    });
    expect(answered.at(-1)?.event).toBe('done');
  });

  it('security headers on the page: CSP with our own script only, no framing, nosniff, no referrer; CORS closed', async () => {
    const page = await fetch(`${h.base}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script src="/app.js" defer></script>');
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const pre = await fetch(`${h.base}/api/forecast`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(pre.status).toBe(403);
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    const get = await fetch(`${h.base}/api/indicators`, { headers: { origin: 'https://evil.example' } });
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
    expect(await get.json()).toEqual({
      indicators: [{ id: 'sp500', nameKo: 'S&P 500', nameEn: 'S&P 500', unit: 'pt', unitKo: '포인트' }],
    });
    // The page's files go out compressed (fetch asks for gzip/br and undoes it; the header stays visible).
    const script = await fetch(`${h.base}/app.js`);
    expect(script.headers.get('content-encoding')).toMatch(/^(gzip|br|deflate)$/u);
    expect((await script.text()).length).toBeGreaterThan(1000);
    // No web fonts any more: the system's fonts render the page.
    expect((await fetch(`${h.base}/fonts/Pretendard-Regular.subset.woff2`)).status).toBe(404);
  });
});

describe('SSE connection handling with a scripted engine', () => {
  it('sends heartbeats while the engine thinks, and aborts the engine when the client goes away', async () => {
    const engine = createScriptedEngine(() => ({ kind: 'engine-hangs', events: [] }));
    const h = await harness({}, { engine, heartbeatMs: 100 });
    const { accessToken } = await loginOverHttp(h.base);
    const controller = new AbortController();
    const res = await forecast(h.base, accessToken, { question: 'S&P 500 6개월' }, controller.signal);
    let pings = 0;
    await readSse(res, (e) => e.event === ':' && (pings += 1) >= 3);
    controller.abort();
    for (let i = 0; i < 100 && engine.calls[0]?.abortedAt === undefined; i += 1)
      await new Promise((r) => setTimeout(r, 20));
    expect(pings).toBe(3);
    expect(engine.calls).toHaveLength(1);
    expect(engine.calls[0]!.abortedAt).toBeDefined();
    expect(engine.calls[0]!.request).toMatchObject({ platform: 'web', userId: 'web:kakao:4242424242' });
    expect(engine.calls[0]!.options.deadline).toBeGreaterThan(Date.now());
  });

  it("passes the page's explicit choices to the engine and streams each delta as its own event", async () => {
    const events = await scriptedEvents({ scenarioChars: 400 });
    const engine = createScriptedEngine(() => ({ kind: 'replay', events, delayMs: 5 }));
    const h = await harness({}, { engine });
    const { accessToken } = await loginOverHttp(h.base);
    const got = await readSse(
      await forecast(h.base, accessToken, { question: 'how?', indicatorId: 'kospi', horizonMonths: 12, locale: 'en' }),
    );
    expect(engine.calls[0]!.request).toMatchObject({
      indicatorId: 'kospi',
      horizonMonths: 12,
      locale: 'en',
      question: 'how?',
    });
    expect(got.filter((e) => e.event === 'scenario-delta')).toHaveLength(
      events.filter((e) => e.type === 'scenario-delta').length,
    );
    // A stock picked on a clarify button ("삼성" → 삼성SDI) is passed on as its stock id.
    await readSse(
      await forecast(h.base, accessToken, { question: '삼성 전망', indicatorId: 'stock:006400', horizonMonths: 6 }),
    );
    expect(engine.calls[1]!.request).toMatchObject({ indicatorId: 'stock:006400', horizonMonths: 6 });
  });

  it("with allowed origins configured, answers their preflight and no one else's", async () => {
    const h = await harness({ WEB_ALLOWED_ORIGINS: 'https://app.example.com' });
    const ok = await fetch(`${h.base}/api/forecast`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST' },
    });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(ok.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(ok.headers.get('access-control-allow-credentials')).toBeNull();
    const no = await fetch(`${h.base}/api/forecast`, {
      method: 'OPTIONS',
      headers: { origin: 'https://other.example.com', 'access-control-request-method': 'POST' },
    });
    expect(no.status).toBe(403);
  });
});

describe('web login switched off', () => {
  it('production without WEB_JWT_SECRET: the page is served, login and API answer 503 with the reason', async () => {
    const runtime = await createRuntime(
      loadConfig({
        NODE_ENV: 'production',
        FORECASTER: 'drift',
        KAKAO_REST_API_KEY: 'k',
        PUBLIC_BASE_URL: 'https://bot.example.com',
      }),
      { logger: createSilentLogger() },
    );
    const web = createWebRouterFromRuntime(runtime);
    expect(web.notices.join('\n')).toMatch(/Kakao login is off \(set WEB_JWT_SECRET\)/u);
    const app = createHttpApp({ runtime, mounts: [{ path: '/', router: web.router }] });
    const server: Server = await new Promise((r) => {
      const s = app.listen(0, '127.0.0.1', () => r(s));
    });
    closers.push(async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await runtime.close();
    });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    expect((await fetch(`${base}/`)).status).toBe(200);
    expect(await (await fetch(`${base}/api/config`)).json()).toEqual({ login: false });
    const login = await fetch(`${base}/auth/kakao/login`, { redirect: 'manual' });
    expect(login.status).toBe(503);
    expect(((await login.json()) as { error: { message: string } }).error.message).toContain('WEB_JWT_SECRET');
  });

  it('development without WEB_JWT_SECRET: a random per-process key, said so', async () => {
    const runtime = await createRuntime(
      loadConfig({ FORECASTER: 'drift', KAKAO_REST_API_KEY: 'k', PUBLIC_BASE_URL: 'http://localhost:8080' }),
      { logger: createSilentLogger() },
    );
    closers.push(() => runtime.close());
    const web = createWebRouterFromRuntime(runtime);
    expect(web.notices).toEqual([
      'web: WEB_JWT_SECRET is not set; using a random key for this process (web sessions end when it restarts)',
    ]);
  });
});
