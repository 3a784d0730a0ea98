import { describe, expect, it } from 'vitest';
import type { Point } from '../../src/data/series.js';
import { createBotCommands, parseRule, type BotCommandInput } from '../../src/sim/bot-commands.js';
import { createPaperTrading } from '../../src/sim/paper-trading.js';
import { createMemoryAccountStore } from '../../src/store/memory-account-store.js';
import { createMemorySubscriptionStore } from '../../src/store/memory-subscription-store.js';

function setup(prices: Record<string, Point[]>) {
  const accounts = createMemoryAccountStore();
  // A clock a second apart per subscription: the list is ordered by creation time, and two added within one
  // millisecond fall back to their ids' order, which is not the order they were added in.
  let tick = Date.parse('2026-11-23T01:00:00Z');
  const subscriptions = createMemorySubscriptionStore({ now: () => new Date((tick += 1_000)) });
  const history = { ...prices };
  const trading = createPaperTrading({
    accounts,
    history: async (s) => history[s] ?? [],
    startingCashWon: 10_000_000n,
    feeBps: 1.5,
    now: () => new Date('2026-11-23T01:00:00Z'),
  });
  const curves: { date: string; value: number }[][] = [];
  const commands = createBotCommands({
    trading,
    subscriptions,
    renderEquityChart: async (c) => (curves.push(c), new Uint8Array([137, 80, 78, 71])),
  });
  const run = (command: BotCommandInput['command'], args = '', locale: 'ko' | 'en' = 'ko') =>
    commands.run({ platform: 'telegram', userId: 'telegram:42', target: '42', locale, command, args });
  return { accounts, subscriptions, history, trading, commands, run, curves };
}

describe('paper trading through the persisted account', () => {
  it('gets the scripted sequence right to the won, across saves and loads, at the latest ETL price', async () => {
    const s = setup({ kospi: [{ date: '2026-11-20', value: 2500.12 }] });
    expect((await s.run('buy', '코스피 100')).text).toBe(
      '✅ 코스피 100주 매수: 2,500.12 (2026-11-20 종가), 수수료 38원. 현금 9,749,950원',
    );
    s.history.kospi!.push({ date: '2026-11-21', value: 2600.55 });
    await s.run('buy', 'kospi 50');
    s.history.kospi!.push({ date: '2026-11-22', value: 2700 });
    expect((await s.run('sell', '코스피 60')).text).toContain('실현손익 +9,937원');
    s.history.kospi!.push({ date: '2026-11-23', value: 2450.01 });
    expect((await s.run('sell', '90 kospi', 'en')).text).toContain('realized −7,591 KRW');
    const stored = (await s.accounts.load('telegram:42'))!;
    expect(stored.revision).toBe(4);
    expect(stored.account.realizedWon).toBe(2_346n);
    expect(stored.account.cashWon).toBe(10_000_000n - 250_050n - 130_048n + 161_976n + 220_468n);
    const p = await s.run('portfolio');
    expect(p.text).toContain('평가액 10,002,346원');
    expect(p.text).toContain('실현손익 +2,346원 · 평가손익 0원');
    expect(p.png).toBeDefined();
    // The account value over time: flat at the starting cash before the first trade, then marked to each close.
    expect(s.curves[0]!.at(-1)).toEqual({ date: '2026-11-23', value: 10_002_346 });
  });

  it('values an open position with unrealized P&L; refuses overspending as a reply; reset starts over', async () => {
    const s = setup({ usdkrw: [{ date: '2026-11-20', value: 1385.25 }] });
    await s.run('buy', 'usdkrw 100');
    s.history.usdkrw!.push({ date: '2026-11-21', value: 1400 });
    const p = await s.run('portfolio', '', 'en');
    expect(p.text).toContain('unrealized +1,454 KRW');
    // Average cost includes the buy fee: (138,525 + 21) / 100.
    expect(p.text).toContain('×100, average 1,385.46, value 140,000 KRW');
    expect((await s.run('buy', 'usdkrw 100000')).text).toMatch(/^⚠️ Not enough cash/u);
    expect((await s.run('buy', '코스피')).text).toContain('예: /buy 코스피 3');
    expect((await s.run('buy', 'kospi 1')).text).toMatch(/No price for kospi/u);
    expect((await s.run('reset')).text).toBe('🔄 계좌를 초기화했어요. 현금 10,000,000원');
    expect((await s.trading.portfolio('telegram:42')).valuation.positions).toEqual([]);
  });

  it('two orders at once never spend the same cash twice (compare-and-set retries)', async () => {
    const s = setup({ kospi: [{ date: '2026-11-20', value: 2500 }] });
    await Promise.all(Array.from({ length: 8 }, () => s.trading.buy('telegram:42', 'kospi', 10n)));
    const a = (await s.accounts.load('telegram:42'))!.account;
    expect(a.positions.get('kospi')!.quantity).toBe(80n);
    expect(a.cashWon).toBe(10_000_000n - 8n * (25_000n + 4n));
  });
});

