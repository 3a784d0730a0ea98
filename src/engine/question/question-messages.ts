import { getIndicator, indicatorName } from '../../data/catalog.js';
import type { Locale } from '../../locale.js';
import { t, type MessageKey } from '../../messages/t.js';
import { formatMonth } from '../../narrate/format-number.js';
import type { YearMonth } from './read-horizon.js';
import type { HorizonNote } from './resolve-horizon.js';
import type { PickNote, UnsupportedTopic } from './subject-rules.js';

// Fit for a button: Kakao quick replies take at most 14 characters.
const SHORT: Record<string, { ko: string; en: string }> = {
  kospi: { ko: '코스피', en: 'KOSPI' },
  kosdaq: { ko: '코스닥', en: 'KOSDAQ' },
  usdkrw: { ko: '원/달러 환율', en: 'USD/KRW' },
  jpykrw: { ko: '원/엔 환율', en: 'JPY/KRW' },
  eurkrw: { ko: '원/유로 환율', en: 'EUR/KRW' },
  kr_base_rate: { ko: '한은 기준금리', en: 'BOK base rate' },
  kr_treasury_3y: { ko: '국고채 3년', en: 'KTB 3Y' },
  kr_cpi: { ko: '소비자물가', en: 'Korea CPI' },
  sp500: { ko: 'S&P 500', en: 'S&P 500' },
  us10y: { ko: '미국 10년물', en: 'US 10Y yield' },
  wti: { ko: 'WTI 유가', en: 'WTI oil' },
  brent: { ko: '브렌트유', en: 'Brent oil' },
  gold: { ko: '금', en: 'Gold' },
  vix: { ko: 'VIX', en: 'VIX' },
};

export function shortLabel(id: string, locale: Locale): string {
  const known = SHORT[id];
  if (known) return known[locale];
  const indicator = getIndicator(id);
  return (indicator ? indicatorName(indicator, locale) : id).slice(0, 14);
}

const ym = (m: YearMonth, locale: Locale) => formatMonth(`${m.year}-${String(m.month).padStart(2, '0')}-01`, locale);
const span = (n: number, locale: Locale) => t(locale, n === 1 ? 'question.span.one' : 'question.span.other', { n });

/** The sentence that says how the horizon was read, prepended to the answer. */
export function horizonNoteText(note: HorizonNote, locale: Locale, lastObservation: string): string {
  const months = span(note.months, locale);
  switch (note.kind) {
    case 'default':
      return t(locale, 'question.horizon.default', { span: months });
    case 'calendar':
      return t(locale, 'question.horizon.calendar', {
        target: ym(note.target, locale),
        from: ym(note.from, locale),
        span: months,
      });
    case 'rounded':
      return t(locale, 'question.horizon.rounded', { span: months });
    case 'when':
      return t(locale, 'question.horizon.when', { span: months });
    case 'clamped': {
      if (note.requested < note.months) {
        if (!note.target) return t(locale, 'question.horizon.tooShort', { span: months });
        const from = { year: Number(lastObservation.slice(0, 4)), month: Number(lastObservation.slice(5, 7)) };
        return t(locale, 'question.horizon.notAfterData', {
          target: ym(note.target, locale),
          from: ym(from, locale),
          span: months,
        });
      }
      if (note.target)
        return t(locale, 'question.horizon.tooLongTarget', {
          span: months,
          requested: note.requested,
          target: ym(note.target, locale),
        });
      return t(locale, 'question.horizon.tooLong', { span: months, requested: note.requested });
    }
  }
}

export function pickNoteText(note: PickNote, locale: Locale): string {
  const keys = {
    'oil-as-wti': 'question.pick.oilAsWti',
    'kospi200-as-kospi': 'question.pick.kospi200AsKospi',
    'rate-action-as-base-rate': 'question.pick.rateActionAsBaseRate',
    'won-as-usdkrw': 'question.pick.wonAsUsdkrw',
  } as const;
  return t(locale, keys[note]);
}

const list = (ids: readonly string[], locale: Locale) =>
  ids
    .map((id) => {
      const i = getIndicator(id);
      return i ? indicatorName(i, locale) : id;
    })
    .join(', ');

export function ambiguousText(term: 'rate' | 'bond' | 'stocks', ids: readonly string[], locale: Locale): string {
  return t(locale, `question.ambiguous.${term}`, { names: list(ids, locale) });
}

/** "삼성" fits several listed names: which one, by name and code. */
export function ambiguousStockText(
  said: string,
  stocks: readonly { code: string; name: string }[],
  locale: Locale,
): string {
  return t(locale, 'question.ambiguous.stock', { said, names: stocks.map((s) => `${s.name}(${s.code})`).join(', ') });
}

export function noIndicatorText(availableIds: readonly string[], locale: Locale): string {
  return t(locale, 'question.noIndicator', { names: list(availableIds, locale) });
}

export function emptyQuestionText(locale: Locale): string {
  return t(locale, 'question.empty');
}

export function unsupportedText(
  topic: UnsupportedTopic,
  said: string,
  availableIds: readonly string[],
  locale: Locale,
): string {
  const reason = t(locale, `question.unsupported.${topic}` as MessageKey, { said });
  return t(locale, 'question.available', { reason, names: list(availableIds, locale) });
}
