import { Routes, type REST } from 'discord.js';
import type { Locale } from '../../src/locale.js';
import { newsReply, type NewsReplyDeps } from '../../src/news/news-reply.js';

const CONTENT_MAX = 2_000;

/** `/news 코스피`: deferred (the digest may take an LLM call), then the original response edited with the reply. */
export function discordNewsCommand(
  rest: REST,
  deps: NewsReplyDeps,
  i: { application_id: string; token: string },
  locale: Locale,
  query: string,
): { response: { type: 5 }; background: () => Promise<void> } {
  return {
    response: { type: 5 },
    background: async () => {
      const text = await newsReply(deps, { query, locale });
      const content = text.length > CONTENT_MAX ? `${text.slice(0, CONTENT_MAX - 1)}…` : text;
      // Links stay plain text: no embeds for each of five URLs.
      await rest.patch(Routes.webhookMessage(i.application_id, i.token, '@original'), { body: { content, flags: 4 } });
    },
  };
}
