import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramBot } from '../../adapters/telegram/create-telegram-bot.js';
import { SIM_MENU } from '../../adapters/telegram/sim-commands.js';
import type { Engine } from '../../src/engine/answer-types.js';
import { createSilentLogger } from '../../src/logger.js';
import { createBotCommands } from '../../src/sim/bot-commands.js';
import { createPaperTrading } from '../../src/sim/paper-trading.js';
import { createMemoryAccountStore } from '../../src/store/memory-account-store.js';
import { createMemorySubscriptionStore } from '../../src/store/memory-subscription-store.js';
import { startFakeTelegram } from '../fakes/telegram-bot-api.js';
import { TEST_BOT_INFO } from '../fakes/telegram-webhook-harness.js';
import { createPrivateChatUpdates } from '../fakes/telegram-updates.js';

const TOKEN = '9:SIM';
let tg: Awaited<ReturnType<typeof startFakeTelegram>>;
beforeAll(async () => {
  tg = await startFakeTelegram({ token: TOKEN, perChatMinGapMs: 0 });
});
afterAll(async () => {
  await tg.close();
});

const botInfo = TEST_BOT_INFO;
const { command, button } = createPrivateChatUpdates({ id: 77, firstName: 'Kim' }, 5000);

describe('Telegram paper trading and alert commands against the Bot API stand-in', () => {
  it('buys, shows the portfolio with its value chart, subscribes, lists and unsubscribes with the inline button', async () => {
    // Creation times a second apart: the list is in creation order, and a tie within a millisecond is not.
    let tick = Date.parse('2026-11-23T01:00:00Z');
    const subscriptions = createMemorySubscriptionStore({ now: () => new Date((tick += 1_000)) });
    const trading = createPaperTrading({
      accounts: createMemoryAccountStore(),
      history: async () => [{ date: '2026-11-20', value: 2500 }],
      startingCashWon: 10_000_000n,
      feeBps: 15,
    });
    const commands = createBotCommands({
      trading,
      subscriptions,
      renderEquityChart: async () => new Uint8Array(2_000).fill(7),
    });
    const bot = createTelegramBot({
      token: TOKEN,
      apiRoot: tg.apiRoot,
      engine: {} as Engine,
      conversations: { listByUser: async () => [] },
      logger: createSilentLogger(),
      botInfo,
      maxQuestionChars: 500,
      answerDeadlineMs: 45_000,
      commands,
    });
    await bot.init();
    const sent = () =>
      tg.calls.filter((c) => (c.method === 'sendMessage' || c.method === 'sendPhoto') && c.params.chat_id === 77);

    await bot.handleUpdate(command('/buy 코스피 10'));
    expect(sent().at(-1)!.params.text).toBe(
      '✅ 코스피 10주 매수: 2,500 (2026-11-20 종가), 수수료 38원. 현금 9,974,962원',
    );
    expect(JSON.stringify(sent().at(-1)!.params.reply_markup)).toContain('cmd:portfolio');
    await bot.handleUpdate(button('cmd:portfolio'));
    const photo = sent().at(-1)!;
    expect(photo.method).toBe('sendPhoto');
    expect(photo.photoBytes).toBe(2_000);
    expect(String(photo.params.caption)).toContain('평가액 9,999,962원');

    await bot.handleUpdate(command('/subscribe 코스피 급변 4'));
    expect(sent().at(-1)!.params.text).toBe('🔔 알림 설정: 코스피 — 하루 ±4% 이상 변동');
    expect(await subscriptions.listByUser('telegram:77')).toMatchObject([
      { target: '77', platform: 'telegram', rule: { kind: 'move', thresholdPct: 4 } },
    ]);
    // The forecast answer's "🔔 Subscribe" button subscribes to the default drawdown rule.
    await bot.handleUpdate(button('sub:usdkrw'));
    await bot.handleUpdate(command('/subscriptions'));
    expect(sent().at(-1)!.params.text).toBe(
      '1. 코스피 — 하루 ±4% 이상 변동\n2. 원/달러 환율 — 최근 90일 고점 대비 −10% 하락',
    );
    await bot.handleUpdate(button('cmd:unsubscribe 1'));
    expect(sent().at(-1)!.params.text).toBe('🔕 알림 1개를 해제했어요.');
    expect((await subscriptions.listByUser('telegram:77')).map((s) => s.indicatorId)).toEqual(['usdkrw']);
    await bot.handleUpdate(command('/quiet 22:30-07:00'));
    expect((await subscriptions.listByUser('telegram:77'))[0]!.quietHours).toEqual({
      startMinute: 1_350,
      endMinute: 420,
    });
    await bot.handleUpdate(command('/reset'));
    expect(sent().at(-1)!.params.text).toBe('🔄 계좌를 초기화했어요. 현금 10,000,000원');
  });

  it('trades a KRX stock by code or name; a bad code is refused as a reply; the menu mentions stock codes', async () => {
    const trading = createPaperTrading({
      accounts: createMemoryAccountStore(),
      history: async (s) => (s === 'stock:005930' ? [{ date: '2026-11-27', value: 71_300 }] : []),
      startingCashWon: 10_000_000n,
      feeBps: 15,
    });
    const commands = createBotCommands({ trading, subscriptions: createMemorySubscriptionStore() });
    const bot = createTelegramBot({
      token: TOKEN,
      apiRoot: tg.apiRoot,
      engine: {} as Engine,
      conversations: { listByUser: async () => [] },
      logger: createSilentLogger(),
      botInfo,
      maxQuestionChars: 500,
      answerDeadlineMs: 45_000,
      commands,
    });
    await bot.init();
    const sent = () => tg.calls.filter((c) => c.method === 'sendMessage' && c.params.chat_id === 77);
    await bot.handleUpdate(command('/buy 005930 10'));
    expect(sent().at(-1)!.params.text).toBe(
      '✅ 삼성전자 (005930) 10주 매수: 71,300 (2026-11-27 종가), 수수료 1,070원. 현금 9,285,930원',
    );
    await bot.handleUpdate(command('/sell 삼성전자 10'));
    expect(sent().at(-1)!.params.text).toBe(
      '✅ 삼성전자 (005930) 10주 매도: 71,300 (2026-11-27 종가), 수수료 1,070원, 실현손익 −2,140원. 현금 9,997,860원',
    );
    await bot.handleUpdate(command('/buy stock:59x 1'));
    expect(sent().at(-1)!.params.text).toBe(
      '⚠️ "stock:59x"는 올바른 종목코드가 아니에요. 종목코드는 6자리 숫자예요 (예: 005930).',
    );
    expect(SIM_MENU.en.find((c) => c.command === 'buy')!.description).toContain('005930');
    expect(SIM_MENU.ko.find((c) => c.command === 'buy')!.description).toContain('삼성전자');
  });
});
