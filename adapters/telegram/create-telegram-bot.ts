import { sequentialize } from '@grammyjs/runner';
import { Bot, type Context } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { Redis } from 'ioredis';
import { createIpRateLimiter } from '../http/index.js';
import type { Engine } from '../../src/engine/answer-types.js';
import { RiskXpertError } from '../../src/errors.js';
import { detectLocale } from '../../src/locale.js';
import type { Logger } from '../../src/logger.js';
import { t } from '../../src/messages/t.js';
import type { ConversationStore } from '../../src/store/store.js';
import { createChatGate, type ChatGate, type StreamStats } from '../../src/streaming/edit-streamer.js';
import { telegramUpdateSchema } from './update-schema.js';
import type { BotCommands } from '../../src/sim/bot-commands.js';
import { registerTelegramSimCommands } from './sim-commands.js';
import { registerTelegramRiskCommands } from './risk-commands.js';
import type { RiskCommands } from '../../src/risk/risk-commands.js';
import { registerTelegramNewsCommand } from './news-command.js';
import type { NewsReplyDeps } from '../../src/news/news-reply.js';
import { registerTelegramScenarioCommand } from './scenario-command.js';
import type { ScenarioChat } from '../../src/scenario/scenario-chat.js';
import { createTelegramAnswer } from './answer-run.js';
import { registerTelegramForecastCallbacks, registerTelegramForecastCommands } from './forecast-commands.js';

export { registerTelegramCommands } from './command-menu.js';

export interface TelegramBotDeps {
  /** `/scenario` (src/scenario/scenario-chat.ts); absent, the command is not offered. */
  scenarios?: ScenarioChat;
  token: string;
  /** Telegram's by default; tests point it at a local stand-in. */
  apiRoot?: string;
  engine: Engine;
  conversations: Pick<ConversationStore, 'listByUser'>;
  logger: Logger;
  /** Skips getMe at start (tests, or a cached value). */
  botInfo?: UserFromGetMe;
  /** Alerts come with their own issue; without this port the button says so instead of pretending. */
  subscriptions?: { subscribe(userId: string, indicatorId: string): Promise<void> };
  /** Paper trading and alert subscriptions (/buy, /portfolio, /subscribe...); absent, those commands are not offered. */
  commands?: BotCommands;
  /** /risk, /plan, /profile (portfolio risk); absent, those commands are not offered. */
  risk?: RiskCommands;
  news?: NewsReplyDeps;
  maxQuestionChars: number;
  answerDeadlineMs: number;
  /** Gap between two calls into one chat; a little over Telegram's 1 message/s so timer jitter never trips a 429. */
  minIntervalMs?: number;
  questionsPerMinute?: number;
  /** Shares each user's question budget across processes (the limiter Redis); per process without it. */
  limiterRedis?: Redis | undefined;
  limiterKeyPrefix?: string;
  /** Observes each finished stream (benchmarks, metrics). */
  onStreamed?: (stats: StreamStats & { chatId: number; firstTokenAt?: number }) => void;
}

/**
 * The Telegram bot: thin mapping of commands and messages onto the engine, streaming the scenario as drafts
 * (private) or throttled edits (groups) after the chart photo.
 */
