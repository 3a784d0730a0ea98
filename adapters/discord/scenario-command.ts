import { Routes, type REST } from 'discord.js';
import type { Locale } from '../../src/locale.js';
import type { ScenarioChat } from '../../src/scenario/scenario-chat.js';
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

/** Deferred, then the text (and the P&L chart) edits the original response. */
export function scenarioCommand(
  rest: REST,
  chat: ScenarioChat,
  i: Interaction,
  locale: Locale,
  userId: string,
): { response: InteractionResponse; background: () => Promise<void> } {
  return {
    response: { type: 5 },
    background: async () => {
      const text = String(i.data?.options?.find((o) => o.name === 'text')?.value ?? '');
      const r = await chat.run({ userId: `discord:${userId}`, locale, args: text });
      const original = Routes.webhookMessage(i.application_id, i.token, '@original');
      const content = r.text.slice(0, 2000);
      if (r.png) {
        await rest.patch(original, {
          body: { content, attachments: [{ id: 0, filename: 'scenario.png' }] },
          files: [{ name: 'scenario.png', data: Buffer.from(r.png), contentType: 'image/png' }],
        });
      } else await rest.patch(original, { body: { content } });
    },
  };
}
