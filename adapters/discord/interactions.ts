import { DiscordAPIError, RateLimitError, Routes, type REST } from 'discord.js';
import { CATALOG, getIndicator, indicatorName } from '../../src/data/catalog.js';
import type { Engine, ForecastEvent } from '../../src/engine/answer-types.js';
import { findIndicator } from '../../src/engine/parse-question.js';
import { RiskXpertError } from '../../src/errors.js';
import type { Locale } from '../../src/locale.js';
import type { Logger } from '../../src/logger.js';
import { t } from '../../src/messages/t.js';
import type { ConversationStore } from '../../src/store/store.js';
import {
  createChatGate,
  createEditStreamer,
  type StreamStats,
  type StreamTarget,
} from '../../src/streaming/edit-streamer.js';
import type { BotCommands } from '../../src/sim/bot-commands.js';
import type { Interaction, InteractionResponse } from './interaction-types.js';
import { simCommand, stockChoices } from './sim-commands.js';
import { riskCommand } from './risk-commands.js';
import type { RiskCommands } from '../../src/risk/risk-commands.js';
import { scenarioCommand } from './scenario-command.js';
import type { ScenarioChat } from '../../src/scenario/scenario-chat.js';
import { sendDiscordSummary } from './send-summary.js';
import { CLARIFY_CUSTOM_ID, clarifyComponents } from './clarify-components.js';
import { sendDiscordRelatedNews } from './send-related-news.js';
import type { RelatedNewsItem } from '../../src/engine/answer-types.js';
import { discordNewsCommand } from './news-command.js';
import type { NewsReplyDeps } from '../../src/news/news-reply.js';

export type { Interaction, InteractionResponse } from './interaction-types.js';

