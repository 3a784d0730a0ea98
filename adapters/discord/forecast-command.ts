import { Routes, type REST } from 'discord.js';
import { CATALOG, getIndicator, indicatorName } from '../../src/data/catalog.js';
import { findIndicator } from '../../src/engine/parse-question.js';
import type { Locale } from '../../src/locale.js';
import { t } from '../../src/messages/t.js';
import type { ConversationStore } from '../../src/store/store.js';
import { CLARIFY_CUSTOM_ID } from './clarify-components.js';
import type { Interaction, InteractionResponse } from './interaction-types.js';
import { stockChoices } from './sim-commands.js';
import { CONTENT_MAX } from './stream-answer.js';

const EPHEMERAL = 64;

/** What a handler answers: the immediate response, and the work that continues through the webhook (if any). */
export interface Handled {
  response: InteractionResponse;
  background?: () => Promise<void>;
}

/** Starts one answer: (indicator id or undefined, months, question). */
export type StartAnswer = (indicatorId: string | undefined, months: number, question: string) => Promise<void>;

export const ephemeral = (content: string): Handled => ({ response: { type: 4, data: { content, flags: EPHEMERAL } } });

export const optionOf = (i: Interaction, name: string) => i.data?.options?.find((o) => o.name === name)?.value;

/** Autocomplete (type 4) for the indicator option of /forecast, /buy, /sell and /subscribe. */
export function isAutocomplete(i: Interaction): boolean {
  return i.type === 4 && !!i.data && ['forecast', 'buy', 'sell', 'subscribe'].includes(i.data.name);
}

export function autocompleteResponse(i: Interaction, locale: Locale): Handled {
  const typed = String(i.data?.options?.find((o) => o.focused)?.value ?? '').toLowerCase();
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
  const stocks = i.data?.name === 'buy' || i.data?.name === 'sell' ? stockChoices(typed, locale) : [];
  return { response: { type: 8, data: { choices: [...stocks, ...choices].slice(0, 25) } } };
}

/** A clarify button: the chosen indicator answered as a new message (its own interaction token). */
export function clarifyPick(i: Interaction): { indicatorId: string; months: number } | undefined {
  const picked = i.type === 3 ? CLARIFY_CUSTOM_ID.exec(i.data?.custom_id ?? '') : null;
  return picked ? { indicatorId: picked[1]!, months: Number(picked[2]) } : undefined;
}

export async function clarifyCommand(
  pick: { indicatorId: string; months: number },
  locale: Locale,
  allow: () => Promise<boolean>,
  start: StartAnswer,
): Promise<Handled> {
  const indicator = getIndicator(pick.indicatorId);
  if (!indicator) return ephemeral(t(locale, 'discord.unsupported'));
  if (!(await allow())) return ephemeral(t(locale, 'adapter.tooManyQuestions'));
  const { months } = pick;
  return {
    response: { type: 5 },
    background: () =>
      start(
        indicator.id,
        months,
        t(locale, 'discord.pickedQuestion', { name: indicatorName(indicator, locale), months }),
      ),
  };
}

/** /forecast: the months are checked before the question spends the user's budget. */
export async function forecastCommand(
  i: Interaction,
  locale: Locale,
  allow: () => Promise<boolean>,
  start: StartAnswer,
): Promise<Handled> {
  const raw = String(optionOf(i, 'indicator') ?? '');
  const indicator = getIndicator(raw) ?? findIndicator(raw);
  const months = Number(optionOf(i, 'months'));
  const question = String(optionOf(i, 'question') ?? '').slice(0, 500);
  if (!Number.isInteger(months) || months < 1 || months > 24) return ephemeral(t(locale, 'discord.monthsRange'));
  if (!(await allow())) return ephemeral(t(locale, 'adapter.tooManyQuestions'));
  if (!indicator) {
    // Not one indicator ("금리", "bitcoin"): the engine asks back with buttons or says what it covers, to this user only.
    return {
      response: { type: 5, data: { flags: EPHEMERAL } },
      background: () => start(undefined, months, `${raw} ${question}`.trim().slice(0, 500)),
    };
  }
  return {
    response: { type: 5 },
    background: () => start(indicator.id, months, question || `${indicator.nameKo} ${months}개월`),
  };
}

export function indicatorsResponse(locale: Locale): Handled {
  return {
    response: {
      type: 4,
      data: { content: CATALOG.map((c) => `• ${indicatorName(c, locale)} (\`${c.id}\`)`).join('\n') },
    },
  };
}

/** /history: the user's last five answers, edited into the deferred response. */
export function historyCommand(
  rest: REST,
  conversations: Pick<ConversationStore, 'listByUser'>,
  i: Interaction,
  locale: Locale,
  userId: string,
): Handled {
  return {
    response: { type: 5 },
    background: async () => {
      const items = await conversations.listByUser(`discord:${userId}`, { limit: 5 }).catch(() => []);
      const content = items.length
        ? items
            .map(
              (c) =>
                `• ${c.createdAt.toISOString().slice(0, 10)} ${c.request.indicatorId} ${c.request.horizonMonths}m: ${c.summary.slice(0, 150)}`,
            )
            .join('\n')
        : t(locale, 'adapter.noHistory');
      await rest.patch(Routes.webhookMessage(i.application_id, i.token, '@original'), {
        body: { content: content.slice(0, CONTENT_MAX) },
      });
    },
  };
}
