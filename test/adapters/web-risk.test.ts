import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHarness, type WebHarness } from '../e2e/web-harness.js';
import { loginOverHttp } from '../e2e/web-login-helper.js';
import { scenarioDataDir } from '../fakes/scenario-data.js';

const data = scenarioDataDir();
const home = mkdtempSync(join(tmpdir(), 'rx-web-risk-'));
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

const post = (body: unknown, auth = true) =>
  fetch(`${h.base}/api/risk`, {
    method: 'POST',
    headers: { ...(auth ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('POST /api/risk over real HTTP with the real runtime', () => {
  it('returns the risk of stated holdings, the text and a served report; refuses bad input in the user language and without a login', async () => {
    const res = await post({ holdings: '코스피 60%, 달러 40%', locale: 'ko' });
    expect(res.status).toBe(200);
    const r = (await res.json()) as {
      text: string;
      frequency: string;
      score: number;
      horizons: { horizon: string; var95: number }[];
      holdings: { id: string; weight: number }[];
      recommendation: { education: boolean };
      reportUrl?: string;
    };
    expect(r.holdings).toEqual([
      { id: 'kospi', weight: 0.6 },
      { id: 'usdkrw', weight: 0.4 },
    ]);
    expect(r.horizons.find((x) => x.horizon === '1m')!.var95).toBeGreaterThan(0);
    // The fixture folder's series are monthly: the month-end model, no 1-day horizon (they were once joined as days).
    expect(r.frequency).toBe('monthly');
    expect(r.horizons.map((x) => x.horizon)).toEqual(['1m', '3m', '12m']);
    expect(r.text).toMatch(/한 달 95% VaR는 −\d+\.\d%/u);
    expect(r.recommendation.education).toBe(true);
    expect(r.score).toBeGreaterThanOrEqual(0);
    const report = await fetch(`${h.base}${r.reportUrl!}`);
    expect(report.status).toBe(200);
    expect(await report.text()).toContain('data:image/png;base64,');

    const over = await post({ holdings: 'KOSPI 70%, dollar 40%', locale: 'en' });
    expect(over.status).toBe(400);
    expect(((await over.json()) as { error: { message: string } }).error.message).toBe(
      'The weights add up to 110%. Keep them at 100% or less (the rest counts as cash).',
    );
    const empty = await post({ holdings: '', locale: 'ko' });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { error: { message: string } }).error.message).toMatch(
      /보유 종목을 글로 적어 주세요/u,
    );
    expect((await post({ holdings: '코스피 60%' }, false)).status).toBe(401);
  }, 60_000);
});
