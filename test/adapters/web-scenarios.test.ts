import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHarness, type WebHarness } from '../e2e/web-harness.js';
import { loginOverHttp } from '../e2e/web-login-helper.js';
import { scenarioDataDir } from '../fakes/scenario-data.js';

const data = scenarioDataDir();
const home = mkdtempSync(join(tmpdir(), 'rx-web-scenarios-'));
let h: WebHarness;
let token: string;
beforeAll(async () => {
  h = await startWebHarness({ RISKXPERT_DATA_DIR: data.dir, STORE: 'sqlite', RISKXPERT_HOME: home });
  token = (await loginOverHttp(h.base)).accessToken;
});
afterAll(async () => {
  await h.close();
  data.drop();
  rmSync(home, { recursive: true, force: true });
});

function api(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${h.base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}
const spec = (move: number) => ({
  name: '원화 약세',
  horizonMonths: 3,
  shocks: [{ indicatorId: 'usdkrw', move, unit: '%' }],
});

describe('/api/scenarios over real HTTP with the real runtime (SQLite, CSV data, a stated portfolio)', () => {
  it('creates, runs on a stated portfolio, edits, re-runs and lists both versions with their results', async () => {
    // Web users have no paper account (chat ids only), so the page states its holdings.
    const holdings = [{ symbol: 'kospi', valueWon: 2_000_000 }];
    const created = await api('POST', '/api/scenarios', { spec: spec(10), locale: 'ko' });
    expect(created.status).toBe(201);
    const { scenario } = (await created.json()) as { scenario: { id: string; version: number } };
    expect(scenario.version).toBe(1);

    const run1 = (await (
      await api('POST', `/api/scenarios/${scenario.id}/run`, { locale: 'ko', holdings })
    ).json()) as {
      result: { version: number; pnl: { totalWon: number; holdings: { symbol: string }[] } };
      text: string;
      chartPng: string;
    };
    expect(run1.result.version).toBe(1);
    expect(run1.result.pnl.holdings.map((x) => x.symbol)).toEqual(['kospi']);
    expect(run1.text).toMatch(/버전 1, 3개월/u);
    expect(Buffer.from(run1.chartPng, 'base64').subarray(1, 4).toString()).toBe('PNG');

    expect((await api('PUT', `/api/scenarios/${scenario.id}`, { spec: spec(20) })).status).toBe(200);
    const run2 = (await (await api('POST', `/api/scenarios/${scenario.id}/run`, { holdings })).json()) as {
      result: { version: number; pnl: { totalWon: number } };
    };
    expect(run2.result.version).toBe(2);
    expect(run2.result.pnl.totalWon).toBeLessThan(run1.result.pnl.totalWon);

    const history = (await (await api('GET', `/api/scenarios/${scenario.id}/versions`)).json()) as {
      versions: { version: number; spec: { shocks: { move: number }[] } }[];
      results: { version: number; totalWon: number }[];
    };
    expect(history.versions.map((v) => [v.version, v.spec.shocks[0]!.move])).toEqual([
      [1, 10],
      [2, 20],
    ]);
    expect(history.results.map((r) => [r.version, r.totalWon])).toEqual([
      [1, run1.result.pnl.totalWon],
      [2, run2.result.pnl.totalWon],
    ]);
    const again = (await (await api('POST', `/api/scenarios/${scenario.id}/run`, { version: 1, holdings })).json()) as {
      result: { pnl: { totalWon: number } };
    };
    expect(again.result.pnl.totalWon).toBe(run1.result.pnl.totalWon);
  });

  it("runs on the web login's own paper portfolio when the request states no holdings, for both versions", async () => {
    // The harness's Kakao user logs in as web:kakao:4242424242; its paper account is the one chat commands use.
    await h.runtime.sim.trading.buy('web:kakao:4242424242', 'kospi', 1_000n);
    const created = (await (await api('POST', '/api/scenarios', { spec: { ...spec(10), name: 'paper' } })).json()) as {
      scenario: { id: string };
    };
    type Run = { result: { version: number; pnl: { holdings: { symbol: string }[]; totalWon: number } } };
    const run1 = (await (await api('POST', `/api/scenarios/${created.scenario.id}/run`, {})).json()) as Run;
    expect(run1.result.pnl.holdings.map((x) => x.symbol)).toEqual(['kospi']);
    await api('PUT', `/api/scenarios/${created.scenario.id}`, { spec: { ...spec(20), name: 'paper' } });
    const run2 = (await (await api('POST', `/api/scenarios/${created.scenario.id}/run`, {})).json()) as Run;
    expect([run1.result.version, run2.result.version]).toEqual([1, 2]);
    expect(run2.result.pnl.totalWon).toBeLessThan(run1.result.pnl.totalWon);
    const history = (await (await api('GET', `/api/scenarios/${created.scenario.id}/versions`)).json()) as {
      results: { version: number }[];
    };
    expect(history.results.map((r) => r.version)).toEqual([1, 2]);
  });

  it("refuses bad specs with 400 in the user's language, and needs a login", async () => {
    const bad = await api('POST', '/api/scenarios/preview', {
      spec: { name: 'x', horizonMonths: 100, shocks: [{ indicatorId: 'kospi', move: -10, unit: '%' }] },
      locale: 'en',
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toBe(
      'A horizon of 100 months is not possible: use 1 to 60 months.',
    );
    const rate = await api('POST', '/api/scenarios', {
      spec: { name: 'x', horizonMonths: 3, shocks: [{ indicatorId: 'us10y', move: 1, unit: '%' }] },
      locale: 'ko',
    });
    expect(((await rate.json()) as { error: { message: string } }).error.message).toMatch(/금리라서 %p/u);
    expect((await fetch(`${h.base}/api/scenarios`)).status).toBe(401);
  });
});
