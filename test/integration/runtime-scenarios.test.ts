import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordInteractionsFromRuntime } from '../../adapters/discord/interactions.js';
import { loadConfig } from '../../src/config.js';
import { createSilentLogger } from '../../src/logger.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { scenarioDataDir } from '../fakes/scenario-data.js';

const data = scenarioDataDir();
const home = mkdtempSync(join(tmpdir(), 'rx-runtime-scenarios-'));
let rt: Runtime;
beforeAll(async () => {
  rt = await createRuntime(
    loadConfig({ NODE_ENV: 'test', RISKXPERT_DATA_DIR: data.dir, RISKXPERT_HOME: home, LLM_ENABLED: 'false' }),
    { logger: createSilentLogger() },
  );
});
afterAll(async () => {
  await rt.close();
  data.drop();
  rmSync(home, { recursive: true, force: true });
});

describe('the composition root builds the scenario services once (rt.scenarios)', () => {
  it('hands one service to the CLI/web and the chat command, on the runtime store, with paper holdings', async () => {
    expect(await rt.scenarios.surface()).toBe(await rt.scenarios.surface());
    await rt.sim.trading.buy('telegram:5', 'kospi', 100n);
    const saved = await rt.scenarios.chat.run({
      userId: 'telegram:5',
      locale: 'en',
      args: 'save won: 환율 +10%, 3개월',
    });
    expect(saved.text).toBe("Scenario 'won' saved: version 1.");
    // The record is in the runtime's store: the surface the web and CLI use sees it.
    const list = await (await rt.scenarios.surface()).service.list('telegram:5');
    expect(list.map((r) => r.spec.name)).toEqual(['won']);
    const run = await rt.scenarios.chat.run({ userId: 'telegram:5', locale: 'en', args: 'won' });
    expect(run.result?.pnl?.holdings.map((h) => h.symbol)).toEqual(['kospi']);
    expect(run.png?.byteLength).toBeGreaterThan(2_000);
  });

  it('the Discord handlers built from the runtime answer /scenario (deferred), with no shape sniffing', async () => {
    const handlers = createDiscordInteractionsFromRuntime(rt, new REST({ api: 'http://127.0.0.1:9/api' }));
    const { response } = await handlers.respond({
      id: 'x1',
      application_id: '1',
      type: 2,
      token: 'tok-rt',
      locale: 'en-US',
      data: { name: 'scenario', options: [{ name: 'text', value: 'list' }] },
      member: { user: { id: '9' } },
    });
    expect(response).toEqual({ type: 5 });
  });
});
