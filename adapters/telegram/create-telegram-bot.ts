import { sequentialize } from '@grammyjs/runner';
import { Bot, GrammyError, InlineKeyboard, InputFile, type Api, type Context } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { CATALOG, getIndicator } from '../../src/data/catalog.js';
import type { AnswerRequest, Engine, ForecastEvent } from '../../src/engine/answer-types.js';
import { parseQuestion } from '../../src/engine/parse-question.js';
import { RiskXpertError } from '../../src/errors.js';
import { detectLocale, type Locale } from '../../src/locale.js';
import type { Logger } from '../../src/logger.js';
import type { ConversationStore } from '../../src/store/store.js';
import { createChatGate, createEditStreamer, type ChatGate, type StreamStats, type StreamTarget } from '../../src/streaming/edit-streamer.js';
import type { BotCommands } from '../../src/sim/bot-commands.js';
import { registerTelegramSimCommands, SIM_MENU } from './sim-commands.js';

export interface TelegramBotDeps {
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
  maxQuestionChars: number;
  answerDeadlineMs: number;
  /** Gap between two calls into one chat; a little over Telegram's 1 message/s so timer jitter never trips a 429. */
  minIntervalMs?: number;
  questionsPerMinute?: number;
  /** Observes each finished stream (benchmarks, metrics). */
  onStreamed?: (stats: StreamStats & { chatId: number; firstTokenAt?: number }) => void;
}

const CAPTION_MAX = 1024;
const TEXT_MAX = 4096;

function rateLimited(err: unknown): never {
  if (err instanceof GrammyError && err.error_code === 429) {
    throw new RiskXpertError('RATE_LIMITED', err.description, { details: { retryAfterSeconds: err.parameters.retry_after ?? 1 }, cause: err });
  }
  throw err;
}

const notModified = (err: unknown) => err instanceof GrammyError && err.error_code === 400 && /message is not modified/iu.test(err.description);

/** Edits in groups; drafts finalised by sendMessage in private chats (Bot API 9.5+). */
function targetFor(api: Api, chatId: number, isPrivate: boolean, firstDraftId: number): StreamTarget<number> {
  if (isPrivate) {
    let draftId = firstDraftId;
    return {
      async send(text) {
        draftId += 1;
        const id = draftId;
        await api.sendMessageDraft(chatId, id, text).catch(rateLimited);
        return id;
      },
      update: async (id, text) => void (await api.sendMessageDraft(chatId, id, text).catch(rateLimited)),
      commit: async (_id, text) => void (await api.sendMessage(chatId, text).catch(rateLimited)),
    };
  }
  return {
    send: async (text) => (await api.sendMessage(chatId, text).catch(rateLimited)).message_id,
    async update(id, text) {
      try {
        await api.editMessageText(chatId, id, text);
      } catch (err) {
        if (!notModified(err)) rateLimited(err);
      }
    },
  };
}

function keyboardFor(indicatorId: string, horizon: number, locale: Locale): InlineKeyboard {
  const kb = new InlineKeyboard();
  for (const h of [3, 6, 12].filter((m) => m !== horizon)) kb.text(locale === 'ko' ? `${h}개월` : `${h} months`, `f:${indicatorId}:${h}`);
  return kb.row().text(locale === 'ko' ? '🔔 알림 받기' : '🔔 Subscribe', `sub:${indicatorId}`);
}

function indicatorKeyboard(locale: Locale): InlineKeyboard {
  const kb = new InlineKeyboard();
  CATALOG.forEach((i, n) => {
    kb.text(locale === 'ko' ? i.nameKo : i.nameEn, `i:${i.id}`);
    if (n % 3 === 2) kb.row();
  });
  return kb;
}

