import type { ClarifyChoice } from '../../src/engine/answer-types.js';

/** custom_id of a clarify button: "rx-clarify:<indicatorId>:<months>", well inside Discord's 100 characters. */
export const CLARIFY_CUSTOM_ID = /^rx-clarify:([a-z0-9_]{1,40}):(\d{1,2})$/u;

interface Button {
  type: 2;
  style: 2;
  label: string;
  custom_id: string;
}

/**
 * The engine's choices as message buttons: at most 5 to a row and 5 rows (Discord's limits), labels within 80.
 * Each carries the horizon the user gave the slash command unless the choice names its own.
 */
export function clarifyComponents(
  choices: readonly ClarifyChoice[],
  months: number,
): { type: 1; components: Button[] }[] {
  const buttons: Button[] = choices
    .filter((c) => c.indicatorId)
    .map((c) => ({
      type: 2 as const,
      style: 2 as const,
      label: c.label.slice(0, 80),
      custom_id: `rx-clarify:${c.indicatorId}:${c.horizonMonths ?? months}`,
    }))
    .filter((b) => b.custom_id.length <= 100 && CLARIFY_CUSTOM_ID.test(b.custom_id))
    .slice(0, 25);
  const rows: { type: 1; components: Button[] }[] = [];
  for (let i = 0; i < buttons.length; i += 5) rows.push({ type: 1, components: buttons.slice(i, i + 5) });
  return rows;
}
