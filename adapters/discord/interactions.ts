import type { REST } from 'discord.js';
import type { Redis } from 'ioredis';
import { createIpRateLimiter, retryAfterSeconds } from '../http/index.js';
import type { Engine } from '../../src/engine/answer-types.js';
import type { Locale } from '../../src/locale.js';
import type { Logger } from '../../src/logger.js';
import { t } from '../../src/messages/t.js';
import type { ConversationStore } from '../../src/store/store.js';
import type { StreamStats } from '../../src/streaming/edit-streamer.js';
import type { BotCommands } from '../../src/sim/bot-commands.js';
import type { Interaction } from './interaction-types.js';
import { simCommand } from './sim-commands.js';
import { riskCommand } from './risk-commands.js';
import type { RiskCommands } from '../../src/risk/risk-commands.js';
import { scenarioCommand } from './scenario-command.js';
import type { ScenarioChat } from '../../src/scenario/scenario-chat.js';
import { discordNewsCommand } from './news-command.js';
import type { NewsReplyDeps } from '../../src/news/news-reply.js';
import { streamDiscordAnswer } from './stream-answer.js';
import {
  autocompleteResponse,
  clarifyCommand,
  clarifyPick,
  ephemeral,
  forecastCommand,
  historyCommand,
  indicatorsResponse,
  isAutocomplete,
  optionOf,
  type Handled,
} from './forecast-command.js';

export type { Interaction, InteractionResponse } from './interaction-types.js';

const SIM = new Set(['subscribe', 'unsubscribe', 'subscriptions', 'quiet', 'buy', 'sell', 'portfolio', 'reset']);
const RISK = new Set(['risk', 'plan', 'profile', 'apply']);

export interface DiscordInteractionsDeps {
  rest: REST;
  engine: Engine;
  conversations: Pick<ConversationStore, 'listByUser'>;
  logger: Logger;
  answerDeadlineMs: number;
  minIntervalMs?: number;
  onStreamed?: (stats: StreamStats) => void;
  questionsPerMinute?: number;
  /** Shares each user's question budget across processes (the limiter Redis); per process without it. */
  limiterRedis?: Redis | undefined;
  limiterKeyPrefix?: string;
  /** Paper trading and alert subscriptions; absent, /subscribe says alerts are not enabled. */
  commands?: BotCommands;
  /** /risk, /plan, /profile (portfolio risk); absent, they answer as unknown. */
  risk?: RiskCommands;
  news?: NewsReplyDeps;
  /** /scenario (src/scenario/scenario-chat.ts); absent, it answers as an unknown command. */
  scenarios?: ScenarioChat;
}

/**
 * Command handlers shared by the gateway client and the HTTP interactions endpoint: `respond` resolves the
 * immediate interaction response (within Discord's 3 s), and long work continues through the interaction
 * webhook (valid 15 minutes) with edits of the original response and follow-ups.
 */
export function createDiscordInteractions(deps: DiscordInteractionsDeps) {
  // The one per-user limiter of every adapter (adapters/http): Redis-shared when there is one, memory otherwise; a
  // Redis that is slow hands over to memory within its command timeout, well inside the 3 s response.
  const limiter = createIpRateLimiter({
    pointsPerMinute: deps.questionsPerMinute ?? 20,
    redis: deps.limiterRedis,
    keyPrefix: deps.limiterKeyPrefix ?? 'rl:discord-user',
  });
  // A limiter that cannot decide at all lets the question through, as on Kakao, Telegram and the web.
  const allowFor = (user: string) => async () =>
    (await retryAfterSeconds(limiter, user).catch(() => undefined)) === undefined;
  const localeOf = (i: Interaction): Locale => (i.locale?.startsWith('ko') ? 'ko' : 'en');
  const userOf = (i: Interaction) => i.member?.user.id ?? i.user?.id ?? 'unknown';
  const startFor =
    (i: Interaction) =>
    (indicatorId: string | undefined, months: number, question: string): Promise<void> =>
      streamDiscordAnswer(deps, i, { userId: userOf(i), locale: localeOf(i), indicatorId, months, question });

  /** The slash commands (type 2) by name; a command whose service is absent answers as its platform says. */
  function command(
    i: Interaction & { data: NonNullable<Interaction['data']> },
    locale: Locale,
  ): Handled | Promise<Handled> {
    const name = i.data.name;
    if (name === 'forecast') return forecastCommand(i, locale, allowFor(userOf(i)), startFor(i));
    if (name === 'indicators') return indicatorsResponse(locale);
    if (name === 'history') return historyCommand(deps.rest, deps.conversations, i, locale, userOf(i));
    if (name === 'news' && deps.news)
      return discordNewsCommand(deps.rest, deps.news, i, locale, String(optionOf(i, 'query') ?? ''));
    if (SIM.has(name))
      return deps.commands
        ? simCommand(deps.rest, deps.commands, i, locale, userOf(i))
        : ephemeral(t(locale, 'adapter.alertsDisabled'));
    if (RISK.has(name) && deps.risk) return riskCommand(deps.rest, deps.risk, i, locale, userOf(i));
    if (name === 'scenario' && deps.scenarios) return scenarioCommand(deps.rest, deps.scenarios, i, locale, userOf(i));
    return ephemeral(t(locale, 'discord.unknownCommand'));
  }

  return {
    /** The immediate response; `background` (if any) must be run after the response is sent. */
    async respond(i: Interaction): Promise<Handled> {
      const locale = localeOf(i);
      if (i.type === 1) return { response: { type: 1 } };
      if (isAutocomplete(i)) return autocompleteResponse(i, locale);
      const pick = clarifyPick(i);
      if (pick) return clarifyCommand(pick, locale, allowFor(userOf(i)), startFor(i));
      if (i.type !== 2 || !i.data) return ephemeral(t(locale, 'discord.unsupported'));
      return command({ ...i, data: i.data }, locale);
    },
  };
}

/** The handlers as every process builds them from the runtime (serve's HTTP endpoint and the gateway client). */
export function createDiscordInteractionsFromRuntime(
  rt: {
    engine: Engine;
    store: { conversations: Pick<ConversationStore, 'listByUser'> };
    logger: Logger;
    config: { answer: { deadlineMs: number }; cache: { keyPrefix: string } };
    limiterRedis?: () => Redis | undefined;
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
    limiterRedis: rt.limiterRedis?.(),
    limiterKeyPrefix: `${rt.config.cache.keyPrefix}rl:discord-user`,
    ...(rt.sim ? { commands: rt.sim.commands } : {}),
    ...(rt.risk ? { risk: rt.risk.commands } : {}),
    ...(rt.news ? { news: rt.news } : {}),
    ...(rt.scenarios ? { scenarios: rt.scenarios.chat } : {}),
  });
}
