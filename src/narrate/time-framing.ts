import type { Locale } from '../locale.js';
import { t } from '../messages/t.js';
import { formatDay, formatMonth } from './format-number.js';

type Frequency = 'D' | 'W' | 'M';

/**
 * The date data is "as of", as a reader names it: a monthly value by its month ("2021년 11월"), a daily series by
 * the day of its last observation ("2025년 1월 8일"), never by the end of a month it only partly covers.
 */
export function asOfText(frequency: Frequency, isoDate: string, locale: Locale): string {
  return frequency === 'M' ? formatMonth(isoDate, locale) : formatDay(isoDate, locale);
}

/** The forecast's target: a monthly value is that month's; a daily series is forecast for the month's end. */
export function targetText(frequency: Frequency, monthEndDate: string, locale: Locale): string {
  const month = formatMonth(monthEndDate, locale);
  return frequency === 'M' ? month : t(locale, 'time.monthEnd', { month });
}

/** The target month as a sentence's time phrase: "in Jun 2027" / "at the end of Jul 2025" ("2027년 6월" in Korean). */
export function targetPhrase(frequency: Frequency, monthEndDate: string, locale: Locale): string {
  const month = formatMonth(monthEndDate, locale);
  return t(locale, frequency === 'M' ? 'time.inMonth' : 'time.atMonthEnd', { month });
}
