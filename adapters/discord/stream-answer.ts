import { DiscordAPIError, RateLimitError, Routes, type REST } from 'discord.js';
import { indicatorName } from '../../src/data/catalog.js';
import type { AnswerEvent, Engine, ForecastEvent, RelatedNewsItem } from '../../src/engine/answer-types.js';
import { RiskXpertError } from '../../src/errors.js';
import type { Locale } from '../../src/locale.js';
import type { Logger } from '../../src/logger.js';
import { t } from '../../src/messages/t.js';
import {
  createChatGate,
  createEditStreamer,
  type StreamStats,
  type StreamTarget,
} from '../../src/streaming/edit-streamer.js';
import { clarifyComponents } from './clarify-components.js';
import type { Interaction } from './interaction-types.js';
import { sendDiscordRelatedNews } from './send-related-news.js';
import { sendDiscordSummary } from './send-summary.js';

export const CONTENT_MAX = 2000;

export interface DiscordAnswerDeps {
  rest: REST;
  engine: Engine;
  logger: Logger;
  answerDeadlineMs: number;
  minIntervalMs?: number | undefined;
  onStreamed?: ((stats: StreamStats) => void) | undefined;
}

function toRateLimited(err: unknown): never {
  if (err instanceof RateLimitError)
    throw new RiskXpertError('RATE_LIMITED', err.message, {
      details: { retryAfterSeconds: Math.max(1, err.retryAfter / 1000) },
      cause: err,
    });
  if (err instanceof DiscordAPIError && err.status === 429)
    throw new RiskXpertError('RATE_LIMITED', err.message, { details: { retryAfterSeconds: 1 }, cause: err });
  throw err;
}

/**
 * The original response shows the embed with the chart and the first page; later pages are follow-ups. Once the
 * summary took the original's text (`takeOriginal`), the scenario goes to follow-ups instead of replacing it.
 */
function webhookTarget(rest: REST, i: Interaction): StreamTarget<string> & { takeOriginal(): void } {
  const original = Routes.webhookMessage(i.application_id, i.token, '@original');
  let sentOriginalText = false;
  return {
    takeOriginal() {
      sentOriginalText = true;
    },
    async send(text) {
      if (!sentOriginalText) {
        sentOriginalText = true;
        await rest.patch(original, { body: { content: text } }).catch(toRateLimited);
        return '@original';
      }
      const msg = (await rest
        .post(Routes.webhook(i.application_id, i.token), { body: { content: text } })
        .catch(toRateLimited)) as { id: string };
      return msg.id;
    },
    async update(handle, text) {
      await rest
        .patch(Routes.webhookMessage(i.application_id, i.token, handle), { body: { content: text } })
        .catch(toRateLimited);
    },
  };
}

/** One question answered through the interaction webhook. Without an indicator id the engine reads the question itself, and may ask back. */
export async function streamDiscordAnswer(
  deps: DiscordAnswerDeps,
  i: Interaction,
  ask: { userId: string; locale: Locale; indicatorId: string | undefined; months: number; question: string },
): Promise<void> {
  const { locale, months } = ask;
  const original = Routes.webhookMessage(i.application_id, i.token, '@original');
  const gate = createChatGate(deps.minIntervalMs ?? 1_100);
  let forecast: ForecastEvent | undefined;
  let png: Uint8Array | undefined;
  let related: RelatedNewsItem[] | undefined;
  const target = webhookTarget(deps.rest, i);
  const streamer = createEditStreamer({
    target,
    maxChars: CONTENT_MAX,
    minIntervalMs: deps.minIntervalMs ?? 1_100,
    gate,
  });
  const onEvent = async (event: AnswerEvent) => {
    if (event.type === 'forecast') forecast = event;
    else if (event.type === 'chart') png = event.png;
    else if (event.type === 'summary' && forecast && png) {
      const title = t(locale, 'chart.title', {
        name: indicatorName(forecast.indicator, locale),
        horizon: forecast.horizonMonths,
      });
      const delivered = await sendDiscordSummary(deps.rest, gate, original, {
        title,
        summary: event.text,
        footer: forecast.dataSource,
        png,
        logger: deps.logger,
      });
      if (delivered === 'text') target.takeOriginal();
    } else if (event.type === 'scenario-delta') streamer.push(event.text);
    else if (event.type === 'done') related = event.relatedNews;
    else if (event.type === 'error')
      await deps.rest.patch(original, { body: { content: event.message } }).catch(toRateLimited);
    else if (event.type === 'clarify')
      await deps.rest
        .patch(original, {
          body: { content: event.message.slice(0, CONTENT_MAX), components: clarifyComponents(event.choices, months) },
        })
        .catch(toRateLimited);
  };
  for await (const event of deps.engine.answer(
    {
      platform: 'discord',
      userId: `discord:${ask.userId}`,
      question: ask.question,
      ...(ask.indicatorId ? { indicatorId: ask.indicatorId } : {}),
      horizonMonths: months,
      locale,
      requestId: `dc-${i.id}`,
    },
    { deadline: Date.now() + deps.answerDeadlineMs },
  ))
    await onEvent(event);
  const stats = await streamer.finish();
  await sendDiscordRelatedNews(deps.rest, gate, i, related, locale).catch((err: unknown) =>
    deps.logger.warn({ err: (err as Error).message, requestId: `dc-${i.id}` }, 'discord: related news not sent'),
  );
  deps.onStreamed?.(stats);
}