export function createTelegramBot(deps: TelegramBotDeps): Bot {
  const bot = new Bot(deps.token, {
    client: { apiRoot: deps.apiRoot ?? 'https://api.telegram.org', timeoutSeconds: 30 },
    ...(deps.botInfo ? { botInfo: deps.botInfo } : {}),
  });
  // The one per-user limiter of every adapter (adapters/http): Redis-shared when there is one, memory otherwise.
  const limiter = createIpRateLimiter({
    pointsPerMinute: deps.questionsPerMinute ?? 20,
    redis: deps.limiterRedis,
    keyPrefix: deps.limiterKeyPrefix ?? 'rl:telegram-user',
  });
  const gates = new Map<number, ChatGate>();
  const gateFor = (chatId: number) => {
    let g = gates.get(chatId);
    if (!g) {
      g = createChatGate(deps.minIntervalMs ?? 1_100);
      gates.set(chatId, g);
      if (gates.size > 10_000) gates.delete(gates.keys().next().value!);
    }
    return g;
  };

  // Long polling hands updates straight from Telegram; the webhook router validates before handleUpdate, and this
  // check (the same schema) keeps both modes equal: an update handlers cannot rely on is dropped, logged once at debug.
  bot.use((ctx, next) => {
    if (telegramUpdateSchema.safeParse(ctx.update).success) return next();
    deps.logger.debug({ updateId: ctx.update.update_id }, 'telegram: update ignored (not a shape the bot handles)');
    return undefined;
  });
  // One update at a time per chat, in order (long polling with the runner, and the webhook's background handling).
  bot.use(sequentialize((ctx: Context) => ctx.chat?.id.toString() ?? ctx.from?.id.toString()));

  const localeOf = (ctx: Context, text = '') =>
    detectLocale(text, ctx.from?.language_code?.startsWith('ko') ? 'ko' : text ? undefined : 'en');

  const answer = createTelegramAnswer({
    engine: deps.engine,
    logger: deps.logger,
    limiter,
    gateFor,
    localeOf,
    maxQuestionChars: deps.maxQuestionChars,
    answerDeadlineMs: deps.answerDeadlineMs,
    ...(deps.minIntervalMs !== undefined ? { minIntervalMs: deps.minIntervalMs } : {}),
    ...(deps.onStreamed ? { onStreamed: deps.onStreamed } : {}),
  });
  const forecastDeps = {
    answer,
    localeOf,
    conversations: deps.conversations,
    commands: deps.commands,
    subscriptions: deps.subscriptions,
  };
  registerTelegramForecastCommands(bot, forecastDeps);
  registerTelegramForecastCallbacks(bot, forecastDeps);
  if (deps.commands) registerTelegramSimCommands(bot, deps.commands, (ctx) => localeOf(ctx));
  if (deps.risk) registerTelegramRiskCommands(bot, deps.risk, (ctx) => localeOf(ctx));
  if (deps.news) registerTelegramNewsCommand(bot, deps.news, (ctx) => localeOf(ctx));
  if (deps.scenarios)
    registerTelegramScenarioCommand(bot, deps.scenarios, (ctx) => localeOf(ctx), {
      logger: deps.logger,
      gateFor,
      ...(deps.minIntervalMs !== undefined ? { minIntervalMs: deps.minIntervalMs } : {}),
    });
  bot.on('message:text', async (ctx) => {
    if (ctx.chat.type !== 'private' || ctx.message.text.startsWith('/')) return;
    await answer(ctx, { question: ctx.message.text });
  });

  // One error boundary: log it, tell the user briefly, never crash the process.
  bot.catch(async (err) => {
    deps.logger.error({ err: err.error, updateId: err.ctx.update.update_id }, 'telegram handler failed');
    await err.ctx.reply(t(localeOf(err.ctx), 'telegram.somethingWrong')).catch(() => undefined);
  });
  return bot;
}

/** The bot as every process builds it from the runtime (serve's webhook and the long-polling command). */
export function createTelegramBotFromRuntime(
  rt: {
    config: {
      telegram: { botToken: string | undefined; apiRoot: string };
      answer: { maxQuestionChars: number; deadlineMs: number };
      cache: { keyPrefix: string };
    };
    limiterRedis?: () => Redis | undefined;
    engine: Engine;
    store: { conversations: Pick<ConversationStore, 'listByUser'> };
    logger: Logger;
    sim?: { commands: BotCommands };
    risk?: { commands: RiskCommands };
    news?: NewsReplyDeps;
    scenarios?: { chat: ScenarioChat };
  },
  botInfo?: UserFromGetMe,
): Bot {
  if (!rt.config.telegram.botToken)
    throw new RiskXpertError('CONFIG_INVALID', 'The Telegram bot needs TELEGRAM_BOT_TOKEN.');
  return createTelegramBot({
    ...(botInfo ? { botInfo } : {}),
    token: rt.config.telegram.botToken,
    apiRoot: rt.config.telegram.apiRoot,
    engine: rt.engine,
    conversations: rt.store.conversations,
    logger: rt.logger.child({ adapter: 'telegram' }),
    maxQuestionChars: rt.config.answer.maxQuestionChars,
    answerDeadlineMs: rt.config.answer.deadlineMs,
    limiterRedis: rt.limiterRedis?.(),
    limiterKeyPrefix: `${rt.config.cache.keyPrefix}rl:telegram-user`,
    ...(rt.sim ? { commands: rt.sim.commands } : {}),
    ...(rt.risk ? { risk: rt.risk.commands } : {}),
    ...(rt.news ? { news: rt.news } : {}),
    ...(rt.scenarios ? { scenarios: rt.scenarios.chat } : {}),
  });
}
