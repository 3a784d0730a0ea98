import { sequentialize } from '@grammyjs/runner';
import { Bot, InlineKeyboard, type Api, type Context } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { Redis } from 'ioredis';
import { createIpRateLimiter, retryAfterSeconds } from '../http/index.js';
import { CATALOG, getIndicator, indicatorName } from '../../src/data/catalog.js';
import type { AnswerRequest, Engine, ForecastEvent } from '../../src/engine/answer-types.js';
import { parseQuestion } from '../../src/engine/parse-question.js';
import { RiskXpertError } from '../../src/errors.js';
import { detectLocale, type Locale } from '../../src/locale.js';
import type { Logger } from '../../src/logger.js';
import { t } from '../../src/messages/t.js';
import type { ConversationStore } from '../../src/store/store.js';
import {
  createChatGate,
  createEditStreamer,
  type ChatGate,
  type StreamStats,
} from '../../src/streaming/edit-streamer.js';
import { sendChartOrCaption } from './send-chart.js';
import { telegramStreamTarget } from './stream-target.js';
import { telegramUpdateSchema } from './update-schema.js';
import type { BotCommands } from '../../src/sim/bot-commands.js';
import { registerTelegramSimCommands, SIM_MENU } from './sim-commands.js';
import { registerTelegramRiskCommands } from './risk-commands.js';
import type { RiskCommands } from '../../src/risk/risk-commands.js';
import { registerTelegramNewsCommand } from './news-command.js';
import type { NewsReplyDeps } from '../../src/news/news-reply.js';
import { questionOverLimit } from '../../src/engine/question-length.js';
import { CLARIFY_CALLBACK, clarifyKeyboard, parseClarifyCallback } from './clarify-keyboard.js';
import { relatedNewsText } from '../../src/news/related-news.js';
import { registerTelegramScenarioCommand } from './scenario-command.js';
import type { ScenarioChat } from '../../src/scenario/scenario-chat.js';

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

const TEXT_MAX = 4096;

function keyboardFor(indicatorId: string, horizon: number, locale: Locale): InlineKeyboard {
  const kb = new InlineKeyboard();
  for (const h of [3, 6, 12].filter((m) => m !== horizon))
    kb.text(t(locale, 'telegram.months', { n: h }), `f:${indicatorId}:${h}`);
  return kb.row().text(t(locale, 'telegram.subscribe'), `sub:${indicatorId}`);
}

function indicatorKeyboard(locale: Locale): InlineKeyboard {
  const kb = new InlineKeyboard();
  CATALOG.forEach((i, n) => {
    kb.text(indicatorName(i, locale), `i:${i.id}`);
    if (n % 3 === 2) kb.row();
  });
  return kb;
}

function horizonKeyboard(indicatorId: string, locale: Locale): InlineKeyboard {
  const kb = new InlineKeyboard();
  for (const h of [1, 3, 6, 12, 24]) kb.text(t(locale, 'telegram.monthsShort', { n: h }), `f:${indicatorId}:${h}`);
  return kb;
}

const HELP = {
  ko: '📈 RiskXpert: 지표의 1~24개월 전망을 80% 예측구간과 함께 알려 드려요.\n\n/forecast 코스피 6 — 코스피 6개월 전망\n/indicators — 예측 가능한 지표\n/history — 내 최근 질문\n\n개인 대화에서는 "앞으로 6개월 환율 어때?"처럼 그냥 물어보셔도 돼요. 투자 권유가 아닙니다.',
  en: '📈 RiskXpert forecasts indicators 1-24 months ahead with an 80% prediction interval.\n\n/forecast kospi 6 — KOSPI, 6 months\n/indicators — what I can forecast\n/history — your recent questions\n\nIn a private chat just ask, e.g. "USD/KRW next 12 months?". Not investment advice.',
};

