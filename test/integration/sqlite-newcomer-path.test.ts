import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startFredServer } from '../fakes/fred-server.js';
import { runRiskxpert } from '../fakes/riskxpert-process.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

// 800 days of the 10-year Treasury yield, ending on a fixed date, so the answer can be checked against it.
const days = Array.from({ length: 800 }, (_, i) =>
  new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
);
const dgs10 = days.map((d, i) => ({ date: d, value: (3.9 + 0.3 * Math.sin(i / 45)).toFixed(2) }));

describe('the newcomer path on a fresh home, every step a new process, no server anywhere', () => {
  it('etl run loads the keyless FRED series into the embedded store; status and ask use them; key-only indicators say which key', async () => {
    const home = await mkdtemp(join(tmpdir(), 'rx-newcomer-'));
    dirs.push(home);
    const fred = await startFredServer({ series: { DGS10: dgs10 } });
    try {
      const env = { RISKXPERT_HOME: home, FRED_BASE_URL: fred.url, FORECASTER: 'drift', LLM_ENABLED: 'false' };
      const etl = await runRiskxpert(['etl', 'run', '--indicator', 'us10y'], env);
      expect(etl.out, etl.err).toMatch(/✓ us10y +800 points \(800 new, 0 changed\) from fred/u);
      expect(etl.out).toContain(`Kept in ${join(home, 'riskxpert.db')}`);
      expect(etl.code).toBe(0);

      // No ECOS or KIS key: those indicators say which key they wait for.
      const all = await runRiskxpert(['etl', 'run'], { ...env, ETL_PROVIDERS: 'kis,ecos,fred' });
      expect(all.out).toMatch(
        /· kospi +not loaded: needs KIS_APP_KEY and KIS_APP_SECRET \(kis\) or ECOS_API_KEY \(ecos\), or a CSV in RISKXPERT_DATA_DIR/u,
      );
      expect(all.out).toMatch(/· kr_base_rate +not loaded: needs ECOS_API_KEY \(ecos\)/u);
      expect(all.out).toMatch(/✓ us10y +800 points \(0 new, 0 changed\), unchanged from fred/u);

      const status = await runRiskxpert(['status'], env);
      expect(status.code, status.err).toBe(0);
      expect(status.out).toContain(`Loaded data (the embedded database ${join(home, 'riskxpert.db')})`);
      expect(status.out).toMatch(/^us10y +fred:DGS10 +800 pts +2024-01-01\.\.2026-03-10 STALE +last ok 20/mu);

      const ask = await runRiskxpert(['ask', '앞으로 6개월 미국 10년물 금리 어때?', '--json'], env);
      expect(ask.code, ask.err).toBe(0);
      const answer = JSON.parse(ask.out) as {
        indicator: unknown;
        dataSource: string;
        sampleData: boolean;
        last: { value: number };
      };
      expect(JSON.stringify(answer.indicator)).toContain('us10y');
      expect(answer.sampleData).toBe(false);
      expect(answer.dataSource).toMatch(/^fred:DGS10, loaded 20/u);
      expect(answer.last.value).toBe(Number(dgs10.at(-1)!.value));
    } finally {
      await fred.close();
    }
  }, 240_000);

  it('data import loads a user CSV, status lists it beside the CSV folder, and ask answers from it; offline ask keeps the sample', async () => {
    const home = await mkdtemp(join(tmpdir(), 'rx-import-'));
    const folder = await mkdtemp(join(tmpdir(), 'rx-folder-'));
    dirs.push(home, folder);
    const file = join(home, 'my-gold.csv');
    const rows = Array.from(
      { length: 60 },
      (_, i) => `${new Date(Date.UTC(2021, i, 1)).toISOString().slice(0, 10)};${(1800 + i * 7.5).toFixed(1)}`,
    );
    await writeFile(file, `Month;Close;Note\n${rows.join('\n')}\n`.replace(/;/gu, ','));
    await writeFile(join(folder, 'kosdaq.csv'), 'date,value\n2024-01-31,800\n2024-02-29,810\n');
    const env = { RISKXPERT_HOME: home, FORECASTER: 'drift', LLM_ENABLED: 'false' };

    const offline = await runRiskxpert(['ask', 'S&P 500 3개월 전망', '--json'], env);
    expect(JSON.parse(offline.out)).toMatchObject({
      sampleData: true,
      dataSource: expect.stringMatching(/vega-datasets/u),
    });

    const bad = await runRiskxpert(['data', 'import', '--csv', file, '--indicator', 'not_an_indicator'], env);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/Unknown indicator "not_an_indicator"/u);
    const imported = await runRiskxpert(
      ['data', 'import', '--csv', file, '--indicator', 'gold', '--date-col', 'Month', '--value-col', 'Close'],
      env,
    );
    expect(imported.code, imported.err).toBe(0);
    expect(imported.out).toMatch(/✓ gold: 60 points 2021-01-01\.\.2025-12-01 \(60 new, 0 changed\) from my-gold\.csv/u);

    const status = await runRiskxpert(['status'], { ...env, RISKXPERT_DATA_DIR: folder });
    expect(status.out).toMatch(/^gold +import:my-gold\.csv +60 pts +2021-01-01\.\.2025-12-01/mu);
    expect(status.out).toContain(`CSV folder (RISKXPERT_DATA_DIR=${folder})`);
    expect(status.out).toMatch(/^kosdaq +csv:kosdaq\.csv +2 pts +2024-01-31\.\.2024-02-29/mu);

    const ask = await runRiskxpert(['ask', '금값 6개월 전망', '--json'], env);
    expect(ask.code, ask.err).toBe(0);
    const answer = JSON.parse(ask.out) as {
      indicator: unknown;
      dataSource: string;
      sampleData: boolean;
      last: { value: number };
    };
    expect(JSON.stringify(answer.indicator)).toContain('gold');
    expect(answer).toMatchObject({
      sampleData: false,
      dataSource: expect.stringMatching(/^import:my-gold\.csv, loaded 20/u),
      last: { value: 2242.5 },
    });
  }, 240_000);
});
