import { InlineKeyboard } from 'grammy';
import type { ClarifyChoice } from '../../src/engine/answer-types.js';

/** Callback data of a clarify choice: "c:<indicatorId>:<months or ->", well inside Telegram's 64 bytes. */
export const CLARIFY_CALLBACK = /^c:([a-z0-9_]{1,40}):(\d{1,2}|-)$/u;

export function clarifyCallbackData(choice: ClarifyChoice): string | undefined {
  if (!choice.indicatorId) return undefined;
  const data = `c:${choice.indicatorId}:${choice.horizonMonths ?? '-'}`;
  return Buffer.byteLength(data) <= 64 && CLARIFY_CALLBACK.test(data) ? data : undefined;
}

/** The engine's choices as an inline keyboard, two to a row. */
export function clarifyKeyboard(choices: readonly ClarifyChoice[]): InlineKeyboard {
  const kb = new InlineKeyboard();
  let n = 0;
  for (const choice of choices) {
    const data = clarifyCallbackData(choice);
    if (!data) continue;
    kb.text(choice.label, data);
    n += 1;
    if (n % 2 === 0) kb.row();
  }
  return kb;
}

/** What a pressed choice re-asks: the chosen indicator and, when the choice names one, its horizon. */
export function parseClarifyCallback(match: RegExpMatchArray): { indicatorId: string; horizonMonths?: number } {
  const months = match[2] === '-' ? undefined : Number(match[2]);
  return { indicatorId: match[1]!, ...(months !== undefined ? { horizonMonths: months } : {}) };
}
