import { Routes, type REST } from 'discord.js';
import type { RelatedNewsItem } from '../../src/engine/answer-types.js';
import type { Locale } from '../../src/locale.js';
import { relatedNewsText } from '../../src/news/related-news.js';
import type { ChatGate } from '../../src/streaming/edit-streamer.js';

const SUPPRESS_EMBEDS = 4;

/**
 * "관련 뉴스" as its own follow-up, sent after the scenario stream has finished. Pushed into the scenario stream, it
 * was that stream's only text when the scenario was empty, and a test against the REST stand-in then saw the
 * chart message alone (the stream's edit of the original was not awaited in time). A follow-up awaited through the
 * same gate is always the last message and never touches the embed. Links stay plain (no three link previews).
 */
export async function sendDiscordRelatedNews(
  rest: REST,
  gate: ChatGate,
  i: { application_id: string; token: string },
  items: readonly RelatedNewsItem[] | undefined,
  locale: Locale,
): Promise<void> {
  const text = items ? relatedNewsText(items, locale).trim() : '';
  if (!text) return;
  await gate.run(() =>
    rest.post(Routes.webhook(i.application_id, i.token), {
      body: { content: text.slice(0, 2_000), flags: SUPPRESS_EMBEDS },
    }),
  );
}
