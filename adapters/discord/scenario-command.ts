import { DiscordAPIError, RateLimitError, Routes, type REST } from 'discord.js';
import { RiskXpertError } from '../../src/errors.js';
import type { Locale } from '../../src/locale.js';
import type { ScenarioChat } from '../../src/scenario/scenario-chat.js';
import { createChatGate, createEditStreamer, type StreamTarget } from '../../src/streaming/edit-streamer.js';
import type { Interaction, InteractionResponse } from './interaction-types.js';

/** The /scenario definition registered with Discord: one free-text option, read by the shared chat handler. */
export const SCENARIO_COMMAND = {
  name: 'scenario',
  name_localizations: { ko: '시나리오' },
  description: 'What-if: "USD/KRW +10%, KOSPI -15%, 3 months", a saved name, save/edit/versions/list/replay',
  description_localizations: {
    ko: '가정 시나리오: "환율 +10%, 코스피 -15%, 3개월", 저장한 이름, save/edit/versions/list/replay',
  },
  options: [
    {
      type: 3,
      name: 'text',
      name_localizations: { ko: '내용' },
      description: 'e.g. 환율 +10%, 코스피 -15%, 3개월',
      required: true,
      max_length: 300,
    },
  ],
} as const;

const CONTENT_MAX = 2000;

/** Discord's 429 as the streamer's RATE_LIMITED (retry_after honoured); anything else unchanged. */
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
 * Deferred; then the P&L chart with its caption edits the original response, and the explanation streams as edits
 * of a follow-up (or of the original when there is no chart: a refusal, a list, a run without holdings).
 */
export function scenarioCommand(
  rest: REST,
  chat: ScenarioChat,
  i: Interaction,
  locale: Locale,
  userId: string,
  options: { minIntervalMs?: number } = {},
): { response: InteractionResponse; background: () => Promise<void> } {
  return {
    response: { type: 5 },
    background: async () => {
      const text = String(i.data?.options?.find((o) => o.name === 'text')?.value ?? '');
      const r = await chat.stream({ userId: `discord:${userId}`, locale, args: text });
      const original = Routes.webhookMessage(i.application_id, i.token, '@original');
      const gate = createChatGate(options.minIntervalMs ?? 1_100);
      // Set before the first await of a send, so two sends can never both take the original.
      let originalTaken = false;
      const png = r.png;
      if (png) {
        originalTaken = true;
        await gate.run(() =>
          rest
            .patch(original, {
              body: {
                content: (r.caption ?? '').slice(0, CONTENT_MAX),
                attachments: [{ id: 0, filename: 'scenario.png' }],
              },
              files: [{ name: 'scenario.png', data: Buffer.from(png), contentType: 'image/png' }],
            })
            .catch(toRateLimited),
        );
      }
      const target: StreamTarget<string> = {
        async send(content) {
          if (!originalTaken) {
            originalTaken = true;
            await rest.patch(original, { body: { content } }).catch(toRateLimited);
            return '@original';
          }
          const msg = (await rest
            .post(Routes.webhook(i.application_id, i.token), { body: { content } })
            .catch(toRateLimited)) as { id: string };
          return msg.id;
        },
        async update(handle, content) {
          await rest
            .patch(Routes.webhookMessage(i.application_id, i.token, handle), { body: { content } })
            .catch(toRateLimited);
        },
      };
      const streamer = createEditStreamer({
        target,
        maxChars: CONTENT_MAX,
        minIntervalMs: options.minIntervalMs ?? 1_100,
        gate,
      });
      for await (const piece of r.text) streamer.push(piece);
      await streamer.finish();
    },
  };
}
