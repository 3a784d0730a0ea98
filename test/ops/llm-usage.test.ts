import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainAlert } from '../../src/alerts/alert-text.js';
import { createLlmAlertRewrite } from '../../src/alerts/llm-alert-rewrite.js';
import { loadConfig } from '../../src/config.js';
import { createSilentLogger } from '../../src/logger.js';
import { instrumentOpenAi } from '../../src/ops/llm-usage.js';
import { createRuntime } from '../../src/runtime.js';
import { startWebHarness, type WebHarness } from '../e2e/web-harness.js';
import { readSse } from '../e2e/web-login-helper.js';
import { startFakeOpenAi } from '../fakes/openai-server.js';
import { scenarioDataDir } from '../fakes/scenario-data.js';
import { ADMIN_KAKAO_ID, enrollAndVerify, signIn, testClock, verifyCode, type Signed } from './ops-helpers.js';

const SUMMARY = '요약: 중앙 전망은 완만한 상승이지만 불확실성이 큽니다.';
const SCENARIO =
  '기본 시나리오에서는 지수가 완만하게 오를 가능성이 큽니다. 하방 시나리오는 경기 둔화가 확인되는 경우입니다.';
const PLAN =
  '이 포트폴리오는 주식 비중이 높아 하락장에서 손실이 커질 수 있습니다. 교육용 설명이며 투자 조언이 아닙니다.';
const LINE = '⚠️ 코스피가 최근 90일 고점 대비 −14.1% 떨어졌습니다 (2026-07-20 2,150.0 pt, 기준 10%).';

let llm: Awaited<ReturnType<typeof startFakeOpenAi>>;
let h: WebHarness;
const clock = testClock();
let secret: string;
// The stored table lives in this SQLite file (RISKXPERT_HOME), which a second process opens after the first stops.
const home = mkdtempSync(join(tmpdir(), 'rx-llm-usage-'));
const data = scenarioDataDir();
const env = () => ({
  LLM_ENABLED: 'true',
  OPENAI_API_KEY: 'sk-test',
  OPENAI_BASE_URL: llm.url,
  OPENAI_MODEL: 'gpt-4o-mini',
  LLM_MAX_RETRIES: '0',
  ADMIN_KAKAO_IDS: String(ADMIN_KAKAO_ID),
  STORE: 'sqlite',
  RISKXPERT_HOME: home,
  RISKXPERT_DATA_DIR: data.dir,
});

beforeAll(async () => {
  llm = await startFakeOpenAi();
  h = await startWebHarness(env(), { now: clock.now });
}, 60_000);
afterAll(async () => {
  await h?.close();
  await llm?.close();
  data.drop();
  rmSync(home, { recursive: true, force: true });
});

