import { createTelegramBot } from '../../adapters/telegram/create-telegram-bot.js';
import type { Engine } from '../../src/engine/answer-types.js';
import { createSilentLogger } from '../../src/logger.js';
import type { ScenarioChat } from '../../src/scenario/scenario-chat.js';
import { TEST_BOT_INFO } from './telegram-webhook-harness.js';

/**
 * A Telegram bot that only serves /scenario (no forecasts), pointed at the Bot API stand-in: the scenario tests'
 * shared set-up.
 */
export async function scenarioTelegramBot(
  tg: { apiRoot: string },
  token: string,
  scenarios: ScenarioChat,
): Promise<ReturnType<typeof createTelegramBot>> {
  const bot = createTelegramBot({
    token,
    apiRoot: tg.apiRoot,
    engine: {} as Engine,
    conversations: { listByUser: async () => [] },
    logger: createSilentLogger(),
    botInfo: TEST_BOT_INFO,
    maxQuestionChars: 500,
    answerDeadlineMs: 45_000,
    minIntervalMs: 0,
    scenarios,
  });
  await bot.init();
  return bot;
}
