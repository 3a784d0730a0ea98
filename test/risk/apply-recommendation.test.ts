import { describe, expect, it } from 'vitest';
import { createRiskCommands } from '../../src/risk/risk-commands.js';
import { syntheticMarket } from '../../src/risk/synthetic-market.js';
import { createPaperTrading } from '../../src/sim/paper-trading.js';
import { createMemoryAccountStore } from '../../src/store/memory-account-store.js';
import { createMemoryRiskProfileStore } from '../../src/store/memory-risk-profile-store.js';

const market = syntheticMarket(3, 1_300, 5);
const ids = ['usdkrw', 'kospi', 'stock:005930'];
const history = async (id: string) => [...market[ids.indexOf(id)]!.points];
const units = (id: string, won: number) => BigInt(Math.floor(won / market[ids.indexOf(id)]!.points.at(-1)!.value));
const USER = 'telegram:7';

async function setup() {
  let clock = Date.parse('2026-12-01T09:00:00Z');
  const trading = createPaperTrading({
    accounts: createMemoryAccountStore(),
    history,
    startingCashWon: 100_000_000n,
    feeBps: 1.5,
  });
  await trading.buy(USER, 'stock:005930', units('stock:005930', 60_000_000));
  await trading.buy(USER, 'kospi', units('kospi', 35_000_000));
  const risk = createRiskCommands({
    profiles: createMemoryRiskProfileStore(),
    history,
    portfolio: (u) => trading.portfolio(u),
    trader: trading,
    now: () => new Date(clock),
  });
  await risk.run({ userId: USER, locale: 'ko', command: 'profile', args: '안정형 3%' });
  return { trading, risk, advance: (ms: number) => (clock += ms) };
}

const share = (p: Awaited<ReturnType<ReturnType<typeof createPaperTrading>['portfolio']>>, id: string) =>
  Number(p.valuation.positions.find((x) => x.symbol === id)?.valueWon ?? 0n) / Number(p.valuation.equityWon);

describe('/apply: the last recommendation onto the paper account', () => {
  it('applies a fresh recommendation on an unchanged account: the holdings move to the recommended shares, marked as education', async () => {
    const { trading, risk } = await setup();
    const plan = await risk.run({ userId: USER, locale: 'ko', command: 'plan', args: '' });
    expect(plan.text).toMatch(/\/apply/u);
    const target = plan.analysis!.recommendation.weightsAfter;
    const heldIds = plan.analysis!.holdings.map((h) => h.id);
    const before = await trading.portfolio(USER);
    const applied = await risk.run({ userId: USER, locale: 'ko', command: 'apply', args: '' });
    expect(applied.text).toMatch(/^교육용 모의투자에 추천을 적용했어요: .*삼성전자 \(005930\) [\d,]+주 매도/u);
    const after = await trading.portfolio(USER);
    expect(after.account.trades.length).toBeGreaterThan(before.account.trades.length);
    heldIds.forEach((id, i) => {
      // Whole units and the fee margin keep each share within half a point of the recommendation.
      expect(Math.abs(share(after, id) - target[i]!)).toBeLessThan(0.005);
    });
    // Applied once: a second /apply has nothing pending.
    expect((await risk.run({ userId: USER, locale: 'ko', command: 'apply', args: '' })).text).toMatch(
      /적용할 최근 추천이 없어요/u,
    );
  }, 30_000);

  it('re-asks when the recommendation is older than ten minutes, and changes nothing', async () => {
    const { trading, risk, advance } = await setup();
    await risk.run({ userId: USER, locale: 'en', command: 'plan', args: '' });
    advance(10 * 60_000 + 1);
    const trades = (await trading.portfolio(USER)).account.trades.length;
    expect((await risk.run({ userId: USER, locale: 'en', command: 'apply', args: '' })).text).toMatch(
      /older than 10 minutes.*\/plan/u,
    );
    expect((await trading.portfolio(USER)).account.trades.length).toBe(trades);
  }, 30_000);

  it('re-asks when the account changed after the recommendation, and changes nothing more', async () => {
    const { trading, risk } = await setup();
    await risk.run({ userId: USER, locale: 'ko', command: 'plan', args: '' });
    await trading.buy(USER, 'usdkrw', 1n);
    const trades = (await trading.portfolio(USER)).account.trades.length;
    expect((await risk.run({ userId: USER, locale: 'ko', command: 'apply', args: '' })).text).toMatch(
      /계좌가 바뀌어서 적용하지 않았어요/u,
    );
    expect((await trading.portfolio(USER)).account.trades.length).toBe(trades);
  }, 30_000);

  it('a recommendation on stated weights is not applied to the paper account', async () => {
    const { risk } = await setup();
    await risk.run({ userId: USER, locale: 'ko', command: 'plan', args: '코스피 50%, 달러 50%' });
    expect((await risk.run({ userId: USER, locale: 'ko', command: 'apply', args: '' })).text).toMatch(
      /적용할 최근 추천이 없어요/u,
    );
  }, 30_000);
});
