import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createRiskServices } from '../../src/risk/risk-services.js';
import { syntheticMarket } from '../../src/risk/synthetic-market.js';
import { createPaperTrading } from '../../src/sim/paper-trading.js';
import { createMemoryAccountStore } from '../../src/store/memory-account-store.js';

const market = syntheticMarket(3, 1_300, 5);
const ids = ['usdkrw', 'kospi', 'stock:005930'];
const history = async (id: string) => [...market[ids.indexOf(id)]!.points];
const units = (id: string, won: number) => BigInt(Math.floor(won / market[ids.indexOf(id)]!.points.at(-1)!.value));
const USER = 'telegram:41';
const home = mkdtempSync(join(tmpdir(), 'rx-apply-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('/apply on another process than the one that showed the recommendation (SQLite store)', () => {
  it('applies on a second set of services sharing the database file, and only once', async () => {
    // One paper account (as both replicas would see it), two independent risk services on the same SQLite file.
    const trading = createPaperTrading({
      accounts: createMemoryAccountStore(),
      history,
      startingCashWon: 100_000_000n,
      feeBps: 1.5,
    });
    await trading.buy(USER, 'stock:005930', units('stock:005930', 60_000_000));
    await trading.buy(USER, 'kospi', units('kospi', 35_000_000));
    const config = loadConfig({ STORE: 'sqlite', RISKXPERT_HOME: home });
    const deps = { history, portfolio: (u: string) => trading.portfolio(u), trader: trading };
    const first = createRiskServices(config, deps);
    await first.commands.run({ userId: USER, locale: 'ko', command: 'profile', args: '안정형 3%' });
    const plan = await first.commands.run({ userId: USER, locale: 'ko', command: 'plan', args: '' });
    expect(plan.text).toMatch(/\/apply/u);
    await first.close(); // the process that showed it is gone

    const second = createRiskServices(config, deps);
    const third = createRiskServices(config, deps);
    const before = (await trading.portfolio(USER)).account.trades.length;
    const [a, b] = await Promise.all([
      second.commands.run({ userId: USER, locale: 'ko', command: 'apply', args: '' }),
      third.commands.run({ userId: USER, locale: 'ko', command: 'apply', args: '' }),
    ]);
    const texts = [a.text, b.text].sort();
    expect(texts[0]).toMatch(/^교육용 모의투자에 추천을 적용했어요/u);
    expect(texts[1]).toMatch(/적용할 최근 추천이 없어요/u);
    expect((await trading.portfolio(USER)).account.trades.length).toBeGreaterThan(before);
    await second.close();
    await third.close();
  }, 60_000);
});
