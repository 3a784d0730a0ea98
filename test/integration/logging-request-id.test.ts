import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp } from '../../adapters/http/create-http-app.js';
import { createKakaoRouter } from '../../adapters/kakao/create-kakao-router.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { startFakeOpenAi } from '../fakes/openai-server.js';

const SKILL_SECRET = 'kakao-skill-secret-for-logging-test';
const API_KEY = 'sk-logging-test-secret-key';
const QUESTION = 'S&P 500 7개월 전망이 궁금해요 비밀질문';

interface Line {
  level: number;
  msg: string;
  requestId?: string;
  [key: string]: unknown;
}

const lines: Line[] = [];
let raw = '';
let runtime: Runtime;
let server: Server;
let base: string;
let openai: Awaited<ReturnType<typeof startFakeOpenAi>>;

beforeAll(async () => {
  openai = await startFakeOpenAi();
  openai.script({ kind: 'ok', text: 'S&P 500 요약입니다.' }, { kind: 'ok', text: '기본 시나리오입니다.' });
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      raw += chunk.toString();
      for (const l of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Line);
      done();
    },
  });
  const logger = createLogger({ level: 'info', destination });
  const config = loadConfig({
    FORECASTER: 'drift',
    OPENAI_API_KEY: API_KEY,
    OPENAI_BASE_URL: openai.url,
    KAKAO_SKILL_SECRET: SKILL_SECRET,
  });
  runtime = await createRuntime(config, {
    logger,
    openai: new OpenAI({ apiKey: API_KEY, baseURL: openai.url, maxRetries: 0 }),
  });
  const kakao = createKakaoRouter({
    engine: runtime.engine,
    charts: runtime.charts,
    publicBaseUrl: 'https://bot.example.com',
    inlineBudgetMs: 4_000,
    skillSecret: SKILL_SECRET,
    skillSecretHeader: config.kakao.skillSecretHeader,
    logger: logger.child({ adapter: 'kakao' }),
  });
  const app = createHttpApp({ runtime, mounts: [{ path: '/kakao', router: kakao }] });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  await runtime.close();
  await openai.close();
});

describe('structured logs', () => {
  it('one answer leaves webhook, engine, LLM and store lines that share its request id, and no message text or secret at info', async () => {
    const requestId = 'trace-logging-test-1';
    const res = await fetch(`${base}/kakao/skill`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-request-id': requestId,
        [loadConfig({}).kakao.skillSecretHeader]: SKILL_SECRET,
      },
      body: JSON.stringify({
        userRequest: { utterance: QUESTION, user: { id: 'log-user', type: 'botUserKey' } },
        action: { params: {} },
      }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe(requestId);
    for (let i = 0; i < 100 && !lines.some((l) => l.msg === 'conversation queued for the store'); i += 1)
      await new Promise((r) => setTimeout(r, 50));

    const mine = lines.filter((l) => l.requestId === requestId);
    const messages = mine.map((l) => l.msg);
    expect(messages).toContain('http request'); // webhook
    expect(messages).toContain('answered'); // engine
    // LLM: its token usage, or the hand-over to the deterministic narrator when its text is refused.
    expect(openai.requests.length).toBeGreaterThan(0);
    expect(messages.some((m) => m === 'llm usage' || m === 'llm gave way to the deterministic narrator')).toBe(true);
    expect(messages).toContain('conversation queued for the store'); // store
    // Each line names the id once (pino would print a duplicate key if a child and the context both set it).
    for (const l of raw.split('\n').filter((x) => x.includes(requestId)))
      expect(l.match(/"requestId"/gu)).toHaveLength(1);
    const http = mine.find((l) => l.msg === 'http request')!;
    expect(http).toMatchObject({ method: 'POST', route: '/kakao', status: 200 });
    const queued = mine.find((l) => l.msg === 'conversation queued for the store')!;
    expect(queued.conversationId).toMatch(/^[0-9a-f-]{36}$/u);

    // Nothing at info or above carries the user's text, the LLM's text, the API key or the skill secret.
    const info = raw.split('\n').filter((l) => l && (JSON.parse(l) as Line).level >= 30);
    for (const secretish of [
      QUESTION,
      '비밀질문',
      'S&P 500 요약입니다',
      '기본 시나리오입니다',
      API_KEY,
      SKILL_SECRET,
    ]) {
      expect(
        info.some((l) => l.includes(secretish)),
        secretish,
      ).toBe(false);
    }
  });
});
