import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp } from '../../adapters/http/create-http-app.js';
import type { CallbackResult, FetchLike } from '../../adapters/kakao/callback-client.js';
import { createKakaoRouter, type KakaoRouterDeps } from '../../adapters/kakao/create-kakao-router.js';
import { createChartStore } from '../../src/chart/chart-store.js';
import type { AnswerEvent, AnswerRequest } from '../../src/engine/answer-types.js';
import { createSilentLogger } from '../../src/logger.js';
import { startKakaoCallbackServer } from '../fakes/kakao-callback-server.js';
import { loopbackCallbackGuard } from '../fakes/loopback-callback-guard.js';
import { createScriptedEngine, scenarioOf, scriptedEvents, type Script } from '../fakes/kakao-scripted-engine.js';
import { waitUntil } from '../fakes/wait-until.js';

/*
 * The Kakao router at its boundary: a scripted Engine (fast, slow, cached, LLM that hangs, engine that hangs,
 * errors) behind the real HTTP app over loopback, with time budgets scaled down from Kakao's 5 s / 60 s so the
 * whole file runs in seconds. The real-runtime end-to-end run is in kakao-skill.test.ts.
 */

const official = JSON.parse(readFileSync('test/fixtures/kakao/skill-payload-official.json', 'utf8')) as Record<
  string,
  unknown
>;

function payload(
  utterance: string,
  extra: {
    callbackUrl?: string;
    userId?: string;
    params?: Record<string, string>;
    detailOnly?: boolean;
    surface?: string;
  } = {},
) {
  const p = structuredClone(official) as { userRequest: Record<string, unknown>; action: Record<string, unknown> };
  p.userRequest.utterance = utterance;
  p.userRequest.user = {
    id: extra.userId ?? 'router-user',
    type: 'botUserKey',
    properties: { plusfriendUserKey: 'pf-1', isFriend: true },
  };
  if (extra.surface) p.userRequest.params = { surface: extra.surface, ignoreMe: 'true' };
  if (extra.callbackUrl) p.userRequest.callbackUrl = extra.callbackUrl;
  if (extra.params) {
    if (!extra.detailOnly) p.action.params = extra.params;
    p.action.detailParams = Object.fromEntries(
      Object.entries(extra.params).map(([k, v]) => [k, { origin: v, value: v, groupName: '' }]),
    );
  }
  return p;
}

interface SkillJson {
  version: string;
  useCallback?: boolean;
  data?: { text?: string };
  template?: {
    outputs: { simpleText?: { text: string }; simpleImage?: { imageUrl: string; altText: string } }[];
    quickReplies?: { label: string; action: string; messageText: string }[];
  };
}

