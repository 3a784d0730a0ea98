import { CATALOG, indicatorName } from '../data/catalog.js';
import type { ErrorCode } from '../errors.js';
import type { Locale } from '../locale.js';
import { t, type MessageKey } from '../messages/t.js';

/** Error codes that have their own text; every other code gets the generic one. */
const ERROR_KEYS: Record<string, true> = Object.fromEntries(
  [
    'BAD_REQUEST',
    'SERIES_NOT_FOUND',
    'SERIES_TOO_SHORT',
    'SERIES_INVALID',
    'FORECAST_FAILED',
    'RATE_LIMITED',
    'DEADLINE_EXCEEDED',
    'ABORTED',
    'INTERNAL',
  ].map((c) => [`error.${c}`, true]),
);

/** The indicators, as one line users can read, optionally only those with data. */
export function indicatorList(locale: Locale, ids?: readonly string[]): string {
  const items = CATALOG.filter((i) => !ids || ids.includes(i.id)).map((i) => indicatorName(i, locale));
  return items.join(', ');
}

export function unknownIndicatorMessage(locale: Locale, availableIds?: readonly string[]): string {
  return t(locale, 'engine.unknownIndicator', { list: indicatorList(locale, availableIds) });
}

/**
 * Text safe to show the user for an error code. Errors that carry a message written for users
 * (unknown indicator, horizon, question length) pass `own` through.
 */
export function userMessage(code: ErrorCode, locale: Locale, own?: string): string {
  if (
    own &&
    (code === 'HORIZON_OUT_OF_RANGE' ||
      code === 'QUESTION_TOO_LONG' ||
      code === 'UNKNOWN_INDICATOR' ||
      code === 'SERIES_NOT_FOUND')
  ) {
    return own;
  }
  const key = `error.${code}`;
  return t(locale, (key in ERROR_KEYS ? key : 'error.INTERNAL') as MessageKey);
}