/** Commands shown in Telegram's menu, in Korean and English. */
export async function registerTelegramCommands(api: Api): Promise<void> {
  await api.setMyCommands([
    { command: 'forecast', description: 'Forecast an indicator: /forecast kospi 6' },
    { command: 'indicators', description: 'What I can forecast' },
    { command: 'history', description: 'Your recent answers' },
    { command: 'help', description: 'How to use RiskXpert' },
    ...SIM_MENU.en,
  ]);
  await api.setMyCommands(
    [
      { command: 'forecast', description: '지표 전망: /forecast 코스피 6' },
      { command: 'indicators', description: '예측 가능한 지표' },
      { command: 'history', description: '내 최근 답변' },
      { command: 'help', description: '사용법' },
      ...SIM_MENU.ko,
    ],
    { language_code: 'ko' },
  );
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

  async function answer(ctx: Context, request: Omit<AnswerRequest, 'platform' | 'userId'>): Promise<void> {
    const chat = ctx.chat;
    const from = ctx.from;
    if (!chat || !from) return;
    const locale = request.locale ?? localeOf(ctx, request.question);
    // A limiter that cannot decide at all lets the question through, as on Kakao and the web.
    const waitS = await retryAfterSeconds(limiter, String(from.id)).catch(() => undefined);
    if (waitS !== undefined) {
      await ctx.reply(t(locale, 'adapter.tooManyQuestions'));
      return;
    }
    const over = questionOverLimit(request.question, deps.maxQuestionChars);
    if (over) {
      await ctx.reply(t(locale, 'engine.questionTooLong', over));
      return;
    }
    const isPrivate = chat.type === 'private';
    const gate = gateFor(chat.id);
    const api = ctx.api;
    // A chat action lasts 5 s: repeat it until the photo is out.
    let typing: NodeJS.Timeout | undefined = setInterval(
      () => void api.sendChatAction(chat.id, 'upload_photo').catch(() => undefined),
      4_000,
    );
    const stopTyping = () => {
      clearInterval(typing);
      typing = undefined;
    };
    await api.sendChatAction(chat.id, 'upload_photo').catch(() => undefined);

    const target = telegramStreamTarget(api, chat.id, {
      isPrivate,
      firstDraftId: ctx.update.update_id * 100,
      logger: deps.logger,
    });
    const streamer = createEditStreamer({
      target,
      maxChars: TEXT_MAX,
      minIntervalMs: deps.minIntervalMs ?? 1_100,
      gate,
    });
    let forecast: ForecastEvent | undefined;
    let png: Uint8Array | undefined;
    let firstTokenAt: number | undefined;
    try {
      for await (const event of deps.engine.answer(
        {
          ...request,
          platform: 'telegram',
          userId: `telegram:${from.id}`,
          locale,
          requestId: `tg-${ctx.update.update_id}`,
        },
        { deadline: Date.now() + deps.answerDeadlineMs },
      )) {
        if (event.type === 'forecast') forecast = event;
        else if (event.type === 'chart') png = event.png;
        else if (event.type === 'summary' && forecast && png) {
          const head = `📈 ${t(locale, 'chart.title', { name: indicatorName(forecast.indicator, locale), horizon: forecast.horizonMonths })}\n\n`;
          await sendChartOrCaption(api, gate, {
            chatId: chat.id,
            png,
            caption: `${head}${event.text}`,
            keyboard: keyboardFor(forecast.indicator.id, forecast.horizonMonths, locale),
            logger: deps.logger,
          });
          stopTyping();
        } else if (event.type === 'scenario-delta') {
          firstTokenAt ??= Date.now();
          streamer.push(event.text);
        } else if (event.type === 'done' && event.relatedNews) {
          streamer.push(relatedNewsText(event.relatedNews, locale));
        } else if (event.type === 'error') {
          stopTyping();
          await ctx.reply(event.message);
        } else if (event.type === 'clarify') {
          stopTyping();
          // A reply to the question, so a pressed choice can re-ask it with the choice's fields.
          const asked = ctx.message?.message_id;
          await ctx.reply(event.message, {
            reply_markup: clarifyKeyboard(event.choices),
            ...(asked ? { reply_parameters: { message_id: asked, allow_sending_without_reply: true } } : {}),
          });
        }
      }
      const stats = await streamer.finish();
      deps.onStreamed?.({ ...stats, chatId: chat.id, ...(firstTokenAt ? { firstTokenAt } : {}) });
    } finally {
      stopTyping();
    }
  }

  bot.command(['start', 'help'], (ctx) => ctx.reply(HELP[localeOf(ctx)]));
  bot.command('indicators', (ctx) => {
    const locale = localeOf(ctx);
    const lines = CATALOG.map((i) => `• ${indicatorName(i, locale)} (${i.aliases.slice(0, 2).join(', ')})`);
    return ctx.reply(lines.join('\n'), { reply_markup: indicatorKeyboard(locale) });
  });
  bot.command('history', async (ctx) => {
    const locale = localeOf(ctx);
    if (!ctx.from) return;
    const items = await deps.conversations.listByUser(`telegram:${ctx.from.id}`, { limit: 5 }).catch(() => undefined);
    if (!items) return ctx.reply(t(locale, 'telegram.historyFailed'));
    if (items.length === 0) return ctx.reply(t(locale, 'adapter.noHistory'));
    return ctx.reply(
      items
        .map((c) => {
          const known = getIndicator(c.request.indicatorId);
          const name = known ? indicatorName(known, locale) : c.request.indicatorId;
          return `• ${c.createdAt.toISOString().slice(0, 10)} ${name} ${t(locale, 'telegram.monthsShort', { n: c.request.horizonMonths })}: ${c.summary.slice(0, 120)}`;
        })
        .join('\n'),
    );
  });
  bot.command('forecast', async (ctx) => {
    const text = ctx.match.trim();
    const locale = localeOf(ctx, text);
    const parsed = parseQuestion(text);
    const bare = /(?:^|\s)(\d{1,2})(?:\s|$)/u.exec(text);
    const months = parsed.horizonMonths ?? (bare ? Number(bare[1]) : undefined);
    // Something that is not one indicator ("금리", "삼성전자"): the engine asks back with its own choices.
    if (!parsed.indicator && text)
      return answer(ctx, { question: text, ...(months ? { horizonMonths: months } : {}), locale });
    if (!parsed.indicator)
      return ctx.reply(t(locale, 'telegram.whichIndicator'), { reply_markup: indicatorKeyboard(locale) });
    if (!months)
      return ctx.reply(t(locale, 'telegram.howManyMonths'), {
        reply_markup: horizonKeyboard(parsed.indicator.id, locale),
      });
    return answer(ctx, { question: text, indicatorId: parsed.indicator.id, horizonMonths: months, locale });
  });
  bot.callbackQuery(/^i:([a-z0-9_]+)$/u, async (ctx) => {
    await ctx.answerCallbackQuery();
    const locale = localeOf(ctx);
    await ctx.reply(t(locale, 'telegram.howManyMonths'), { reply_markup: horizonKeyboard(ctx.match[1]!, locale) });
  });
  bot.callbackQuery(/^f:([a-z0-9_]+):(\d{1,2})$/u, async (ctx) => {
    await ctx.answerCallbackQuery();
    const indicator = getIndicator(ctx.match[1]!);
    const locale = localeOf(ctx);
    if (!indicator) return;
    await answer(ctx, {
      question: `${indicatorName(indicator, locale)} ${t(locale, 'telegram.months', { n: ctx.match[2]! })}`,
      indicatorId: indicator.id,
      horizonMonths: Number(ctx.match[2]),
      locale,
    });
  });
  bot.callbackQuery(CLARIFY_CALLBACK, async (ctx) => {
    await ctx.answerCallbackQuery();
    if (typeof ctx.match === 'string') return;
    const picked = parseClarifyCallback(ctx.match);
    const original = ctx.callbackQuery.message?.reply_to_message?.text;
    const indicator = getIndicator(picked.indicatorId);
    if (!indicator) return;
    const locale = localeOf(ctx, original ?? '');
    await answer(ctx, { question: original ?? indicatorName(indicator, locale), ...picked, locale });
  });
  bot.callbackQuery(/^sub:([a-z0-9_]+)$/u, async (ctx) => {
    const locale = localeOf(ctx);
    if (deps.commands && ctx.from && ctx.chat) {
      await ctx.answerCallbackQuery();
      const r = await deps.commands.run({
        platform: 'telegram',
        userId: `telegram:${ctx.from.id}`,
        target: String(ctx.chat.id),
        locale,
        command: 'subscribe',
        args: ctx.match[1]!,
      });
      await ctx.reply(r.text);
      return;
    }
    if (!deps.subscriptions || !ctx.from) {
      await ctx.answerCallbackQuery({ text: t(locale, 'adapter.alertsDisabled'), show_alert: true });
      return;
    }
    await deps.subscriptions.subscribe(`telegram:${ctx.from.id}`, ctx.match[1]!);
    await ctx.answerCallbackQuery({ text: t(locale, 'telegram.subscribed') });
  });
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
