import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp } from '../../adapters/http/create-http-app.js';
import type { CallbackResult } from '../../adapters/kakao/callback-client.js';
import { createKakaoRouter } from '../../adapters/kakao/create-kakao-router.js';
import { createKakaoEventApiClient } from '../../adapters/kakao/event-api-client.js';
import { splitText } from '../../adapters/kakao/split-text.js';
import { loadConfig } from '../../src/config.js';
import { createSilentLogger } from '../../src/logger.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { startKakaoCallbackServer } from '../fakes/kakao-callback-server.js';
import { loopbackCallbackGuard } from '../fakes/loopback-callback-guard.js';
import { startFakeOpenAi } from '../fakes/openai-server.js';
import { waitUntil } from '../fakes/wait-until.js';

const official = JSON.parse(readFileSync('test/fixtures/kakao/skill-payload-official.json', 'utf8')) as Record<
  string,
  unknown
>;

function payload(
  utterance: string,
  extra: { callbackUrl?: string; userId?: string; params?: Record<string, string> } = {},
) {
  const p = structuredClone(official) as { userRequest: Record<string, unknown>; action: Record<string, unknown> };
  p.userRequest.utterance = utterance;
  p.userRequest.user = {
    id: extra.userId ?? 'user-abc',
    type: 'botUserKey',
    properties: { plusfriendUserKey: 'pf-1' },
  };
  if (extra.callbackUrl) p.userRequest.callbackUrl = extra.callbackUrl;
  if (extra.params) {
    p.action.params = extra.params;
    p.action.detailParams = Object.fromEntries(
      Object.entries(extra.params).map(([k, v]) => [k, { origin: v, value: v, groupName: '' }]),
    );
  }
  return p;
}

interface SkillResponseJson {
  version: string;
  useCallback?: boolean;
  data?: { text?: string };
  template?: {
    outputs: Record<string, { text?: string; imageUrl?: string; altText?: string }>[];
    quickReplies?: { label: string; action: string; messageText: string }[];
  };
}

/** The documented limits, checked independently of the adapter's own validator. */
function expectValidSkillResponse(r: SkillResponseJson) {
  expect(r.version).toBe('2.0');
  if (r.useCallback) {
    expect(r.template).toBeUndefined();
    return;
  }
  const outputs = r.template!.outputs;
  expect(outputs.length).toBeGreaterThanOrEqual(1);
  expect(outputs.length).toBeLessThanOrEqual(3);
  for (const o of outputs) {
    const [kind] = Object.keys(o);
    expect(['simpleText', 'simpleImage']).toContain(kind);
    if (o.simpleText) {
      expect(Array.from(o.simpleText.text!).length).toBeLessThanOrEqual(1000);
      expect(o.simpleText.text!.trim().length).toBeGreaterThan(0);
    }
    if (o.simpleImage) expect(Array.from(o.simpleImage.altText!).length).toBeLessThanOrEqual(50);
  }
  const replies = r.template!.quickReplies ?? [];
  expect(replies.length).toBeLessThanOrEqual(10);
  for (const q of replies) {
    expect(Array.from(q.label).length).toBeLessThanOrEqual(14);
    expect(q.action).toBe('message');
  }
}

interface Harness {
  base: string;
  runtime: Runtime;
  callbacks: CallbackResult[];
  close(): Promise<void>;
}

