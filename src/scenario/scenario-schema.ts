import { instrumentName } from '../data/stock-instruments.js';
import { z } from 'zod';
import { CATALOG, getIndicator } from '../data/catalog.js';
import { RiskXpertError } from '../errors.js';
import type { Locale } from '../locale.js';
import { t, type MessageKey, type MessageParams } from '../messages/t.js';
import { changeUnitOf } from './change-units.js';

/** Sane bounds of one shock: a price cannot fall 100% or more; a rate move beyond 10%p is not a scenario. */
export const BOUNDS = {
  price: { min: -90, max: 300 },
  rate: { min: -10, max: 10 },
  horizon: { min: 1, max: 60 },
} as const;

export interface Shock {
  indicatorId: string;
  /** Simple % for prices and indices, %p for rates (see change-units.ts). */
  move: number;
  unit: '%' | '%p';
}

export interface ScenarioSpec {
  name: string;
  horizonMonths: number;
  shocks: Shock[];
}

const rawShock = z.object({
  indicatorId: z.string().trim().min(1).max(40),
  move: z.number().finite(),
  unit: z.enum(['%', '%p']),
});
const rawSpec = z.object({
  name: z.string().trim(),
  horizonMonths: z.number().int(),
  shocks: z.array(rawShock).max(12),
});

function refuse(locale: Locale, key: MessageKey, params: MessageParams = {}): never {
  throw new RiskXpertError('BAD_REQUEST', t(locale, key, params), { details: { messageKey: key } });
}

/**
 * The one gate every scenario passes (API body, chat text, CLI, store reads of old rows): known indicators, the
 * unit the indicator is spoken of in, sane bounds. Refusals are RiskXpertError('BAD_REQUEST') in the user's language.
 */
export function parseScenarioSpec(input: unknown, locale: Locale): ScenarioSpec {
  const parsed = rawSpec.safeParse(input);
  if (!parsed.success) {
    const path = parsed.error.issues[0]?.path[0];
    if (path === 'horizonMonths')
      refuse(locale, 'scenario.horizon', { horizon: String((input as { horizonMonths?: unknown })?.horizonMonths) });
    if (path === 'name') refuse(locale, 'scenario.name');
    refuse(locale, 'scenario.unparsed');
  }
  const spec = parsed.data;
  if (spec.name.length < 1 || spec.name.length > 80) refuse(locale, 'scenario.name');
  if (spec.horizonMonths < BOUNDS.horizon.min || spec.horizonMonths > BOUNDS.horizon.max)
    refuse(locale, 'scenario.horizon', { horizon: spec.horizonMonths });
  if (spec.shocks.length === 0) refuse(locale, 'scenario.noShocks');
  const seen = new Set<string>();
  for (const s of spec.shocks) {
    if (!getIndicator(s.indicatorId))
      refuse(locale, 'scenario.unknownIndicator', { raw: s.indicatorId, list: CATALOG.map((i) => i.id).join(', ') });
    const name = instrumentName(s.indicatorId, locale);
    if (seen.has(s.indicatorId)) refuse(locale, 'scenario.duplicateShock', { name });
    seen.add(s.indicatorId);
    const unit = changeUnitOf(s.indicatorId);
    if (unit !== s.unit) refuse(locale, unit === '%p' ? 'scenario.wrongUnitRate' : 'scenario.wrongUnitPrice', { name });
    const b = unit === '%p' ? BOUNDS.rate : BOUNDS.price;
    if (s.move < b.min || s.move > b.max)
      refuse(locale, unit === '%p' ? 'scenario.rateOutOfRange' : 'scenario.priceOutOfRange', { name, move: s.move });
  }
  return { name: spec.name, horizonMonths: spec.horizonMonths, shocks: spec.shocks.map((s) => ({ ...s })) };
}
