import type { Locale } from '../../locale.js';
import type { ClarifyChoice, ClarifyEvent } from '../answer-types.js';
import { stockId } from '../../data/stock-instruments.js';
import {
  ambiguousStockText,
  ambiguousText,
  emptyQuestionText,
  noIndicatorText,
  shortLabel,
  unsupportedText,
} from './question-messages.js';
import { resolveHorizon } from './resolve-horizon.js';
import type { Understanding } from './understand-question.js';

/** Most asked first: the order choices are offered in when any indicator would do. */
const POPULAR = [
  'kospi',
  'usdkrw',
  'sp500',
  'kr_base_rate',
  'us10y',
  'gold',
  'wti',
  'kosdaq',
  'vix',
  'kr_treasury_3y',
  'jpykrw',
  'eurkrw',
  'brent',
  'kr_cpi',
];
// Kakao shows at most 10 quick replies; one is kept free for the adapter's own.
const MAX_CHOICES = 8;

export interface ClarifyInput {
  understanding: Understanding;
  locale: Locale;
  /** Indicators with data right now: the only ones offered. */
  available: readonly string[];
  /** Horizon per indicator to carry in each choice (when the question named one). */
  horizonFor?: (indicatorId: string) => number | undefined;
}

/** The question back for a question that names no single indicator we can answer; undefined when it does. */
export function buildClarify(input: ClarifyInput): ClarifyEvent | undefined {
  const { understanding: u, locale, available } = input;
  const has = (id: string) => available.includes(id);
  const popular = POPULAR.filter(has);
  const choice = (id: string): ClarifyChoice => {
    const months = input.horizonFor?.(id);
    return {
      label: shortLabel(id, locale),
      indicatorId: id,
      ...(months !== undefined ? { horizonMonths: months } : {}),
    };
  };
  if (u.empty) {
    return {
      type: 'clarify',
      reason: 'empty-question',
      message: emptyQuestionText(locale),
      choices: popular.slice(0, 4).map(choice),
    };
  }
  const s = u.subject;
  if (s.kind === 'indicator' || s.kind === 'stock') return undefined;
  if (s.kind === 'ambiguous-stock') {
    // A calendar horizon ("연말") is counted from each stock's own last price once one is picked; months carry over.
    const months = u.horizon?.kind === 'months' ? resolveHorizon(u.horizon, '1970-01-01').months : undefined;
    const choices = s.stocks.slice(0, MAX_CHOICES).map((st) => ({
      label: st.name.slice(0, 14),
      indicatorId: stockId(st.code),
      ...(months !== undefined ? { horizonMonths: months } : {}),
    }));
    return {
      type: 'clarify',
      reason: 'ambiguous-indicator',
      message: ambiguousStockText(s.said, s.stocks, locale),
      choices,
    };
  }
  if (s.kind === 'ambiguous') {
    const ids = s.ids.filter(has);
    if (ids.length > 0)
      return {
        type: 'clarify',
        reason: 'ambiguous-indicator',
        message: ambiguousText(s.term, ids, locale),
        choices: ids.map(choice),
      };
  }
  if (s.kind === 'unsupported') {
    const ids = [...new Set([...s.suggest.filter(has), ...popular])].slice(0, MAX_CHOICES);
    return {
      type: 'clarify',
      reason: 'unsupported-subject',
      message: unsupportedText(s.topic, s.said, available, locale),
      choices: ids.map(choice),
    };
  }
  return {
    type: 'clarify',
    reason: 'no-indicator',
    message: noIndicatorText(available, locale),
    choices: popular.slice(0, MAX_CHOICES).map(choice),
  };
}