async function startHarness(
  env: Record<string, string>,
  opts: { skillSecret?: string; callbackBudgetMs?: number } = {},
): Promise<Harness> {
  // The server must listen before the router exists, because the public base URL (its address) goes into the config.
  const holder: { app?: Express } = {};
  const server: Server = createServer((req, res) => holder.app!(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const runtime = await createRuntime(loadConfig({ PUBLIC_BASE_URL: base, ...env }), { logger: createSilentLogger() });
  const callbacks: CallbackResult[] = [];
  const router = createKakaoRouter({
    engine: runtime.engine,
    charts: runtime.charts,
    publicBaseUrl: base,
    inlineBudgetMs: 3_500,
    skillSecret: opts.skillSecret,
    skillSecretHeader: 'x-riskxpert-skill-secret',
    logger: createSilentLogger(),
    ...(opts.callbackBudgetMs ? { callbackBudgetMs: opts.callbackBudgetMs } : {}),
    callbackGuard: loopbackCallbackGuard(),
    onCallback: (r) => callbacks.push(r),
  });
  holder.app = createHttpApp({ runtime, mounts: [{ path: '/kakao', router }] });
  return {
    base,
    runtime,
    callbacks,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await runtime.close();
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
  return { status: res.status, json: (await res.json()) as SkillResponseJson, ms: Date.now() - t0 };
}

const texts = (r: SkillResponseJson) => (r.template?.outputs ?? []).map((o) => o.simpleText?.text ?? '').join('\n');

describe('Kakao skill server over loopback (offline runtime, deterministic narrator)', () => {
  let h: Harness;
  let cb: Awaited<ReturnType<typeof startKakaoCallbackServer>>;
  beforeAll(async () => {
    h = await startHarness({});
    cb = await startKakaoCallbackServer();
  });
  afterAll(async () => {
    await h.close();
    await cb.close();
  });

  it('answers the official sample payload (placeholder utterance) with a valid, helpful SkillResponse', async () => {
    const r = await post(h.base, official);
    expect(r.status).toBe(200);
    expectValidSkillResponse(r.json);
    expect(texts(r.json)).toMatch(/예측할 수 있는 지표/u);
  });

  it('answers a real question inline: chart image served as PNG, summary, first scenario page, quick replies', async () => {
    const r = await post(h.base, payload('앞으로 6개월 S&P 500 어때?'));
    expect(r.status).toBe(200);
    expectValidSkillResponse(r.json);
    const outputs = r.json.template!.outputs;
    const imageUrl = outputs[0]!.simpleImage!.imageUrl!;
    expect(imageUrl.startsWith(`${h.base}/charts/`)).toBe(true);
    const png = await fetch(imageUrl);
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(
      Buffer.from(await png.arrayBuffer())
        .subarray(0, 8)
        .toString('hex'),
    ).toBe('89504e470d0a1a0a');
    // The offline sample ends in 2020: the summary opens with that date, then frames the horizon from it.
    expect(outputs[1]!.simpleText!.text).toMatch(
      /^자료가 2020년 4월 \d+일까지만 있어.*6개월 뒤인 2020년 10월 말의 S&P 500 중앙 전망/su,
    );
    expect(outputs[2]!.simpleText!.text).toMatch(/기본 시나리오/u);
    const labels = r.json.template!.quickReplies!.map((q) => q.label);
    expect(labels).toContain('알림 받기');
    expect(labels).toContain('3개월 전망');
  });

  it('serves a cached answer inline, fast, even when the block has a callback URL', async () => {
    await post(h.base, payload('S&P 500 12개월 전망'));
    const callbackUrl = cb.issue();
    const r = await post(h.base, payload('S&P 500 12개월 전망', { callbackUrl }));
    expectValidSkillResponse(r.json);
    expect(r.json.useCallback).toBeUndefined();
    expect(texts(r.json)).toMatch(/12개월 뒤/u);
    expect(r.ms).toBeLessThan(4_500);
  });

  it('uses the block entities (action.params / detailParams) over the utterance', async () => {
    const r = await post(h.base, payload('전망 알려줘', { params: { indicator: 'sp500', months: '3' } }));
    expectValidSkillResponse(r.json);
    expect(texts(r.json)).toMatch(/3개월 뒤인 2020년 7월 말의 S&P 500 중앙 전망/u);
  });

  it('pages a long scenario through the "시나리오 더 보기" quick reply', async () => {
    const long = splitText(`${'가나다라마바사. '.repeat(300)}`, 1000);
    expect(long.length).toBeGreaterThan(2);
    expect(long.every((p) => Array.from(p).length <= 1000)).toBe(true);
    const none = await post(h.base, payload('시나리오 더 보기', { userId: 'fresh-user' }));
    expectValidSkillResponse(none.json);
    expect(texts(none.json)).toMatch(/더 보여 드릴 내용이 없어요/u);
  });

  it('never answers 500: malformed JSON, a missing user, an oversized body or utterance, unknown indicators', async () => {
    const broken = await post(h.base, '{"userRequest": {"utterance": ');
    expect(broken.status).toBe(200);
    expectValidSkillResponse(broken.json);

    const noUser = payload('코스피') as { userRequest: Record<string, unknown> };
    delete noUser.userRequest.user;
    const r2 = await post(h.base, noUser);
    expect(r2.status).toBe(200);
    expectValidSkillResponse(r2.json);
    expect(texts(r2.json)).toMatch(/사용자 정보/u);

    const huge = await post(h.base, payload('코스피 '.repeat(20_000)));
    expect(huge.status).toBe(200);
    expectValidSkillResponse(huge.json);

    const long = await post(h.base, payload(`코스피 ${'전망 '.repeat(300)}`));
    expectValidSkillResponse(long.json);
    expect(texts(long.json)).toMatch(/질문이 너무 길어요/u);

    const unknown = await post(h.base, payload('비트코인 6개월 어때?'));
    expectValidSkillResponse(unknown.json);
    expect(texts(unknown.json)).toMatch(/예측할 수 있는 지표/u);

    const noData = await post(h.base, payload('코스피 6개월'));
    expectValidSkillResponse(noData.json);
    expect(texts(noData.json)).toMatch(/코스피 데이터가 아직 준비되지 않았어요/u);
  });

  it('is honest about alerts not being enabled yet', async () => {
    const r = await post(h.base, payload('알림 받기'));
    expectValidSkillResponse(r.json);
    expect(texts(r.json)).toMatch(/아직 이 서버에서 켜져 있지 않아요/u);
  });

  it('callback path: acknowledges at once with useCallback, then POSTs one final answer within the minute', async () => {
    const callbackUrl = cb.issue();
    const before = cb.arrivals.length;
    const callbacksBefore = h.callbacks.length;
    const started = Date.now();
    const r = await post(h.base, payload('S&P 500 9개월 어때?', { callbackUrl, userId: 'cb-user' }));
    expect(r.json).toMatchObject({ version: '2.0', useCallback: true });
    expectValidSkillResponse(r.json);
    expect(r.json.data!.text).toBeTruthy();
    await cb.waitForArrivals(before + 1, 60_000);
    const arrival = cb.arrivals[before]!;
    expect(arrival.accepted).toBe(true);
    expect(arrival.at - started).toBeLessThan(60_000);
    expectValidSkillResponse(arrival.body as SkillResponseJson);
    expect(texts(arrival.body as SkillResponseJson)).toMatch(/9개월 뒤/u);
    // exactly one POST per URL: the router reports the callback finished (after any retry), with one attempt.
    await waitUntil(() => h.callbacks.length > callbacksBefore, 'the router to report the callback done');
    expect(h.callbacks.at(-1)).toMatchObject({ delivered: true, attempts: 1 });
    expect(cb.arrivals.filter((a) => a.token === arrival.token)).toHaveLength(1);
  });

  it('rejects a forged or missing skill secret with 401 when one is configured', async () => {
    const secured = await startHarness({}, { skillSecret: 's3cret-value' });
    try {
      expect((await post(secured.base, payload('코스피'))).status).toBe(401);
      expect((await post(secured.base, payload('코스피'), { 'x-riskxpert-skill-secret': 'wrong-value!' })).status).toBe(
        401,
      );
      const ok = await post(secured.base, payload('S&P 500 2개월'), { 'x-riskxpert-skill-secret': 's3cret-value' });
      expect(ok.status).toBe(200);
      expectValidSkillResponse(ok.json);
    } finally {
      await secured.close();
    }
  });
});

describe('Kakao callback with an LLM that hangs', () => {
  it('still delivers the deterministic answer through the callback inside the minute', async () => {
    const llm = await startFakeOpenAi();
    llm.script({ kind: 'hang' }, { kind: 'hang' }, { kind: 'hang' });
    const cb = await startKakaoCallbackServer();
    const h = await startHarness(
      {
        OPENAI_API_KEY: 'sk-test',
        OPENAI_BASE_URL: llm.url,
        LLM_SUMMARY_TIMEOUT_MS: '1500',
        LLM_FIRST_TOKEN_TIMEOUT_MS: '1500',
        LLM_MAX_RETRIES: '0',
      },
      {},
    );
    try {
      const callbackUrl = cb.issue();
      const started = Date.now();
      const r = await post(h.base, payload('S&P 500 5개월 어때?', { callbackUrl }));
      expect(r.json.useCallback).toBe(true);
      expect(r.ms).toBeLessThan(4_500);
      await cb.waitForArrivals(1, 60_000);
      const arrival = cb.arrivals[0]!;
      expect(arrival.accepted).toBe(true);
      expect(arrival.at - started).toBeLessThan(60_000);
      expectValidSkillResponse(arrival.body as SkillResponseJson);
      expect(texts(arrival.body as SkillResponseJson)).toMatch(/5개월 뒤/u);
      expect(llm.requests.length).toBeGreaterThanOrEqual(1);
      for (let i = 0; i < 50 && h.callbacks.length === 0; i += 1) await new Promise((res) => setTimeout(res, 20));
      expect(h.callbacks[0]).toMatchObject({ delivered: true, attempts: 1 });
    } finally {
      await h.close();
      await cb.close();
      await llm.close();
    }
  });
});

describe('Kakao answers with a long LLM scenario', () => {
  it('shows the first 1000-character page inline and the rest through "시나리오 더 보기"', async () => {
    const llm = await startFakeOpenAi();
    const sentence = '시장 심리는 여전히 조심스럽고, 변동성이 커질 수 있습니다. ';
    const long = sentence.repeat(60);
    llm.script(
      { kind: 'ok', text: '요약: 중앙 전망은 큰 변화가 없고 불확실성이 큽니다.' },
      { kind: 'ok', text: long, chunkSize: 40 },
    );
    const h = await startHarness({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: llm.url });
    try {
      const first = await post(h.base, payload('S&P 500 4개월 어때?', { userId: 'pager' }));
      expectValidSkillResponse(first.json);
      const page1 = first.json.template!.outputs[2]!.simpleText!.text!;
      expect(Array.from(page1).length).toBeLessThanOrEqual(1000);
      expect(first.json.template!.quickReplies![0]!.label).toBe('시나리오 더 보기');
      let shown = page1;
      for (let i = 0; i < 5; i += 1) {
        const more = await post(h.base, payload('시나리오 더 보기', { userId: 'pager' }));
        expectValidSkillResponse(more.json);
        const text = texts(more.json);
        if (/더 보여 드릴 내용이 없어요/u.test(text)) break;
        shown += ` ${text}`;
      }
      expect(shown.replace(/\s+/gu, '')).toBe(long.replace(/\s+/gu, ''));
    } finally {
      await h.close();
      await llm.close();
    }
  });
});

describe('Kakao Event API client against a local stand-in', () => {
  it('sends at most 100 distinct users per request with KakaoAK auth, and reads task results', async () => {
    const requests: { url: string; auth: string | undefined; body: { user: unknown[]; event: { name: string } } }[] =
      [];
    const server = createServer((req, res) => {
      let raw = '';
      req.on('data', (d: Buffer) => (raw += d.toString()));
      req.on('end', () => {
        if (req.method === 'GET') {
          res.writeHead(200, { 'content-type': 'application/json' }).end(
            JSON.stringify({
              taskId: 't1',
              status: '1 FAIL',
              allRequestCount: 2,
              successCount: 1,
              userKeyResolvingFailCount: 1,
              fail: { count: 1, list: [] },
            }),
          );
          return;
        }
        const body = JSON.parse(raw) as { user: unknown[]; event: { name: string } };
        requests.push({ url: req.url!, auth: req.headers.authorization, body });
        if (body.user.length > 100) {
          res
            .writeHead(400, { 'content-type': 'application/json' })
            .end('{"status":"ERROR","message":"too many users"}');
          return;
        }
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ taskId: `t${requests.length}`, status: 'SUCCESS', timestamp: Date.now() }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const client = createKakaoEventApiClient({
        baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        botId: 'bot123!',
        restApiKey: 'rest-key',
      });
      const users = Array.from({ length: 250 }, (_, i) => ({ type: 'botUserKey' as const, id: `u${i % 230}` }));
      const tasks = await client.send({ name: 'threat_alert', data: { text: '코스피 급락' } }, users);
      expect(tasks).toHaveLength(3);
      expect(requests.map((r) => r.body.user.length)).toEqual([100, 100, 30]);
      expect(
        requests.every(
          (r) =>
            r.auth === 'KakaoAK rest-key' && r.url === '/v2/bots/bot123!/talk' && r.body.event.name === 'threat_alert',
        ),
      ).toBe(true);
      expect(await client.task('t1')).toMatchObject({ status: '1 FAIL', successCount: 1 });
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