const EPHEMERAL = 64;
const CONTENT_MAX = 2000;

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
 * Command handlers shared by the gateway client and the HTTP interactions endpoint: `respond` returns the
 * immediate interaction response (within Discord's 3 s), and long work continues through the interaction
 * webhook (valid 15 minutes) with edits of the original response and follow-ups.
 */
export function createDiscordInteractions(deps: {
  rest: REST;
  engine: Engine;
  conversations: Pick<ConversationStore, 'listByUser'>;
  logger: Logger;
  answerDeadlineMs: number;
  minIntervalMs?: number;
  onStreamed?: (stats: StreamStats) => void;
  questionsPerMinute?: number;
  /** Paper trading and alert subscriptions; absent, /subscribe says alerts are not enabled. */
  commands?: BotCommands;
  /** /risk, /plan, /profile (portfolio risk); absent, they answer as unknown. */
  risk?: RiskCommands;
  news?: NewsReplyDeps;
  /** /scenario (src/scenario/scenario-chat.ts); absent, it answers as an unknown command. */
  scenarios?: ScenarioChat;
}) {
  // Per-user fixed window, bounded in size: the interaction response must be decided synchronously.
  const limiterState = new Map<string, { count: number; since: number }>();
  // Synchronous check (the response is due within 3 s): the in-memory limiter answers at once.
  const allow = (user: string): boolean => {
    const used = limiterState.get(user) ?? { count: 0, since: Date.now() };
    if (Date.now() - used.since > 60_000) Object.assign(used, { count: 0, since: Date.now() });
    used.count += 1;
    limiterState.set(user, used);
    if (limiterState.size > 50_000) limiterState.delete(limiterState.keys().next().value!);
    return used.count <= (deps.questionsPerMinute ?? 20);
  };
  const tooMany = (locale: Locale): InteractionResponse => ({
    type: 4,
    data: { content: t(locale, 'adapter.tooManyQuestions'), flags: EPHEMERAL },
  });
  const localeOf = (i: Interaction): Locale => (i.locale?.startsWith('ko') ? 'ko' : 'en');
  const userOf = (i: Interaction) => i.member?.user.id ?? i.user?.id ?? 'unknown';
  const option = (i: Interaction, name: string) => i.data?.options?.find((o) => o.name === name)?.value;

  /** Without an indicator id the engine reads the question itself, and may ask back. */
  async function streamAnswer(
    i: Interaction,
    indicatorId: string | undefined,
    months: number,
    question: string,
  ): Promise<void> {
    const locale = localeOf(i);
    const original = Routes.webhookMessage(i.application_id, i.token, '@original');
    const gate = createChatGate(deps.minIntervalMs ?? 1_100);
    let forecast: ForecastEvent | undefined;
    let png: Uint8Array | undefined;
    let related: RelatedNewsItem[] | undefined;
    // The original response shows the embed with the chart and the first page; later pages are follow-ups.
    const target: StreamTarget<string> = {
      async send(text) {
        if (!sentOriginalText) {
          sentOriginalText = true;
          await deps.rest.patch(original, { body: { content: text } }).catch(toRateLimited);
          return '@original';
        }
        const msg = (await deps.rest
          .post(Routes.webhook(i.application_id, i.token), { body: { content: text } })
          .catch(toRateLimited)) as { id: string };
        return msg.id;
      },
      async update(handle, text) {
        await deps.rest
          .patch(Routes.webhookMessage(i.application_id, i.token, handle), { body: { content: text } })
          .catch(toRateLimited);
      },
    };
    let sentOriginalText = false;
    const streamer = createEditStreamer({
      target,
      maxChars: CONTENT_MAX,
      minIntervalMs: deps.minIntervalMs ?? 1_100,
      gate,
    });
    for await (const event of deps.engine.answer(
      {
        platform: 'discord',
        userId: `discord:${userOf(i)}`,
        question,
        ...(indicatorId ? { indicatorId } : {}),
        horizonMonths: months,
        locale,
        requestId: `dc-${i.id}`,
      },
      { deadline: Date.now() + deps.answerDeadlineMs },
    )) {
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
        // The summary took the original's text: the scenario goes to follow-ups instead of replacing it.
        if (delivered === 'text') sentOriginalText = true;
      } else if (event.type === 'scenario-delta') streamer.push(event.text);
      else if (event.type === 'done') related = event.relatedNews;
      else if (event.type === 'error')
        await deps.rest.patch(original, { body: { content: event.message } }).catch(toRateLimited);
      else if (event.type === 'clarify')
        await deps.rest
          .patch(original, {
            body: {
              content: event.message.slice(0, CONTENT_MAX),
              components: clarifyComponents(event.choices, months),
            },
          })
          .catch(toRateLimited);
    }
    const stats = await streamer.finish();
    await sendDiscordRelatedNews(deps.rest, gate, i, related, locale).catch((err: unknown) =>
      deps.logger.warn({ err: (err as Error).message }, 'discord: related news not sent'),
    );
    deps.onStreamed?.(stats);
  }

  return {
    /** The immediate response; `background` (if any) must be run after the response is sent. */
    respond(i: Interaction): { response: InteractionResponse; background?: () => Promise<void> } {
      const locale = localeOf(i);
      if (i.type === 1) return { response: { type: 1 } };
      if (i.type === 4 && i.data && ['forecast', 'buy', 'sell', 'subscribe'].includes(i.data.name)) {
        const typed = String(i.data.options?.find((o) => o.focused)?.value ?? '').toLowerCase();
        const found = typed ? findIndicator(typed) : undefined;
        const choices = CATALOG.filter(
          (c) =>
            !typed ||
            c.id.includes(typed) ||
            c.nameKo.includes(typed) ||
            c.nameEn.toLowerCase().includes(typed) ||
            c.id === found?.id,
        )
          .slice(0, 25)
          .map((c) => ({ name: indicatorName(c, locale), value: c.id }));
        const stocks = i.data.name === 'buy' || i.data.name === 'sell' ? stockChoices(typed, locale) : [];
        return { response: { type: 8, data: { choices: [...stocks, ...choices].slice(0, 25) } } };
      }
      const picked = i.type === 3 ? CLARIFY_CUSTOM_ID.exec(i.data?.custom_id ?? '') : null;
      if (picked) {
        // A clarify button: answer the chosen indicator as a new message (its own interaction token).
        const indicator = getIndicator(picked[1]!);
        if (!indicator)
          return { response: { type: 4, data: { content: t(locale, 'discord.unsupported'), flags: EPHEMERAL } } };
        if (!allow(userOf(i))) return { response: tooMany(locale) };
        const months = Number(picked[2]);
        return {
          response: { type: 5 },
          background: () =>
            streamAnswer(
              i,
              indicator.id,
              months,
              t(locale, 'discord.pickedQuestion', { name: indicatorName(indicator, locale), months }),
            ),
        };
      }
      if (i.type !== 2 || !i.data)
        return { response: { type: 4, data: { content: t(locale, 'discord.unsupported'), flags: EPHEMERAL } } };
      switch (i.data.name) {
        case 'forecast': {
          const raw = String(option(i, 'indicator') ?? '');
          const indicator = getIndicator(raw) ?? findIndicator(raw);
          const months = Number(option(i, 'months'));
          const question = String(option(i, 'question') ?? '').slice(0, 500);
          if (!Number.isInteger(months) || months < 1 || months > 24) {
            return { response: { type: 4, data: { content: t(locale, 'discord.monthsRange'), flags: EPHEMERAL } } };
          }
          if (!allow(userOf(i))) return { response: tooMany(locale) };
          if (!indicator) {
            // Not one indicator ("금리", "bitcoin"): the engine asks back with buttons or says what it covers, to this user only.
            return {
              response: { type: 5, data: { flags: EPHEMERAL } },
              background: () => streamAnswer(i, undefined, months, `${raw} ${question}`.trim().slice(0, 500)),
            };
          }
          return {
            response: { type: 5 },
            background: () => streamAnswer(i, indicator.id, months, question || `${indicator.nameKo} ${months}개월`),
          };
        }
        case 'indicators':
          return {
            response: {
              type: 4,
              data: { content: CATALOG.map((c) => `• ${indicatorName(c, locale)} (\`${c.id}\`)`).join('\n') },
            },
          };
        case 'history':
          return {
            response: { type: 5 },
            background: async () => {
              const items = await deps.conversations.listByUser(`discord:${userOf(i)}`, { limit: 5 }).catch(() => []);
              const content = items.length
                ? items
                    .map(
                      (c) =>
                        `• ${c.createdAt.toISOString().slice(0, 10)} ${c.request.indicatorId} ${c.request.horizonMonths}m: ${c.summary.slice(0, 150)}`,
                    )
                    .join('\n')
                : t(locale, 'adapter.noHistory');
              await deps.rest.patch(Routes.webhookMessage(i.application_id, i.token, '@original'), {
                body: { content: content.slice(0, CONTENT_MAX) },
              });
            },
          };
        case 'news':
          if (deps.news) return discordNewsCommand(deps.rest, deps.news, i, locale, String(option(i, 'query') ?? ''));
          return { response: { type: 4, data: { content: t(locale, 'discord.unknownCommand'), flags: EPHEMERAL } } };
        case 'subscribe':
        case 'unsubscribe':
        case 'subscriptions':
        case 'quiet':
        case 'buy':
        case 'sell':
        case 'portfolio':
        case 'reset':
          if (deps.commands) return simCommand(deps.rest, deps.commands, i, locale, userOf(i));
          return { response: { type: 4, data: { content: t(locale, 'adapter.alertsDisabled'), flags: EPHEMERAL } } };
        case 'risk':
        case 'plan':
        case 'profile':
        case 'apply':
          if (deps.risk) return riskCommand(deps.rest, deps.risk, i, locale, userOf(i));
          return { response: { type: 4, data: { content: t(locale, 'discord.unknownCommand'), flags: EPHEMERAL } } };
        case 'scenario':
          if (deps.scenarios) return scenarioCommand(deps.rest, deps.scenarios, i, locale, userOf(i));
          return { response: { type: 4, data: { content: t(locale, 'discord.unknownCommand'), flags: EPHEMERAL } } };
        default:
          return { response: { type: 4, data: { content: t(locale, 'discord.unknownCommand'), flags: EPHEMERAL } } };
      }
    },
  };
}

/** The handlers as every process builds them from the runtime (serve's HTTP endpoint and the gateway client). */
export function createDiscordInteractionsFromRuntime(
  rt: {
    engine: Engine;
    store: { conversations: Pick<ConversationStore, 'listByUser'> };
    logger: Logger;
    config: { answer: { deadlineMs: number } };
    sim?: { commands: BotCommands };
    risk?: { commands: RiskCommands };
    news?: NewsReplyDeps;
    scenarios?: { chat: ScenarioChat };
  },
  rest: REST,
) {
  return createDiscordInteractions({
    rest,
    engine: rt.engine,
    conversations: rt.store.conversations,
    logger: rt.logger.child({ adapter: 'discord' }),
    answerDeadlineMs: rt.config.answer.deadlineMs,
    ...(rt.sim ? { commands: rt.sim.commands } : {}),
    ...(rt.risk ? { risk: rt.risk.commands } : {}),
    ...(rt.news ? { news: rt.news } : {}),
    ...(rt.scenarios ? { scenarios: rt.scenarios.chat } : {}),
  });
}
