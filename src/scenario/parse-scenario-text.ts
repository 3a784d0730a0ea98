import { CATALOG } from '../data/catalog.js';
import { RiskXpertError } from '../errors.js';
import type { Locale } from '../locale.js';
import { t } from '../messages/t.js';

/** What a chat message says: a scenario to validate (parseScenarioSpec), or the name of a saved one. */
export type ScenarioText =
  | {
      kind: 'spec';
      input: { name: string; horizonMonths: number; shocks: { indicatorId: string; move: number; unit: string }[] };
    }
  | { kind: 'name'; name: string };

/** Used when a message gives shocks but no horizon. */
export const DEFAULT_HORIZON_MONTHS = 3;

const SHOCK = /([+\-−–]?\s*\d+(?:\.\d+)?)\s*(%p|％p|%포인트|퍼센트포인트|pp|bp|%|％|퍼센트)/iu;
const HORIZON = /^(\d+)\s*(개월|달|months?|mos?|m)$|^(\d+)\s*(년|years?|y)$/iu;
const ALIASES = CATALOG.flatMap((i) => [i.id, ...i.aliases].map((a) => ({ alias: a.toLowerCase(), id: i.id }))).sort(
  (a, b) => b.alias.length - a.alias.length,
);

function indicatorIn(text: string): string | undefined {
  const lower = text.toLowerCase().trim();
  return ALIASES.find((a) => lower === a.alias)?.id ?? ALIASES.find((a) => lower.includes(a.alias))?.id;
}

/**
 * "환율 +10%, 코스피 -15%, 3개월" or "USD/KRW +10%, US10y +0.5%p, 6 months": comma-separated shocks and a horizon.
 * The unit is taken as written, so "미국채 10년 +1%" reaches validation as a rate given in % and is refused there.
 * Text with no shock in it is taken as a saved scenario's name.
 */
export function parseScenarioText(text: string, locale: Locale): ScenarioText {
  const trimmed = text.trim();
  const parts = trimmed
    .split(/[,，;\n]|\s+(?:and|그리고)\s+/u)
    .map((p) => p.trim())
    .filter(Boolean);
  const shocks: { indicatorId: string; move: number; unit: string }[] = [];
  let horizonMonths: number | undefined;
  let sawShock = false;
  for (const part of parts) {
    const h = HORIZON.exec(part.replace(/\s*(후|뒤|동안|over|in)\s*$/iu, '').replace(/^(over|in)\s+/iu, ''));
    if (h) {
      horizonMonths = h[1] ? Number(h[1]) : Number(h[3]) * 12;
      continue;
    }
    const m = SHOCK.exec(part);
    if (!m) {
      if (sawShock || shocks.length > 0)
        throw new RiskXpertError('BAD_REQUEST', t(locale, 'scenario.unparsed'), {
          details: { messageKey: 'scenario.unparsed' },
        });
      continue;
    }
    sawShock = true;
    const raw = part.slice(0, m.index).trim() || part.slice(m.index + m[0].length).trim();
    const indicatorId = indicatorIn(raw);
    if (!indicatorId) {
      throw new RiskXpertError(
        'BAD_REQUEST',
        t(locale, 'scenario.unknownIndicator', { raw: raw || part, list: CATALOG.map((i) => i.id).join(', ') }),
        { details: { messageKey: 'scenario.unknownIndicator' } },
      );
    }
    let move = Number(m[1]!.replace(/[−–]/gu, '-').replace(/\s+/gu, ''));
    const u = m[2]!.toLowerCase();
    let unit = '%';
    if (u === 'bp') {
      move /= 100;
      unit = '%p';
    } else if (u !== '%' && u !== '％' && u !== '퍼센트') unit = '%p';
    shocks.push({ indicatorId, move, unit });
  }
  if (!sawShock) {
    if (horizonMonths !== undefined)
      throw new RiskXpertError('BAD_REQUEST', t(locale, 'scenario.noShocks'), {
        details: { messageKey: 'scenario.noShocks' },
      });
    return { kind: 'name', name: trimmed };
  }
  return {
    kind: 'spec',
    input: { name: trimmed.slice(0, 80), horizonMonths: horizonMonths ?? DEFAULT_HORIZON_MONTHS, shocks },
  };
}
