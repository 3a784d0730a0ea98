import { REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISCORD_COMMANDS } from '../../adapters/discord/commands.js';
import { createDiscordInteractions, type Interaction } from '../../adapters/discord/interactions.js';
import type { Engine } from '../../src/engine/answer-types.js';
import { createSilentLogger } from '../../src/logger.js';
import { createBotCommands } from '../../src/sim/bot-commands.js';
import { createPaperTrading } from '../../src/sim/paper-trading.js';
import { createMemoryAccountStore } from '../../src/store/memory-account-store.js';
import { createMemorySubscriptionStore } from '../../src/store/memory-subscription-store.js';
import { startFakeDiscord } from '../fakes/discord-rest.js';

let discord: Awaited<ReturnType<typeof startFakeDiscord>>;
beforeAll(async () => {
  discord = await startFakeDiscord();
});
afterAll(async () => {
  await discord.close();
});

let n = 0;
const interaction = (
  name: string,
  options: Interaction['data'] extends infer D ? (D extends { options?: infer O } ? O : never) : never = [],
  type = 2,
): Interaction => {
  n += 1;
  return {
    id: `i${n}`,
    application_id: '1234',
    type,
    token: `tok-sim-${n}`,
    locale: 'ko',
    data: { name, options },
    member: { user: { id: '555' } },
  };
};

describe('Discord paper trading and alert slash commands against the REST stand-in', () => {
  it('defers ephemerally, then edits the original response; subscribing stores a DM alert for the user', async () => {
    const subscriptions = createMemorySubscriptionStore();
    const trading = createPaperTrading({
      accounts: createMemoryAccountStore(),
      history: async () => [{ date: '2026-11-20', value: 1400 }],
      startingCashWon: 10_000_000n,
      feeBps: 0,
    });
    const rest = new REST({ api: discord.api, retries: 1 }).setToken('bot');
    const handlers = createDiscordInteractions({
      rest,
      engine: {} as Engine,
      conversations: { listByUser: async () => [] },
      logger: createSilentLogger(),
      answerDeadlineMs: 45_000,
      commands: createBotCommands({ trading, subscriptions, renderEquityChart: async () => new Uint8Array(500) }),
    });
    const run = async (i: Interaction) => {
      const { response, background } = await handlers.respond(i);
      expect(response).toEqual({ type: 5, data: { flags: 64 } });
      await background!();
      return discord.texts(i.token)[0];
    };
    expect(
      await run(
        interaction('buy', [
          { name: 'indicator', value: 'usdkrw' },
          { name: 'quantity', value: 10 },
        ]),
      ),
    ).toBe('✅ 원/달러 환율 10주 매수: 1,400 (2026-11-20 종가), 수수료 0원. 현금 9,986,000원');
    const portfolio = interaction('portfolio');
    expect(await run(portfolio)).toContain('평가액 10,000,000원');
    expect(discord.calls.find((c) => c.path.includes(portfolio.token))!.files).toEqual([500]);
    expect(
      await run(
        interaction('subscribe', [
          { name: 'indicator', value: 'kospi' },
          { name: 'rule', value: 'move month' },
          { name: 'value', value: 7 },
        ]),
      ),
    ).toBe('🔔 알림 설정: 코스피 — 한 달 ±7% 이상 변동');
    expect(await subscriptions.listByUser('discord:555')).toMatchObject([
      { platform: 'discord', target: '555', optIn: true, rule: { kind: 'move', period: 'month', thresholdPct: 7 } },
    ]);
    expect(await run(interaction('subscriptions'))).toBe('1. 코스피 — 한 달 ±7% 이상 변동');
    expect(await run(interaction('unsubscribe', [{ name: 'which', value: 'all' }]))).toBe('🔕 알림 1개를 해제했어요.');
    // Autocomplete works for the new commands' indicator option too.
    const ac = await handlers.respond(interaction('buy', [{ name: 'indicator', value: '환율', focused: true }], 4));
    expect(JSON.stringify(ac.response)).toContain('usdkrw');
  });

  it('/buy takes a KRX stock code in the indicator option; autocomplete offers the typed code and known names', async () => {
    const trading = createPaperTrading({
      accounts: createMemoryAccountStore(),
      history: async (s) => (s === 'stock:000660' ? [{ date: '2026-11-27', value: 187_500 }] : []),
      startingCashWon: 10_000_000n,
      feeBps: 0,
    });
    const rest = new REST({ api: discord.api, retries: 1 }).setToken('bot');
    const handlers = createDiscordInteractions({
      rest,
      engine: {} as Engine,
      conversations: { listByUser: async () => [] },
      logger: createSilentLogger(),
      answerDeadlineMs: 45_000,
      commands: createBotCommands({ trading, subscriptions: createMemorySubscriptionStore() }),
    });
    const i = interaction('buy', [
      { name: 'indicator', value: '000660' },
      { name: 'quantity', value: 2 },
    ]);
    await (
      await handlers.respond(i)
    ).background!();
    expect(discord.texts(i.token)[0]).toBe(
      '✅ SK하이닉스 (000660) 2주 매수: 187,500 (2026-11-27 종가), 수수료 0원. 현금 9,625,000원',
    );
    const choices = async (typed: string) =>
      (
        (await handlers.respond(interaction('buy', [{ name: 'indicator', value: typed, focused: true }], 4)))
          .response as {
          data: { choices: { value: string }[] };
        }
      ).data.choices.map((c) => c.value);
    expect((await choices('123456'))[0]).toBe('123456');
    expect(await choices('하이닉스')).toContain('000660');
    expect(await choices('카카오')).toContain('035720');
    const buy = DISCORD_COMMANDS.find((c) => c.name === 'buy') as { options: readonly { description: string }[] };
    expect(buy.options[0]!.description).toContain('005930');
  });

  it('registers command definitions within Discord limits', () => {
    expect(DISCORD_COMMANDS.length).toBeLessThanOrEqual(100);
    for (const c of DISCORD_COMMANDS) {
      expect(c.name).toMatch(/^[-_\p{L}\p{N}]{1,32}$/u);
      expect(c.description.length).toBeLessThanOrEqual(100);
      for (const o of ('options' in c ? c.options : []) as { description: string; choices?: unknown[] }[]) {
        expect(o.description.length).toBeLessThanOrEqual(100);
        expect((o.choices ?? []).length).toBeLessThanOrEqual(25);
      }
    }
  });
});
