import { REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISCORD_COMMANDS } from '../../adapters/discord/commands.js';
import { createDiscordInteractions, type Interaction } from '../../adapters/discord/interactions.js';
import type { Engine } from '../../src/engine/answer-types.js';
import { createSilentLogger } from '../../src/logger.js';
import { createRiskCommands } from '../../src/risk/risk-commands.js';
import { syntheticMarket } from '../../src/risk/synthetic-market.js';
import { createPaperTrading } from '../../src/sim/paper-trading.js';
import { createMemoryAccountStore } from '../../src/store/memory-account-store.js';
import { createMemoryRiskProfileStore } from '../../src/store/memory-risk-profile-store.js';
import { startFakeDiscord } from '../fakes/discord-rest.js';

let discord: Awaited<ReturnType<typeof startFakeDiscord>>;
beforeAll(async () => {
  discord = await startFakeDiscord();
});
afterAll(async () => {
  await discord.close();
});

const market = syntheticMarket(3, 1_300, 5);
const ids = ['usdkrw', 'kospi', 'stock:005930'];
const history = async (id: string) => [...market[ids.indexOf(id)]!.points];
let n = 0;
const interaction = (name: string, text?: string): Interaction => {
  n += 1;
  return {
    id: `r${n}`,
    application_id: '1234',
    type: 2,
    token: `tok-risk-${n}`,
    locale: 'ko',
    data: { name, options: text ? [{ name: 'text', value: text }] : [] },
    member: { user: { id: '556' } },
  };
};

describe('Discord /profile, /risk, /plan against the REST stand-in', () => {
  it('sets a profile, then the paper portfolio risk and its plan arrive as ephemeral edits', async () => {
    const trading = createPaperTrading({
      accounts: createMemoryAccountStore(),
      history,
      startingCashWon: 100_000_000n,
      feeBps: 0,
    });
    const price = (id: string) => market[ids.indexOf(id)]!.points.at(-1)!.value;
    await trading.buy('discord:556', 'kospi', BigInt(Math.floor(60_000_000 / price('kospi'))));
    const risk = createRiskCommands({
      profiles: createMemoryRiskProfileStore(),
      history,
      portfolio: (u) => trading.portfolio(u),
    });
    const rest = new REST({ api: discord.api, retries: 1 }).setToken('bot');
    const handlers = createDiscordInteractions({
      rest,
      engine: {} as Engine,
      conversations: { listByUser: async () => [] },
      logger: createSilentLogger(),
      answerDeadlineMs: 45_000,
      risk,
    });
    const run = async (i: Interaction) => {
      const { response, background } = await handlers.respond(i);
      expect(response).toEqual({ type: 5, data: { flags: 64 } });
      await background!();
      return discord.texts(i.token)[0]!;
    };
    expect(await run(interaction('profile', '공격형 20%'))).toBe(
      '위험 성향을 공격형, 손실 한도를 한 달 20%로 저장했어요.',
    );
    const text = await run(interaction('risk'));
    expect(text).toMatch(/한 달 95% VaR는 −\d+\.\d%/u);
    expect(text).toMatch(/손실 한도 20\.0%를 넘을 확률/u);
    expect(await run(interaction('plan', '삼성전자 50%, 코스피 30%, 달러 20%'))).toMatch(/교육용 예시/u);
    expect(await run(interaction('risk', 'moonrock 10%'))).toMatch(/moonrock/u);
    expect(DISCORD_COMMANDS.map((c) => c.name)).toEqual(expect.arrayContaining(['risk', 'plan', 'profile']));
  }, 60_000);
});
