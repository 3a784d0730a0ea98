import { RiskXpertError } from '../errors.js';
import { t } from '../messages/t.js';
import type { Indicator } from '../data/catalog.js';
import { understandQuestion } from './question/understand-question.js';
import { todayOf } from './question/plan-answer.js';
import { monthsFrom, MAX_HORIZON, MIN_HORIZON } from './question/resolve-horizon.js';
import type { YearMonth } from './question/read-horizon.js';

export { normalizeText } from './question/normalize.js';
export { DEFAULT_HORIZON, MAX_HORIZON, MIN_HORIZON } from './question/resolve-horizon.js';

export interface ParsedQuestion {
  indicator: Indicator | undefined;
  /** Months; undefined when the question names none. A calendar target counts from `today`. */
  horizonMonths: number | undefined;
}

const currentMonth = (): YearMonth => todayOf(Date.now());

/** The indicator the text names, if exactly one is meant (ambiguous words and unsupported subjects give undefined). */
export function findIndicator(text: string): Indicator | undefined {
  const s = understandQuestion(text, currentMonth()).subject;
  return s.kind === 'indicator' ? s.indicator : undefined;
}

/** The horizon in months the text names (after taking indicator names out); a calendar month counts from `today`. */
export function findHorizonMonths(text: string, today: YearMonth = currentMonth()): number | undefined {
  const h = understandQuestion(text, today).horizon;
  if (!h) return undefined;
  return h.kind === 'months' ? h.months : monthsFrom(today, h.target);
}

/** Both parts, for adapters that build their own requests; the engine itself reads questions with `understandQuestion`. */
export function parseQuestion(text: string, today: YearMonth = currentMonth()): ParsedQuestion {
  return { indicator: findIndicator(text), horizonMonths: findHorizonMonths(text, today) };
}

/** Validates an explicit horizon (a field set by an adapter or the API, not text). */
export function checkHorizon(months: number, locale: 'ko' | 'en'): number {
  if (!Number.isInteger(months) || months < MIN_HORIZON || months > MAX_HORIZON) {
    throw new RiskXpertError(
      'HORIZON_OUT_OF_RANGE',
      t(locale, 'question.horizon.outOfRange', { min: MIN_HORIZON, max: MAX_HORIZON, requested: months }),
      { details: { months } },
    );
  }
  return months;
}
