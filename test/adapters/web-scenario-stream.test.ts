import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NAME_TOKEN } from '../../src/scenario/scenario-narration.js';
import { startWebHarness, type WebHarness } from '../e2e/web-harness.js';
import { loginOverHttp, readSse } from '../e2e/web-login-helper.js';
import { startFakeOpenAi } from '../fakes/openai-server.js';
import { scenarioDataDir } from '../fakes/scenario-data.js';

const EXPLANATION = `${NAME_TOKEN}에서는 환율이 오르면 코스피가 내려가는 쪽입니다. 범위가 넓어 불확실합니다.`;
const data = scenarioDataDir();
const home = mkdtempSync(join(tmpdir(), 'rx-web-scenario-stream-'));
let h: WebHarness;
let llm: Awaited<ReturnType<typeof startFakeOpenAi>>;
let token: string;
beforeAll(async () => {
  llm = await startFakeOpenAi();
  // The real runtime with an LLM configured: the composition root hands its client to the scenario explanation.
  h = await startWebHarness({
    RISKXPERT_DATA_DIR: data.dir,
    STORE: 'sqlite',
    RISKXPERT_HOME: home,
    LLM_ENABLED: 'true',
    OPENAI_API_KEY: 'sk-test',
    OPENAI_BASE_URL: llm.url,
    LLM_MAX_RETRIES: '0',
  });
  token = (await loginOverHttp(h.base)).accessToken;
});
afterAll(async () => {
  await h.close();
  await llm.close();
  data.drop();
  rmSync(home, { recursive: true, force: true });
});

const post = (path: string, body: unknown, accept = 'application/json') =>
  fetch(`${h.base}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept },
    body: JSON.stringify(body),
  });

describe('web scenario runs stream their explanation (real runtime, LLM stand-in over loopback)', () => {
  it('sends the result and chart first, then the LLM explanation as deltas, then done; usage is recorded', async () => {
    const spec = { name: '원화 약세', horizonMonths: 3, shocks: [{ indicatorId: 'usdkrw', move: 10, unit: '%' }] };
    const created = (await (await post('/api/scenarios', { spec })).json()) as { scenario: { id: string } };
    const holdings = [{ symbol: 'kospi', valueWon: 2_000_000 }];
    llm.script({ kind: 'ok', text: EXPLANATION, chunkSize: 5, delayMs: 10 });
    const res = await post(`/api/scenarios/${created.scenario.id}/run`, { holdings }, 'text/event-stream');
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const events = await readSse(res);
    expect(events[0]!.event).toBe('result');
    const first = events[0]!.data as {
      result: { version: number; pnl: { band: { lowWon: number } } };
      chartPng: string;
    };
    expect(first.result.version).toBe(1);
    expect(first.result.pnl.band.lowWon).toBeLessThan(0);
    expect(Buffer.from(first.chartPng, 'base64').subarray(1, 4).toString()).toBe('PNG');
    const deltas = events.filter((e) => e.event === 'delta').map((e) => (e.data as { text: string }).text);
    expect(deltas.length).toBe(2);
    const final = EXPLANATION.split(NAME_TOKEN).join('원화 약세');
    expect(deltas.join('')).toBe(final);
    expect(events.at(-1)).toMatchObject({ event: 'done', data: { text: final, source: 'llm' } });
    expect(JSON.stringify(llm.requests.at(-1)!.body.messages)).not.toContain('원화 약세');
    expect(h.runtime.llmUsage.daily().find((d) => d.feature === 'explanation')).toMatchObject({ calls: 1, errors: 0 });

    // The LLM down: the deterministic text arrives whole, as one delta; JSON callers get the same text.
    llm.script({ kind: 'status', status: 500 });
    const down = await readSse(
      await post(`/api/scenarios/${created.scenario.id}/run`, { holdings }, 'text/event-stream'),
    );
    const downDeltas = down.filter((e) => e.event === 'delta');
    expect(downDeltas).toHaveLength(1);
    expect((downDeltas[0]!.data as { text: string }).text).toMatch(/^시나리오 '원화 약세'\(버전 1, 3개월/u);
    expect(down.at(-1)!.data).toMatchObject({ source: 'deterministic' });
    llm.script({ kind: 'status', status: 500 });
    const json = (await (await post(`/api/scenarios/${created.scenario.id}/run`, { holdings })).json()) as {
      text: string;
      source: string;
    };
    expect(json).toMatchObject({ source: 'deterministic', text: (downDeltas[0]!.data as { text: string }).text });
  });
});
