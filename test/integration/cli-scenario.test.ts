import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { registerScenarioCommands } from '../../src/cli/scenario-command.js';
import { loadConfig } from '../../src/config.js';
import { createSilentLogger } from '../../src/logger.js';
import { createRuntime } from '../../src/runtime.js';
import { scenarioDataDir } from '../fakes/scenario-data.js';

const data = scenarioDataDir();
const home = mkdtempSync(join(tmpdir(), 'rx-cli-scenario-'));
const env = { LOG_LEVEL: 'silent', RISKXPERT_DATA_DIR: data.dir, RISKXPERT_HOME: home, LLM_ENABLED: 'false' };
afterAll(() => {
  data.drop();
  rmSync(home, { recursive: true, force: true });
});

async function cli(...args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, [registerScenarioCommands], env, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('riskxpert scenario on the embedded SQLite store (one process per command, as a user runs them)', () => {
  it('creates, runs on a paper portfolio, edits, re-runs and shows both versions; v1 stays reproducible', async () => {
    // A paper account with KOSPI in it, in the same database the commands open.
    const rt = await createRuntime(loadConfig({ ...env, NODE_ENV: 'test' }), { logger: createSilentLogger() });
    await rt.sim.trading.buy('telegram:321', 'kospi', 1_000n);
    await rt.close();

    const created = await cli('scenario', 'create', '원화 약세', '--shock', 'usdkrw=+10%', '--horizon', '3');
    expect(created.code, created.err).toBe(0);
    expect(created.out).toMatch(/ 원화 약세 v1\n$/u);
    const run1 = await cli('scenario', 'run', '원화 약세', '--paper', 'telegram:321');
    expect(run1.code).toBe(0);
    expect(run1.out).toMatch(/^시나리오 '원화 약세'\(버전 1, 3개월/u);
    expect(run1.out).toMatch(/포트폴리오 손익 −[\d,]+원\(−[\d.]+%\), 80% 범위 −[\d,]+원 ~ [−+]?[\d,]+원/u);

    expect((await cli('scenario', 'edit', '원화 약세', '--shock', 'usdkrw=+20%', '--horizon', '3')).out).toMatch(
      / 원화 약세 v2\n$/u,
    );
    const run2 = await cli('scenario', 'run', '원화 약세', '--paper', 'telegram:321', '--json');
    const r2 = JSON.parse(run2.out) as { version: number; pnl: { totalWon: number } };
    expect(r2.version).toBe(2);
    const again = JSON.parse(
      (await cli('scenario', 'run', '원화 약세', '--paper', 'telegram:321', '--version', '1', '--json')).out,
    ) as {
      version: number;
      pnl: { totalWon: number };
    };
    expect(again.version).toBe(1);
    expect(r2.pnl.totalWon).toBeLessThan(again.pnl.totalWon);
    expect(run1.out).toContain(`${Math.abs(again.pnl.totalWon).toLocaleString('en-US')}원`);

    const versions = (await cli('scenario', 'versions', '원화 약세')).out.trim().split('\n');
    expect(versions.map((l) => l.replace(/ \d{4}-\S+ /u, ' '))).toEqual([
      'v1 usdkrw 10%, 3m (2 run(s))',
      'v2 usdkrw 20%, 3m (1 run(s))',
    ]);
  });
});
