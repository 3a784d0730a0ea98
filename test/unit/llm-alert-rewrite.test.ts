import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainAlert } from '../../src/alerts/alert-text.js';
import { createLlmAlertRewrite } from '../../src/alerts/llm-alert-rewrite.js';
import { startFakeOpenAi } from '../fakes/openai-server.js';

let llm: Awaited<ReturnType<typeof startFakeOpenAi>>;
beforeAll(async () => {
  llm = await startFakeOpenAi();
});
afterAll(async () => {
  await llm.close();
});

const line = '⚠️ 코스피가 최근 90일 고점 대비 −14.1% 떨어졌습니다 (2026-07-20 2,150.0 pt, 기준 10%).';

describe('the LLM rewrite of an alert line, against the OpenAI stand-in', () => {
  it('is used when it answers in time with the same numbers, and the deterministic line otherwise', async () => {
    const improve = createLlmAlertRewrite({
      client: new OpenAI({ apiKey: 'sk-test', baseURL: llm.url, maxRetries: 0 }),
      model: 'gpt-test',
    });
    const better = '⚠️ 코스피가 2026-07-20 2,150.0 pt로 최근 90일 고점 대비 −14.1% 내려왔어요 (기준 10%).';
    llm.script(
      { kind: 'ok', text: better },
      { kind: 'ok', text: '코스피가 크게 떨어졌어요!' },
      { kind: 'hang' },
      { kind: 'status', status: 500 },
    );
    expect(await explainAlert(line, { improve, timeoutMs: 3_000 })).toBe(better);
    expect(llm.requests[0]!.body.messages.at(-1)).toEqual({ role: 'user', content: line });
    expect(await explainAlert(line, { improve, timeoutMs: 3_000 })).toBe(line);
    expect(await explainAlert(line, { improve, timeoutMs: 300 })).toBe(line);
    expect(await explainAlert(line, { improve, timeoutMs: 3_000 })).toBe(line);
  });
});