/** POST /api/risk: the risk answer whose plain-language explanation is the LLM's ('explanation'). */
async function planExplanation(s: Signed): Promise<string> {
  const res = await s.call('/api/risk', { method: 'POST', body: { holdings: '코스피 60%, 달러 40%', locale: 'ko' } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { text: string }).text;
}

async function consoleDays(s: Signed): Promise<Record<string, Day>> {
  const usage = await s.call('/admin/api/llm-usage');
  expect(usage.status).toBe(200);
  const days = ((await usage.json()) as { days: Day[] }).days;
  return Object.fromEntries(days.map((d) => [d.feature, d]));
}

interface Day {
  feature: string;
  model: string;
  calls: number;
  errors: number;
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
  avgLatencyMs: number;
}

describe('LLM use is recorded where the OpenAI client is called', () => {
  it('a forecast answer (summary and scenario), a plan explanation and a worker’s alert rewrite show in the web console (one stored table) and on each process’s /metrics, with the stand-in usage tokens', async () => {
    llm.script(
      { kind: 'ok', text: SUMMARY },
      { kind: 'ok', text: SCENARIO, chunkSize: 16 },
      { kind: 'ok', text: PLAN },
      { kind: 'ok', text: LINE },
      { kind: 'status', status: 500 },
    );
    const admin = await signIn(h, ADMIN_KAKAO_ID);
    secret = await enrollAndVerify(admin, clock.now);

    const res = await fetch(`${h.base}/api/forecast`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ question: '코스피 3개월 전망', indicatorId: 'kospi', horizonMonths: 3 }),
    });
    expect(res.status).toBe(200);
    const events = await readSse(res);
    expect(events.map((e) => e.event)).toContain('done');

    // The risk answer's explanation is the stand-in's text: the call went through the runtime's recorder.
    expect(await planExplanation(admin)).toContain(PLAN);

    // The alert rewrite in the worker: a runtime of its own on the same database (as `riskxpert worker` is), its
    // client instrumented for 'alert-rewrite' as workers/alerts-runtime.ts does.
    const worker = await createRuntime(loadConfig({ NODE_ENV: 'test', FORECASTER: 'drift', ...env() }), {
      logger: createSilentLogger(),
    });
    const improve = createLlmAlertRewrite({
      client: instrumentOpenAi(worker.openai!, worker.llmUsage, () => 'alert-rewrite'),
      model: 'gpt-4o-mini',
    });
    expect(await explainAlert(LINE, { improve, timeoutMs: 3_000 })).toBe(LINE);
    // A failed call counts too, as an error with no tokens.
    expect(await explainAlert(LINE, { improve, timeoutMs: 3_000 })).toBe(LINE);
    // The worker's /metrics has its own calls; the web server's has none of them.
    const workerMetrics = await worker.metrics.registry.metrics();
    expect(workerMetrics).toMatch(
      /riskxpert_llm_calls_total\{feature="alert-rewrite",model="gpt-4o-mini",outcome="error"\} 1/u,
    );
    await worker.close();

    // The store writes are fire-and-forget (the answer never waits); wait for them before reading the console (the
    // worker's ended when it closed).
    await h.runtime.llmUsage.flush();
    const byFeature = await consoleDays(admin);
    expect(byFeature.summary).toMatchObject({
      model: 'gpt-4o-mini',
      calls: 1,
      errors: 0,
      tokensIn: 120,
      tokensOut: 40,
    });
    expect(byFeature.scenario).toMatchObject({ calls: 1, errors: 0, tokensIn: 120, tokensOut: 40 });
    expect(byFeature.explanation).toMatchObject({ calls: 1, errors: 0, tokensIn: 120, tokensOut: 40 });
    expect(byFeature['alert-rewrite']).toMatchObject({ calls: 2, errors: 1, tokensIn: 120, tokensOut: 40 });
    expect(byFeature.summary!.avgLatencyMs).toBeGreaterThanOrEqual(0);
    // gpt-4o-mini at 0.15 $ in and 0.60 $ out per million tokens.
    expect(byFeature.summary!.costUsd).toBeCloseTo((120 * 0.15 + 40 * 0.6) / 1e6, 9);

    const metrics = await (await fetch(`${h.base}/metrics`)).text();
    expect(metrics).toMatch(/riskxpert_llm_calls_total\{feature="summary",model="gpt-4o-mini",outcome="ok"\} 1/u);
    expect(metrics).not.toMatch(/riskxpert_llm_calls_total\{feature="alert-rewrite"/u);
    expect(metrics).toMatch(
      /riskxpert_llm_feature_tokens_total\{feature="scenario",model="gpt-4o-mini",direction="out"\} 40/u,
    );
    expect(metrics).toMatch(/riskxpert_llm_cost_usd_total\{feature="summary",model="gpt-4o-mini"\} 0\.000042/u);
    expect(metrics).toMatch(
      /riskxpert_llm_feature_tokens_total\{feature="explanation",model="gpt-4o-mini",direction="in"\} 120/u,
    );
    expect(metrics).toMatch(/riskxpert_llm_usage_store_failures_total 0/u);
  }, 60_000);

  it('the table is stored: a restarted process shows the same rows, and its own calls add to them', async () => {
    await h.close();
    h = await startWebHarness(env(), { now: clock.now });
    const admin = await signIn(h, ADMIN_KAKAO_ID);
    // Enrolled in the first process (the same file); a later TOTP step, since the first one is spent.
    clock.advance(31_000);
    await verifyCode(admin, secret, clock.now);

    const before = await consoleDays(admin);
    expect(before.summary).toMatchObject({ calls: 1, tokensIn: 120, tokensOut: 40 });
    expect(before.explanation).toMatchObject({ calls: 1, tokensIn: 120, tokensOut: 40 });
    expect(before['alert-rewrite']).toMatchObject({ calls: 2, errors: 1 });

    llm.script({ kind: 'ok', text: PLAN });
    expect(await planExplanation(admin)).toContain(PLAN);
    await h.runtime.llmUsage.flush();
    expect((await consoleDays(admin)).explanation).toMatchObject({ calls: 2, tokensIn: 240, tokensOut: 80 });
    // /metrics is per process: this one made one explanation call.
    const metrics = await (await fetch(`${h.base}/metrics`)).text();
    expect(metrics).toMatch(/riskxpert_llm_calls_total\{feature="explanation",model="gpt-4o-mini",outcome="ok"\} 1/u);
    expect(metrics).not.toMatch(/riskxpert_llm_calls_total\{feature="summary"/u);
  }, 60_000);
});
