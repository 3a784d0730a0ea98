import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { formatStatusLine, registerEtlCommands } from '../../workers/etl-commands.js';
import { startEcosServer } from '../fakes/ecos-server.js';
import { startFredServer } from '../fakes/fred-server.js';

async function cli(args: string[], env: Record<string, string | undefined>) {
  let out = '';
  let err = '';
  const code = await main(
    args,
    [registerEtlCommands],
    { LOG_LEVEL: 'silent', ETL_PROVIDERS: 'csv', ...env },
    { out: (t) => (out += t), err: (t) => (err += t) },
  );
  return { code, out, err };
}

describe('riskxpert etl run / status / worker', () => {
  it('loads every indicator a CSV folder has, reporting each, and fails clearly for a broken file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rx-etl-'));
    await writeFile(join(dir, 'gold_monthly.csv'), 'Date,Price\n2024-01,2000\n2024-02,2050\n2024-03,2100\n');
    await writeFile(join(dir, 'kosdaq.csv'), 'date,value\n2024-01-31,800\n2024-02-29,810\n');
    await writeFile(join(dir, 'vix_daily.csv'), 'DATE,OPEN\n2024-01-02,13\n');
    const home = join(dir, 'home');
    const r = await cli(['etl', 'run'], { RISKXPERT_DATA_DIR: dir, RISKXPERT_HOME: home });
    expect(r.out).toMatch(/✓ kosdaq +2 points \(2 new, 0 changed\)/u);
    expect(r.out).toMatch(/✓ gold +3 points/u);
    expect(r.out).toMatch(/✗ vix +vix_daily\.csv: missing column\(s\) CLOSE/u);
    expect(r.out).toContain(`Kept in ${join(home, 'riskxpert.db')}`);
    expect(r.code).toBe(1);
    const memory = await cli(['etl', 'run', '--indicator', 'gold'], { RISKXPERT_DATA_DIR: dir, STORE: 'memory' });
    expect(memory.err).toMatch(/series store is in-memory \(STORE=memory\)/u);

    const one = await cli(['etl', 'run', '--indicator', 'gold'], { RISKXPERT_DATA_DIR: dir, RISKXPERT_HOME: home });
    expect(one.code).toBe(0);
    expect(one.out).not.toMatch(/kosdaq/u);
    expect(one.out).toMatch(/✓ gold +3 points \(0 new, 0 changed\), unchanged/u);
  });

  it('says what to configure when there is no source, and the worker needs a queue Redis', async () => {
    const none = await cli(['etl', 'run'], {});
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/No data source is configured/u);
    const worker = await cli(['worker'], {});
    expect(worker.code).toBe(2);
    expect(worker.err).toMatch(/QUEUE_REDIS_URL/u);
    const status = await cli(['status'], { RISKXPERT_HOME: await mkdtemp(join(tmpdir(), 'rx-etl-home-')) });
    expect(status.out).toMatch(
      /No ETL data yet in the embedded database .*riskxpert\.db\. Run `riskxpert etl run` \(FRED needs no key\)/u,
    );
    expect(none.err).toMatch(
      /· kospi +not loaded: needs kis in ETL_PROVIDERS or ecos in ETL_PROVIDERS, or a CSV in RISKXPERT_DATA_DIR/u,
    );
  });

  it('etl run against the providers: FRED keyless, and ECOS refusing its key falls back to FRED without printing the key', async () => {
    const days = Array.from({ length: 300 }, (_, i) =>
      new Date(Date.UTC(2025, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
    );
    const fred = await startFredServer({
      series: {
        DGS10: days.map((d, i) => ({ date: d, value: (4 + i / 1000).toFixed(3) })),
        DEXKOUS: days.map((d) => ({ date: d, value: '1400.5' })),
      },
    });
    const ecos = await startEcosServer({ apiKey: 'THE-RIGHT-ECOS-KEY', series: {} });
    try {
      const env = {
        ETL_PROVIDERS: 'ecos,fred',
        FRED_BASE_URL: fred.url,
        ECOS_BASE_URL: ecos.url,
        ECOS_API_KEY: 'A-WRONG-ECOS-KEY-123',
      };
      const us = await cli(['etl', 'run', '--indicator', 'us10y'], env);
      expect(us.code).toBe(0);
      expect(us.out).toMatch(/✓ us10y +300 points \(300 new, 0 changed\) from fred\n/u);
      const fx = await cli(['etl', 'run', '--indicator', 'usdkrw'], env);
      expect(fx.code).toBe(0);
      expect(fx.out).toMatch(
        /✓ usdkrw +300 points .* from fred \(fallback; ecos: UNAUTHORIZED: ECOS: 731Y001\/D\/0000001: INFO-100/u,
      );
      expect(fx.out + fx.err).not.toContain('A-WRONG-ECOS-KEY-123');
    } finally {
      await Promise.all([fred.close(), ecos.close()]);
    }
  });

  it('status shows per indicator the source, points, range, staleness, last success and last error', () => {
    const now = Date.parse('2026-12-01T00:00:00Z');
    const line = formatStatusLine(
      {
        indicatorId: 'usdkrw',
        points: 9_629,
        source: 'fred:DEXKOUS',
        firstDate: '1990-01-02',
        lastDate: '2026-11-20',
        lastSuccessAt: new Date('2026-11-29T00:00:00Z'),
        lastErrorAt: new Date('2026-11-30T00:00:00Z'),
        lastError: 'ecos: RATE_LIMITED: ERROR-602 (loaded from fred)',
      },
      now,
    );
    expect(line).toMatch(
      /^usdkrw +fred:DEXKOUS +9629 pts +1990-01-02\.\.2026-11-20 STALE +last ok 2026-11-29T00:00:00\.000Z \(2 d ago\) +last error 2026-11-30T00:00:00\.000Z: ecos: RATE_LIMITED/u,
    );
    // October's CPI (dated 2026-10-01) is still the latest on 1 December; August's is not.
    expect(
      formatStatusLine(
        {
          indicatorId: 'kr_cpi',
          points: 400,
          source: 'ecos:901Y009/M/0',
          lastDate: '2026-10-01',
          lastSuccessAt: new Date(now),
        },
        now,
      ),
    ).not.toMatch(/STALE|last error/u);
    expect(
      formatStatusLine(
        {
          indicatorId: 'kr_cpi',
          points: 400,
          source: 'ecos:901Y009/M/0',
          lastDate: '2026-08-01',
          lastSuccessAt: new Date(now),
        },
        now,
      ),
    ).toMatch(/ STALE /u);
  });
});