describe('alert subscriptions as commands', () => {
  it('parses rules in Korean and English', () => {
    expect(parseRule('코스피 낙폭 15')).toEqual({
      indicatorId: 'kospi',
      rule: { kind: 'drawdown', lookbackDays: 90, thresholdPct: 15 },
    });
    expect(parseRule('kospi')).toEqual({
      indicatorId: 'kospi',
      rule: { kind: 'drawdown', lookbackDays: 90, thresholdPct: 10 },
    });
    expect(parseRule('환율 급변 3 한달')).toMatchObject({
      indicatorId: 'usdkrw',
      rule: { kind: 'move', period: 'month', thresholdPct: 3 },
    });
    expect(parseRule('s&p 500 vol 2.5')).toMatchObject({ rule: { kind: 'volatility-spike', zScore: 2.5 } });
    expect(parseRule('kospi band 2300')).toMatchObject({ rule: { kind: 'forecast-lower-band', threshold: 2300 } });
    expect(parseRule('kospi band')).toMatchObject({ problem: 'threshold' });
    expect(parseRule('코스피 손절 7')).toMatchObject({ rule: { kind: 'stop-loss', thresholdPct: 7 } });
    expect(parseRule('코스피 익절')).toMatchObject({ rule: { kind: 'take-profit', thresholdPct: 20 } });
  });

  it('subscribes (opted in), lists, sets quiet hours, unsubscribes by number and all', async () => {
    const s = setup({});
    expect((await s.run('subscribe', '코스피 낙폭 10')).text).toBe(
      '🔔 알림 설정: 코스피 — 최근 90일 고점 대비 −10% 하락',
    );
    await s.run('subscribe', 'usdkrw move 3', 'en');
    const [sub] = await s.subscriptions.listByUser('telegram:42');
    expect(sub).toMatchObject({ platform: 'telegram', target: '42', optIn: true, active: true });
    const list = await s.run('subscriptions');
    expect(list.text).toBe('1. 코스피 — 최근 90일 고점 대비 −10% 하락\n2. 원/달러 환율 — 하루 ±3% 이상 변동');
    expect(list.buttons!.map((b) => b.command)).toEqual(['unsubscribe 1', 'unsubscribe 2']);
    expect((await s.run('quiet', '23:00-07:00')).text).toContain('방해 금지 23:00-07:00');
    expect((await s.subscriptions.listByUser('telegram:42'))[0]!.quietHours).toEqual({
      startMinute: 1_380,
      endMinute: 420,
    });
    expect((await s.run('unsubscribe', '9')).text).toContain('해제할 번호');
    expect((await s.run('unsubscribe', '1')).text).toBe('🔕 알림 1개를 해제했어요.');
    expect((await s.run('subscriptions')).text).toMatch(/^1\. 원\/달러 환율/u);
    await s.run('unsubscribe', 'all');
    expect(await s.subscriptions.listByUser('telegram:42')).toEqual([]);
  });
});