/** The documented SkillResponse limits, checked here independently of the adapter's own validator. */
function expectValid(r: SkillJson) {
  expect(r.version).toBe('2.0');
  if (r.useCallback) {
    expect(r.template).toBeUndefined();
    return;
  }
  const outputs = r.template?.outputs ?? [];
  expect(outputs.length).toBeGreaterThanOrEqual(1);
  expect(outputs.length).toBeLessThanOrEqual(3);
  for (const o of outputs) {
    expect(Object.keys(o)).toHaveLength(1);
    if (o.simpleText) {
      expect(Array.from(o.simpleText.text).length).toBeLessThanOrEqual(1000);
      expect(o.simpleText.text.trim()).not.toBe('');
    } else {
      expect(o.simpleImage).toBeDefined();
      expect(o.simpleImage!.imageUrl).toMatch(/^https?:\/\//u);
      expect(Array.from(o.simpleImage!.altText).length).toBeLessThanOrEqual(50);
    }
  }
  const replies = r.template?.quickReplies ?? [];
  expect(replies.length).toBeLessThanOrEqual(10);
  expect(new Set(replies.map((q) => q.label)).size).toBe(replies.length);
  for (const q of replies) {
    expect(Array.from(q.label).length).toBeGreaterThan(0);
    expect(Array.from(q.label).length).toBeLessThanOrEqual(14);
    expect(q.action).toBe('message');
    expect(q.messageText.trim()).not.toBe('');
  }
}

const texts = (r: SkillJson) => (r.template?.outputs ?? []).map((o) => o.simpleText?.text ?? '').join('\n');
const labels = (r: SkillJson) => (r.template?.quickReplies ?? []).map((q) => q.label);
const squash = (s: string) => s.replace(/\s+/gu, '');

interface Harness {
  base: string;
  calls: ReturnType<typeof createScriptedEngine>['calls'];
  callbacks: CallbackResult[];
  /** The router's inline-or-callback decision per request that had a callback URL. */
  replies: { requestId: string; mode: 'inline' | 'callback' }[];
  close(): Promise<void>;
}

/** Scaled budgets: inline 600 ms (Kakao 5 s), callback URL 5 s (Kakao 60 s), engine deadline 2.5 s into it. */
const SCALED = {
  inlineBudgetMs: 600,
  callbackWaitMs: 100,
  callbackBudgetMs: 2_500,
  callbackValidityMs: 5_000,
} as const;

async function startRouter(
  pick: (r: AnswerRequest) => Script,
  overrides: Partial<KakaoRouterDeps> = {},
): Promise<Harness> {
  const engine = createScriptedEngine(pick);
  const charts = createChartStore({ ttlSeconds: 600, maxEntries: 100, backend: { kind: 'memory' } });
  const logger = createSilentLogger();
  // the server listens first: the router needs its address as the public base URL of chart images
  const server: Server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const callbacks: CallbackResult[] = [];
  const replies: Harness['replies'] = [];
  const router = createKakaoRouter({
    engine,
    charts,
    publicBaseUrl: base,
    skillSecretHeader: 'x-skill-secret',
    logger,
    ...SCALED,
    callbackGuard: loopbackCallbackGuard(),
    onCallback: (r) => callbacks.push(r),
    onReply: (r) => replies.push(r),
    ...overrides,
  });
  const app: Express = createHttpApp({
    runtime: { charts, logger, readiness: async () => [] },
    mounts: [{ path: '/kakao', router }],
  });
  server.on('request', app);
  return {
    base,
    calls: engine.calls,
    callbacks,
    replies,
    async close() {
      if (!server.listening) return;
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

async function post(base: string, body: unknown, headers: Record<string, string> = {}) {
  const t0 = Date.now();
  const res = await fetch(`${base}/kakao/skill`, {
    method: 'POST',
    headers: { 'content-type': 'application/json;charset=UTF-8', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    json: JSON.parse(text) as SkillJson,
    ms: Date.now() - t0,
  };
}

/** Taps "시나리오 더 보기" until it is no longer offered; returns every page shown. */
async function readAllPages(base: string, userId: string): Promise<string[]> {
  const pages: string[] = [];
  for (let i = 0; i < 20; i += 1) {
    const r = await post(base, payload('시나리오 더 보기', { userId }));
    expectValid(r.json);
    // (a tap that finds no new whole sentence yet says so; it adds nothing to the scenario)
    if (!/아직 시나리오를 쓰고 있어요/u.test(texts(r.json))) pages.push(texts(r.json));
    if (!labels(r.json).includes('시나리오 더 보기')) return pages;
  }
  throw new Error('"시나리오 더 보기" never ended');
}

let fast: AnswerEvent[];
let long: AnswerEvent[];
beforeAll(async () => {
  fast = await scriptedEvents({ horizonMonths: 6, scenarioChars: 500 });
  long = await scriptedEvents({ horizonMonths: 6, scenarioChars: 3_200 });
});

describe('Kakao router: inline answers (no callback URL)', () => {
  it('maps the payload onto the engine request and answers with chart PNG, summary and scenario inside the budget', async () => {
    const h = await startRouter(() => ({ kind: 'replay', events: fast }));
    try {
      const r = await post(h.base, payload('앞으로 6개월 코스피 어때?', { userId: 'u-map' }));
      expect(r.status).toBe(200);
      expect(r.type).toMatch(/application\/json/u);
      expectValid(r.json);
      expect(h.calls[0]!.request).toMatchObject({
        platform: 'kakao',
        userId: 'kakao:u-map',
        question: '앞으로 6개월 코스피 어때?',
        locale: 'ko',
      });
      // the engine was told when the inline answer must be ready
      expect(h.calls[0]!.options.deadline).toBeGreaterThan(h.calls[0]!.startedAt);
      expect(h.calls[0]!.options.deadline! - h.calls[0]!.startedAt).toBeLessThanOrEqual(SCALED.inlineBudgetMs);
      const [image, summary, scenario] = r.json.template!.outputs;
      expect(image!.simpleImage!.imageUrl).toMatch(new RegExp(`^${h.base}/charts/[A-Za-z0-9_-]{40,}\\.png$`, 'u'));
      const png = await fetch(image!.simpleImage!.imageUrl);
      expect(png.headers.get('content-type')).toBe('image/png');
      const bytes = Buffer.from(await png.arrayBuffer());
      expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
      expect(bytes.length).toBeGreaterThan(1_000);
      expect(summary!.simpleText!.text).toMatch(/코스피는 6개월 뒤/u);
      expect(squash(scenario!.simpleText!.text)).toBe(squash(scenarioOf(fast)));
      expect(labels(r.json)).toEqual(expect.arrayContaining(['3개월 전망', '12개월 전망', '알림 받기']));
      expect(labels(r.json)).not.toContain('6개월 전망');
      expect(labels(r.json)).not.toContain('시나리오 더 보기');
    } finally {
      await h.close();
    }
  });

  it('reuses one chart URL for the same chart (no store write per cached answer) and a new one for another chart', async () => {
    const other = await scriptedEvents({ horizonMonths: 12 });
    const h = await startRouter((r) => ({
      kind: 'replay',
      events: r.question.includes('12') ? other : fast,
      cached: true,
    }));
    try {
      const url = async (q: string) =>
        (await post(h.base, payload(q))).json.template!.outputs[0]!.simpleImage!.imageUrl;
      const [a, b, c] = [await url('코스피 6개월'), await url('코스피 6개월'), await url('코스피 12개월')];
      expect(a).toBe(b);
      expect(c).not.toBe(a);
      for (const u of [a, c]) expect((await fetch(u)).headers.get('content-type')).toBe('image/png');
    } finally {
      await h.close();
    }
  });

  it('takes indicator and horizon from block entities (action.params or detailParams alone)', async () => {
    const h = await startRouter(() => ({ kind: 'replay', events: fast }));
    try {
      await post(h.base, payload('전망 알려줘', { params: { indicator: 'kospi', months: '3' } }));
      await post(
        h.base,
        payload('전망 알려줘', { params: { indicator: '원달러 환율', months: '12개월' }, detailOnly: true }),
      );
      expect(h.calls[0]!.request).toMatchObject({ indicatorId: 'kospi', horizonMonths: 3 });
      expect(h.calls[1]!.request).toMatchObject({ indicatorId: 'usdkrw', horizonMonths: 12 });
    } finally {
      await h.close();
    }
  });

  it('a slow generation: answers with what is ready before the budget, the rest (nothing lost) via "시나리오 더 보기"', async () => {
    // 40+ events 60 ms apart: the summary is ready in time, the scenario is still streaming at the budget
    // (the hard stop on background answers is the callback validity: give this one room to finish)
    const h = await startRouter(() => ({ kind: 'replay', events: long, delayMs: 60 }), { callbackValidityMs: 30_000 });
    try {
      const r = await post(h.base, payload('코스피 6개월', { userId: 'u-slow' }));
      expectValid(r.json);
      expect(r.ms).toBeLessThan(4_500); // Kakao's 5 s, with room for a slow machine
      expect(h.calls[0]!.finishedAt).toBeUndefined(); // answered before the engine was done
      expect(labels(r.json)[0]).toBe('시나리오 더 보기');
      const inline = texts(r.json);
      expect(inline).toMatch(/코스피는 6개월 뒤/u);
      const pages = await readAllPages(h.base, 'u-slow');
      const shown = squash([inline, ...pages].join(''));
      // every sentence of the scenario reached the user, in order
      expect(shown).toContain(squash(scenarioOf(long)));
      expect(pages.at(-1)).not.toMatch(/더 보여 드릴 내용이 없어요/u);
    } finally {
      await h.close();
    }
  });

  it('an engine stuck before the summary still answers inside the budget and stays honest', async () => {
    const h = await startRouter(() => ({ kind: 'engine-hangs', events: fast }));
    try {
      const r = await post(h.base, payload('코스피 6개월', { userId: 'u-stuck' }));
      expectValid(r.json);
      expect(r.ms).toBeLessThan(4_500);
      expect(r.json.template!.outputs.some((o) => o.simpleImage)).toBe(true);
      expect(texts(r.json)).toMatch(/준비/u);
    } finally {
      await h.close();
    }
  });

  it('pages a long finished scenario at sentence ends, every page <= 1000 chars, nothing repeated or lost', async () => {
    const h = await startRouter(() => ({ kind: 'replay', events: long }));
    try {
      const r = await post(h.base, payload('코스피 6개월', { userId: 'u-long' }));
      expectValid(r.json);
      const first = r.json.template!.outputs[2]!.simpleText!.text;
      expect(first).toMatch(/[.!?요다]$/u);
      const pages = await readAllPages(h.base, 'u-long');
      expect(pages.length).toBeGreaterThanOrEqual(3);
      for (const p of pages.slice(0, -1)) expect(p).toMatch(/[.!?요다]$/u);
      expect(squash([first, ...pages].join(''))).toBe(squash(scenarioOf(long)));
      const after = await post(h.base, payload('시나리오 더 보기', { userId: 'u-long' }));
      expect(texts(after.json)).toMatch(/더 보여 드릴 내용이 없어요/u);
      // another user's pages are their own
      const other = await post(h.base, payload('시나리오 더 보기', { userId: 'u-someone-else' }));
      expect(texts(other.json)).toMatch(/더 보여 드릴 내용이 없어요/u);
    } finally {
      await h.close();
    }
  });

  it('turns engine error events into a valid SkillResponse carrying the friendly message', async () => {
    const h = await startRouter(() => ({
      kind: 'error',
      code: 'UNKNOWN_INDICATOR',
      message: '어떤 지표인지 모르겠어요. 예측할 수 있는 지표: 코스피, S&P 500.',
    }));
    try {
      const r = await post(h.base, payload('비트코인 어때?'));
      expect(r.status).toBe(200);
      expectValid(r.json);
      expect(texts(r.json)).toMatch(/예측할 수 있는 지표/u);
    } finally {
      await h.close();
    }
  });
});

describe('Kakao router: the callback path', () => {
  let cb: Awaited<ReturnType<typeof startKakaoCallbackServer>>;
  beforeAll(async () => {
    cb = await startKakaoCallbackServer({ validityMs: SCALED.callbackValidityMs });
  });
  afterAll(async () => {
    await cb.close();
  });
  const arrivalsFor = (url: string) => cb.arrivals.filter((a) => url.endsWith(a.token));

  it('a cached answer goes inline even when the block has a callback URL, and the URL is left unused', async () => {
    const h = await startRouter(() => ({ kind: 'replay', events: fast, cached: true }));
    try {
      const url = cb.issue();
      const r = await post(h.base, payload('코스피 6개월', { callbackUrl: url }));
      expectValid(r.json);
      expect(r.json.useCallback).toBeUndefined();
      expect(texts(r.json)).toMatch(/코스피는 6개월 뒤/u);
      // the inline path returns before any delivery starts; once the server is closed nothing can POST later
      expect(h.replies).toMatchObject([{ mode: 'inline' }]);
      await h.close();
      expect(h.callbacks).toHaveLength(0);
      expect(arrivalsFor(url)).toHaveLength(0);
    } finally {
      await h.close();
    }
  });

  it('a refusal goes inline too', async () => {
    const h = await startRouter(() => ({
      kind: 'error',
      code: 'HORIZON_OUT_OF_RANGE',
      message: '기간은 1~24개월 사이로 물어봐 주세요.',
    }));
    try {
      const url = cb.issue();
      const r = await post(h.base, payload('코스피 100개월', { callbackUrl: url }));
      expectValid(r.json);
      expect(texts(r.json)).toMatch(/1~24개월/u);
      expect(h.replies).toMatchObject([{ mode: 'inline' }]);
      await h.close();
      expect(h.callbacks).toHaveLength(0);
      expect(arrivalsFor(url)).toHaveLength(0);
    } finally {
      await h.close();
    }
  });

  it('a generated answer: useCallback at once, then exactly one valid POST with chart, summary and scenario', async () => {
    const h = await startRouter(() => ({ kind: 'replay', events: fast, delayMs: 20 }));
    try {
      const url = cb.issue();
      const t0 = Date.now();
      const r = await post(h.base, payload('코스피 6개월', { callbackUrl: url, userId: 'u-cb' }));
      expect(r.json).toMatchObject({ version: '2.0', useCallback: true });
      expectValid(r.json);
      expect(r.json.data?.text).toBeTruthy();
      expect(h.replies).toMatchObject([{ mode: 'callback' }]);
      // a finished delivery cannot POST again, so its recorded result is the point to count arrivals
      await waitUntil(
        () => h.callbacks.length === 1,
        'the callback delivery to finish',
        SCALED.callbackValidityMs + 2_000,
      );
      const got = arrivalsFor(url);
      expect(got).toHaveLength(1);
      expect(got[0]!.accepted).toBe(true);
      expect(got[0]!.at - t0).toBeLessThan(SCALED.callbackValidityMs);
      const body = got[0]!.body as SkillJson;
      expectValid(body);
      expect(body.template!.outputs[0]!.simpleImage).toBeDefined();
      const png = await fetch(body.template!.outputs[0]!.simpleImage!.imageUrl);
      expect(
        Buffer.from(await png.arrayBuffer())
          .subarray(0, 4)
          .toString('hex'),
      ).toBe('89504e47');
      expect(texts(body)).toMatch(/코스피는 6개월 뒤/u);
      expect(h.callbacks).toMatchObject([{ delivered: true, attempts: 1 }]);
    } finally {
      await h.close();
    }
  });

  it('an LLM that hangs: the engine gets a deadline that leaves room for the POST; the fallback arrives in time', async () => {
    const h = await startRouter(() => ({ kind: 'llm-hangs', events: fast, reserveMs: 300 }));
    try {
      const url = cb.issue();
      const t0 = Date.now();
      const r = await post(h.base, payload('코스피 6개월', { callbackUrl: url, userId: 'u-llm' }));
      expect(r.json.useCallback).toBe(true);
      const deadline = h.calls[0]!.options.deadline!;
      expect(deadline).toBeGreaterThan(t0);
      expect(deadline).toBeLessThan(t0 + SCALED.callbackValidityMs - 500);
      await cb.waitForArrivals(cb.arrivals.length + 1, SCALED.callbackValidityMs + 2_000);
      const got = arrivalsFor(url);
      expect(got).toHaveLength(1);
      expect(got[0]!.accepted).toBe(true);
      expect(got[0]!.at - t0).toBeLessThan(SCALED.callbackValidityMs);
      expectValid(got[0]!.body as SkillJson);
      expect(texts(got[0]!.body as SkillJson)).toMatch(/코스피는 6개월 뒤/u);
    } finally {
      await h.close();
    }
  });

  it('an engine that ignores its deadline: a fallback answer is still POSTed inside the minute, and the engine is aborted', async () => {
    const h = await startRouter(() => ({ kind: 'engine-hangs', events: fast }));
    try {
      const url = cb.issue();
      const t0 = Date.now();
      const r = await post(h.base, payload('코스피 6개월', { callbackUrl: url, userId: 'u-hang' }));
      expect(r.json.useCallback).toBe(true);
      await cb.waitForArrivals(cb.arrivals.length + 1, SCALED.callbackValidityMs + 2_000);
      const got = arrivalsFor(url);
      expect(got).toHaveLength(1);
      expect(got[0]!.accepted).toBe(true);
      expect(got[0]!.at - t0).toBeLessThan(SCALED.callbackValidityMs);
      const body = got[0]!.body as SkillJson;
      expectValid(body);
      // what was ready (the chart) plus an honest line, not silence
      expect(body.template!.outputs.some((o) => o.simpleImage)).toBe(true);
      expect(texts(body)).toMatch(/준비/u);
      await waitUntil(() => h.calls[0]!.abortedAt !== undefined, 'the hung engine to be aborted');
      expect(h.calls[0]!.abortedAt).toBeDefined();
    } finally {
      await h.close();
    }
  });

  it('retries a POST that never reached Kakao, and never POSTs again after Kakao refused one', async () => {
    let failNext = true;
    const flaky: FetchLike = async (url, init) => {
      if (failNext) {
        failNext = false;
        throw new TypeError('fetch failed: socket hang up');
      }
      return fetch(url, init);
    };
    const h = await startRouter(() => ({ kind: 'replay', events: fast, delayMs: 5 }), { fetch: flaky });
    try {
      const url = cb.issue();
      await post(h.base, payload('코스피 6개월', { callbackUrl: url }));
      await waitUntil(
        () => h.callbacks.length === 1,
        'the first delivery to finish',
        SCALED.callbackValidityMs + 2_000,
      );
      expect(arrivalsFor(url)).toHaveLength(1);
      expect(h.callbacks[0]).toMatchObject({ delivered: true, attempts: 2 });

      // a URL Kakao already considers used: one refused POST, no retry
      const used = cb.issue();
      await fetch(used, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ version: '2.0', template: { outputs: [{ simpleText: { text: 'x' } }] } }),
      });
      await post(h.base, payload('코스피 6개월', { callbackUrl: used }));
      await waitUntil(
        () => h.callbacks.length === 2,
        'the refused delivery to finish',
        SCALED.callbackValidityMs + 2_000,
      );
      expect(arrivalsFor(used)).toHaveLength(2); // ours + the one before it
      expect(arrivalsFor(used)[1]!.accepted).toBe(false);
      expect(h.callbacks[1]).toMatchObject({ delivered: false, attempts: 1 });
    } finally {
      await h.close();
    }
  });

  it('answers inline (no useCallback) for a callback URL it must not call: malformed, not allowed, or an Open Builder bot test', async () => {
    const h = await startRouter(() => ({ kind: 'replay', events: fast }), {
      allowCallbackUrl: (u) => u.hostname === '127.0.0.1',
    });
    try {
      for (const body of [
        payload('코스피 6개월', { callbackUrl: 'not a url' }),
        payload('코스피 6개월', { callbackUrl: 'http://169.254.169.254/latest/meta-data' }),
        payload('코스피 6개월', { callbackUrl: cb.issue(), surface: 'BuilderBotTest' }),
      ]) {
        const r = await post(h.base, body);
        expect(r.status).toBe(200);
        expectValid(r.json);
        expect(r.json.useCallback).toBeUndefined();
        expect(texts(r.json)).toMatch(/코스피는 6개월 뒤/u);
      }
    } finally {
      await h.close();
    }
  });
});

describe('Kakao router: bad input never becomes a 500', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startRouter(() => ({ kind: 'replay', events: fast }), { maxUtteranceChars: 200 });
  });
  afterAll(async () => {
    await h.close();
  });

  it.each([
    ['truncated JSON', '{"userRequest": {"utterance": '],
    ['a JSON array', '[1,2,3]'],
    ['a JSON string', '"hello"'],
    ['null', 'null'],
    ['an empty body', ''],
    [
      'utterance of the wrong type',
      JSON.stringify({ ...official, userRequest: { ...(official.userRequest as object), utterance: 42 } }),
    ],
    ['over 64 KB', JSON.stringify({ ...payload('코스피'), pad: 'x'.repeat(70_000) })],
  ])('%s -> 200 with a valid SkillResponse, engine not called', async (_name, body) => {
    const before = h.calls.length;
    const r = await post(h.base, body);
    expect(r.status).toBe(200);
    expectValid(r.json);
    expect(texts(r.json).length).toBeGreaterThan(5);
    expect(h.calls.length).toBe(before);
  });

  it('a text/plain body is still read as the JSON Kakao sends', async () => {
    const res = await fetch(`${h.base}/kakao/skill`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify(payload('코스피 6개월')),
    });
    const json = (await res.json()) as SkillJson;
    expectValid(json);
    expect(texts(json)).toMatch(/코스피는 6개월 뒤/u);
  });

  it('a missing or empty user id -> asks the user to retry from the channel', async () => {
    const noUser = payload('코스피') as { userRequest: Record<string, unknown> };
    delete noUser.userRequest.user;
    const emptyId = payload('코스피', { userId: '' });
    for (const body of [noUser, emptyId]) {
      const r = await post(h.base, body);
      expect(r.status).toBe(200);
      expectValid(r.json);
      expect(texts(r.json)).toMatch(/사용자 정보/u);
    }
  });

  it('an oversized utterance -> QUESTION_TOO_LONG text, engine not called; an empty one -> an example question', async () => {
    const before = h.calls.length;
    const tooLong = await post(h.base, payload('코스피 '.repeat(100)));
    expectValid(tooLong.json);
    expect(texts(tooLong.json)).toMatch(/질문이 너무 길어요/u);
    const empty = await post(h.base, payload('   '));
    expectValid(empty.json);
    expect(texts(empty.json)).toMatch(/예:/u);
    expect(h.calls.length).toBe(before);
  });

  it('"알림 받기" says honestly that alerts are not enabled, and subscribes nothing', async () => {
    const before = h.calls.length;
    const r = await post(h.base, payload('알림 받기'));
    expectValid(r.json);
    expect(texts(r.json)).toMatch(/아직 이 서버에서 켜져 있지 않아요/u);
    expect(h.calls.length).toBe(before);
  });

  it('GET on the skill route is not a skill call', async () => {
    const res = await fetch(`${h.base}/kakao/skill`);
    expect(res.status).toBe(404);
  });
});

describe('Kakao router: shared secret', () => {
  it('401 JSON for a missing, wrong or different-length secret; 200 for the right one', async () => {
    const h = await startRouter(() => ({ kind: 'replay', events: fast }), { skillSecret: 'correct-horse-battery' });
    try {
      const forged: Record<string, string>[] = [
        {},
        { 'x-skill-secret': 'correct-horse-batterY' },
        { 'x-skill-secret': 'short' },
        { 'x-skill-secret': '' },
      ];
      for (const headers of forged) {
        const r = await post(h.base, payload('코스피 6개월'), headers);
        expect(r.status).toBe(401);
        expect(r.json).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
      }
      expect(h.calls).toHaveLength(0);
      const ok = await post(h.base, payload('코스피 6개월'), { 'x-skill-secret': 'correct-horse-battery' });
      expect(ok.status).toBe(200);
      expectValid(ok.json);
    } finally {
      await h.close();
    }
  });
});
