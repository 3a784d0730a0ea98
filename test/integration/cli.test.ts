import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';

const run = promisify(execFile);

async function cli(args: string[], env: Record<string, string | undefined> = {}) {
  let out = '';
  let err = '';
  const code = await main(
    args,
    [],
    { LOG_LEVEL: 'silent', ...env },
    { out: (t) => (out += t), err: (t) => (err += t) },
  );
  return { code, out, err };
}

describe('riskxpert ask', () => {
  it('prints the table, summary and scenario, writes the chart, and says once what runs embedded', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rx-cli-'));
    const chart = join(dir, 'c.png');
    const r = await cli(['ask', '앞으로', '6개월', 'S&P 500', '어때?', '--chart', chart]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/S&P 500 \(포인트\) · 마지막 값 2,874\.6 \(2020-04-\d\d\)/u);
    // The offline sample ends in 2020: the answer opens by saying so, with the date, and is no failed load.
    expect(r.out).toMatch(/자료가 2020년 4월 \d+일까지만 있어/u);
    expect(r.out).not.toMatch(/불러오지 못해/u);
    expect(r.out).toMatch(/2020-10/u);
    expect(r.out).toMatch(/오프라인 샘플|offline sample/u);
    expect(r.err.match(/narrator: deterministic/gu)).toHaveLength(1);
    expect(r.err).toMatch(/cache: in-memory/u);
    expect(r.err).toMatch(/store: embedded SQLite database .*\.riskxpert\/riskxpert\.db/u);
    const png = await readFile(chart);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  });

  it('--json prints one parseable object with the forecast numbers', async () => {
    const r = await cli(['ask', 'S&P 500 next 3 months', '--json', '--lang', 'en']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as {
      indicator: { id: string };
      forecast: { date: string; p10: number; median: number; p90: number }[];
      summary: string;
      scenario: string;
      locale: string;
    };
    expect(json.indicator.id).toBe('sp500');
    expect(json.locale).toBe('en');
    expect(json.forecast).toHaveLength(3);
    for (const row of json.forecast) expect(row.p10).toBeLessThanOrEqual(row.median);
    expect(json.summary.length).toBeGreaterThan(0);
    expect(json.scenario.length).toBeGreaterThan(0);
  });

  it('reads real indicator data from RISKXPERT_DATA_DIR', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rx-cli-data-'));
    const rows = Array.from({ length: 120 }, (_, i) => {
      const y = 2015 + Math.floor(i / 12);
      const m = String((i % 12) + 1).padStart(2, '0');
      return `${y}-${m}-28,${(1100 + 2 * i + 30 * Math.sin(i / 5)).toFixed(2)}`;
    });
    await writeFile(join(dir, 'usdkrw.csv'), `date,value\n${rows.join('\n')}\n`);
    const r = await cli(['ask', '환율', '1년', '뒤', '--json'], { RISKXPERT_DATA_DIR: dir });
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { indicator: { id: string }; forecast: unknown[]; sampleData: boolean };
    expect(json.indicator.id).toBe('usdkrw');
    expect(json.forecast).toHaveLength(12);
    expect(json.sampleData).toBe(false);
  });

  it('exits 1 with a friendly message for an unknown indicator, 2 for bad config', async () => {
    const unknown = await cli(['ask', '오늘', '날씨는?']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/예측할 수 있는 지표/u);
    const bad = await cli(['ask', 'S&P 500'], { PORT: 'x', REDIS_URL: 'nope' });
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/PORT/u);
    expect(bad.err).toMatch(/REDIS_URL/u);
  });

  it('lists indicators and marks which have data', async () => {
    const r = await cli(['indicators']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/● sp500/u);
    expect(r.out).toMatch(/○ kospi/u);
  });

  it('the installed bin runs as a fresh process (the README quick start)', async () => {
    const { stdout } = await run(process.execPath, ['bin/riskxpert.js', 'ask', 'S&P 500 2개월', '--json'], {
      env: { ...process.env, LOG_LEVEL: 'silent', RISKXPERT_DATA_DIR: '' },
      timeout: 120_000,
    });
    expect(JSON.parse(stdout)).toMatchObject({ indicator: { id: 'sp500' }, horizonMonths: 2 });
  });
});
