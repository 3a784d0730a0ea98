import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { registerEtlCommands } from '../../workers/etl-commands.js';

async function cli(args: string[], env: Record<string, string | undefined>) {
  let out = '';
  let err = '';
  const code = await main(args, [registerEtlCommands], { LOG_LEVEL: 'silent', ETL_PROVIDERS: 'csv', ...env }, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('riskxpert etl run / status / worker', () => {
  it('loads every indicator a CSV folder has, reporting each, and fails clearly for a broken file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rx-etl-'));
    await writeFile(join(dir, 'gold_monthly.csv'), 'Date,Price\n2024-01,2000\n2024-02,2050\n2024-03,2100\n');
    await writeFile(join(dir, 'kosdaq.csv'), 'date,value\n2024-01-31,800\n2024-02-29,810\n');
    await writeFile(join(dir, 'vix_daily.csv'), 'DATE,OPEN\n2024-01-02,13\n');
    const r = await cli(['etl', 'run'], { RISKXPERT_DATA_DIR: dir });
    expect(r.out).toMatch(/✓ kosdaq +2 points \(2 new, 0 changed\)/u);
    expect(r.out).toMatch(/✓ gold +3 points/u);
    expect(r.out).toMatch(/✗ vix +vix_daily\.csv: missing column\(s\) CLOSE/u);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/series store is in-memory/u);

    const one = await cli(['etl', 'run', '--indicator', 'gold'], { RISKXPERT_DATA_DIR: dir });
    expect(one.code).toBe(0);
    expect(one.out).not.toMatch(/kosdaq/u);
  });

  it('says what to configure when there is no source, and the worker needs a queue Redis', async () => {
    const none = await cli(['etl', 'run'], {});
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/No data source is configured/u);
    const worker = await cli(['worker'], {});
    expect(worker.code).toBe(2);
    expect(worker.err).toMatch(/QUEUE_REDIS_URL/u);
    const status = await cli(['status'], {});
    expect(status.out).toMatch(/No ETL data yet/u);
  });
});