function horizonKeyboard(indicatorId: string, locale: Locale): InlineKeyboard {
  const kb = new InlineKeyboard();
  for (const h of [1, 3, 6, 12, 24]) kb.text(locale === 'ko' ? `${h}개월` : `${h}m`, `f:${indicatorId}:${h}`);
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
  const bot = new Bot(deps.token, { client: { apiRoot: deps.apiRoot ?? 'https://api.telegram.org', timeoutSeconds: 30 }, ...(deps.botInfo ? { botInfo: deps.botInfo } : {}) });
  const limiter = new RateLimiterMemory({ points: deps.questionsPerMinute ?? 20, duration: 60 });
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

  // One update at a time per chat, in order (long polling with the runner, and the webhook's background handling).
  bot.use(sequentialize((ctx: Context) => ctx.chat?.id.toString() ?? ctx.from?.id.toString()));

  const localeOf = (ctx: Context, text = '') => detectLocale(text, ctx.from?.language_code?.startsWith('ko') ? 'ko' : text ? undefined : 'en');

  async function answer(ctx: Context, request: Omit<AnswerRequest, 'platform' | 'userId'>): Promise<void> {
    const chat = ctx.chat;
    const from = ctx.from;
    if (!chat || !from) return;
    const locale = request.locale ?? localeOf(ctx, request.question);
    try {
      await limiter.consume(String(from.id));
    } catch {
      await ctx.reply(locale === 'ko' ? '질문이 너무 많아요. 1분쯤 뒤에 다시 물어봐 주세요 🙏' : 'That is a lot of questions. Please try again in a minute 🙏');
      return;
    }
    if (request.question.length > deps.maxQuestionChars) {
      await ctx.reply(locale === 'ko' ? `질문이 너무 길어요 (${request.question.length}자). ${deps.maxQuestionChars}자 이내로 물어봐 주세요.` : `Your question is too long (${request.question.length} characters); please keep it under ${deps.maxQuestionChars}.`);
      return;
    }
    const isPrivate = chat.type === 'private';
    const gate = gateFor(chat.id);
    const api = ctx.api;
    // A chat action lasts 5 s: repeat it until the photo is out.
    let typing: NodeJS.Timeout | undefined = setInterval(() => void api.sendChatAction(chat.id, 'upload_photo').catch(() => undefined), 4_000);
    const stopTyping = () => {
      clearInterval(typing);
      typing = undefined;
    };
    await api.sendChatAction(chat.id, 'upload_photo').catch(() => undefined);

    const streamer = createEditStreamer({ target: targetFor(api, chat.id, isPrivate, ctx.update.update_id * 100), maxChars: TEXT_MAX, minIntervalMs: deps.minIntervalMs ?? 1_100, gate });
    let forecast: ForecastEvent | undefined;
    let png: Uint8Array | undefined;
    let firstTokenAt: number | undefined;
    try {
      for await (const event of deps.engine.answer(
        { ...request, platform: 'telegram', userId: `telegram:${from.id}`, locale, requestId: `tg-${ctx.update.update_id}` },
        { deadline: Date.now() + deps.answerDeadlineMs },
      )) {
        if (event.type === 'forecast') forecast = event;
        else if (event.type === 'chart') png = event.png;
        else if (event.type === 'summary' && forecast && png) {
          const head = locale === 'ko' ? `📈 ${forecast.indicator.nameKo} ${forecast.horizonMonths}개월 전망\n\n` : `📈 ${forecast.indicator.nameEn}, ${forecast.horizonMonths}-month outlook\n\n`;
          const caption = `${head}${event.text}`;
          await gate.wait();
          await api
            .sendPhoto(chat.id, new InputFile(png, 'chart.png'), {
              caption: caption.length > CAPTION_MAX ? `${caption.slice(0, CAPTION_MAX - 1)}…` : caption,
              reply_markup: keyboardFor(forecast.indicator.id, forecast.horizonMonths, locale),
            })
            .catch(rateLimited);
          stopTyping();
        } else if (event.type === 'scenario-delta') {
          firstTokenAt ??= Date.now();
          streamer.push(event.text);
        } else if (event.type === 'error') {
          stopTyping();
          await ctx.reply(event.message);
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
    const lines = CATALOG.map((i) => `• ${locale === 'ko' ? i.nameKo : i.nameEn} (${i.aliases.slice(0, 2).join(', ')})`);
    return ctx.reply(lines.join('\n'), { reply_markup: indicatorKeyboard(locale) });
  });
  bot.command('history', async (ctx) => {
    const locale = localeOf(ctx);
    if (!ctx.from) return;
    const items = await deps.conversations.listByUser(`telegram:${ctx.from.id}`, { limit: 5 }).catch(() => undefined);
    if (!items) return ctx.reply(locale === 'ko' ? '기록을 불러오지 못했어요. 잠시 후 다시 시도해 주세요.' : 'Could not load your history right now.');
    if (items.length === 0) return ctx.reply(locale === 'ko' ? '아직 질문 기록이 없어요.' : 'No answers yet.');
    return ctx.reply(
      items
        .map((c) => {
          const name = getIndicator(c.request.indicatorId)?.[locale === 'ko' ? 'nameKo' : 'nameEn'] ?? c.request.indicatorId;
          return `• ${c.createdAt.toISOString().slice(0, 10)} ${name} ${c.request.horizonMonths}${locale === 'ko' ? '개월' : 'm'}: ${c.summary.slice(0, 120)}`;
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
    if (!parsed.indicator) return ctx.reply(locale === 'ko' ? '어떤 지표를 볼까요?' : 'Which indicator?', { reply_markup: indicatorKeyboard(locale) });
    if (!months) return ctx.reply(locale === 'ko' ? '몇 개월 뒤를 볼까요?' : 'How many months ahead?', { reply_markup: horizonKeyboard(parsed.indicator.id, locale) });
    return answer(ctx, { question: text, indicatorId: parsed.indicator.id, horizonMonths: months, locale });
  });
  bot.callbackQuery(/^i:([a-z0-9_]+)$/u, async (ctx) => {
    await ctx.answerCallbackQuery();
    const locale = localeOf(ctx);
    await ctx.reply(locale === 'ko' ? '몇 개월 뒤를 볼까요?' : 'How many months ahead?', { reply_markup: horizonKeyboard(ctx.match[1]!, locale) });
  });
  bot.callbackQuery(/^f:([a-z0-9_]+):(\d{1,2})$/u, async (ctx) => {
    await ctx.answerCallbackQuery();
    const indicator = getIndicator(ctx.match[1]!);
    const locale = localeOf(ctx);
    if (!indicator) return;
    await answer(ctx, { question: `${locale === 'ko' ? indicator.nameKo : indicator.nameEn} ${ctx.match[2]}${locale === 'ko' ? '개월' : ' months'}`, indicatorId: indicator.id, horizonMonths: Number(ctx.match[2]), locale });
  });
  bot.callbackQuery(/^sub:([a-z0-9_]+)$/u, async (ctx) => {
    const locale = localeOf(ctx);
    if (deps.commands && ctx.from && ctx.chat) {
      await ctx.answerCallbackQuery();
      const r = await deps.commands.run({ platform: 'telegram', userId: `telegram:${ctx.from.id}`, target: String(ctx.chat.id), locale, command: 'subscribe', args: ctx.match[1]! });
      await ctx.reply(r.text);
      return;
    }
    if (!deps.subscriptions || !ctx.from) {
      await ctx.answerCallbackQuery({ text: locale === 'ko' ? '알림 기능은 아직 이 서버에서 켜져 있지 않아요.' : 'Alerts are not enabled on this server yet.', show_alert: true });
      return;
    }
    await deps.subscriptions.subscribe(`telegram:${ctx.from.id}`, ctx.match[1]!);
    await ctx.answerCallbackQuery({ text: locale === 'ko' ? '알림을 받도록 설정했어요 🔔' : 'Subscribed 🔔' });
  });
  if (deps.commands) registerTelegramSimCommands(bot, deps.commands, (ctx) => localeOf(ctx));
  bot.on('message:text', async (ctx) => {
    if (ctx.chat.type !== 'private' || ctx.message.text.startsWith('/')) return;
    await answer(ctx, { question: ctx.message.text });
  });

  // One error boundary: log it, tell the user briefly, never crash the process.
  bot.catch(async (err) => {
    deps.logger.error({ err: err.error, updateId: err.ctx.update.update_id }, 'telegram handler failed');
    await err.ctx.reply(localeOf(err.ctx) === 'ko' ? '앗, 문제가 생겼어요. 잠시 후 다시 시도해 주세요.' : 'Sorry, something went wrong. Please try again shortly.').catch(() => undefined);
  });
  return bot;
}

/** The bot as every process builds it from the runtime (serve's webhook and the long-polling command). */
export function createTelegramBotFromRuntime(rt: {
  config: { telegram: { botToken: string | undefined; apiRoot: string }; answer: { maxQuestionChars: number; deadlineMs: number } };
  engine: Engine;
  store: { conversations: Pick<ConversationStore, 'listByUser'> };
  logger: Logger;
  sim?: { commands: BotCommands };
}, botInfo?: UserFromGetMe): Bot {
  if (!rt.config.telegram.botToken) throw new RiskXpertError('CONFIG_INVALID', 'The Telegram bot needs TELEGRAM_BOT_TOKEN.');
  return createTelegramBot({
    ...(botInfo ? { botInfo } : {}),
    token: rt.config.telegram.botToken,
    apiRoot: rt.config.telegram.apiRoot,
    engine: rt.engine,
    conversations: rt.store.conversations,
    logger: rt.logger.child({ adapter: 'telegram' }),
    maxQuestionChars: rt.config.answer.maxQuestionChars,
    answerDeadlineMs: rt.config.answer.deadlineMs,
    ...(rt.sim ? { commands: rt.sim.commands } : {}),
  });
}
