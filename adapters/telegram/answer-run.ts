import type { Api, Context } from 'grammy';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { retryAfterSeconds } from '../http/index.js';
import { indicatorName } from '../../src/data/catalog.js';
import type { AnswerEvent, AnswerRequest, Engine, ForecastEvent } from '../../src/engine/answer-types.js';
import { questionOverLimit } from '../../src/engine/question-length.js';
import type { Locale } from '../../src/locale.js';
import type { Logger } from '../../src/logger.js';
import { t } from '../../src/messages/t.js';
import { relatedNewsText } from '../../src/news/related-news.js';
import { createEditStreamer, type ChatGate, type StreamStats } from '../../src/streaming/edit-streamer.js';
import { clarifyKeyboard } from './clarify-keyboard.js';
import { keyboardFor } from './forecast-keyboards.js';
import { sendChartOrCaption } from './send-chart.js';
import { telegramStreamTarget } from './stream-target.js';

const TEXT_MAX = 4096;

export type TelegramAnswer = (ctx: Context, request: Omit<AnswerRequest, 'platform' | 'userId'>) => Promise<void>;

export interface TelegramAnswerDeps {
  engine: Engine;
  logger: Logger;
  limiter: RateLimiterAbstract;
  gateFor: (chatId: number) => ChatGate;
  localeOf: (ctx: Context, text?: string) => Locale;
  maxQuestionChars: number;
  answerDeadlineMs: number;
  minIntervalMs?: number;
  onStreamed?: (stats: StreamStats & { chatId: number; firstTokenAt?: number }) => void;
}

/** A chat action lasts 5 s: repeat it until the photo is out. Returns the stop. */
function keepUploadingPhoto(api: Api, chatId: number): () => void {
  let typing: NodeJS.Timeout | undefined = setInterval(
    () => void api.sendChatAction(chatId, 'upload_photo').catch(() => undefined),
    4_000,
  );
  return () => {
    clearInterval(typing);
    typing = undefined;
  };
}

/** The limiter and the length rule, answered in the asker's language; true when the question may run. */
async function admitted(deps: TelegramAnswerDeps, ctx: Context, userId: number, question: string, locale: Locale) {
  // A limiter that cannot decide at all lets the question through, as on Kakao and the web.
  const waitS = await retryAfterSeconds(deps.limiter, String(userId)).catch(() => undefined);
  if (waitS !== undefined) {
    await ctx.reply(t(locale, 'adapter.tooManyQuestions'));
    return false;
  }
  const over = questionOverLimit(question, deps.maxQuestionChars);
  if (over) {
    await ctx.reply(t(locale, 'engine.questionTooLong', over));
    return false;
  }
  return true;
}

/**
 * One question answered in a chat: the chart photo with the summary as its caption, then the scenario streamed as
 * drafts (private) or throttled edits (groups).
 */
export function createTelegramAnswer(deps: TelegramAnswerDeps): TelegramAnswer {
  return async (ctx, request) => {
    const chat = ctx.chat;
    const from = ctx.from;
    if (!chat || !from) return;
    const locale = request.locale ?? deps.localeOf(ctx, request.question);
    if (!(await admitted(deps, ctx, from.id, request.question, locale))) return;
    const gate = deps.gateFor(chat.id);
    const api = ctx.api;
    const stopTyping = keepUploadingPhoto(api, chat.id);
    await api.sendChatAction(chat.id, 'upload_photo').catch(() => undefined);

    const target = telegramStreamTarget(api, chat.id, {
      isPrivate: chat.type === 'private',
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
    const onEvent = async (event: AnswerEvent) => {
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
    };
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
      ))
        await onEvent(event);
      const stats = await streamer.finish();
      deps.onStreamed?.({ ...stats, chatId: chat.id, ...(firstTokenAt ? { firstTokenAt } : {}) });
    } finally {
      stopTyping();
    }
  };
}
