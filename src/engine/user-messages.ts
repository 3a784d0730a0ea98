import { CATALOG } from '../data/catalog.js';
import type { ErrorCode } from '../errors.js';
import type { Locale } from '../locale.js';

const ko: Partial<Record<ErrorCode, string>> = {
  BAD_REQUEST: '요청을 이해하지 못했어요. 예: "앞으로 6개월 코스피 어때?"',
  SERIES_NOT_FOUND: '이 지표의 데이터가 아직 준비되지 않았어요. 잠시 후 다시 시도하거나 다른 지표를 물어봐 주세요.',
  SERIES_TOO_SHORT: '이 지표는 데이터가 너무 짧아서 예측할 수 없어요.',
  SERIES_INVALID: '이 지표의 데이터에 문제가 있어 예측할 수 없어요. 운영자에게 알려 주세요.',
  FORECAST_FAILED: '예측 계산 중 문제가 생겼어요. 잠시 후 다시 시도해 주세요.',
  RATE_LIMITED: '질문이 너무 많아요. 잠시 후 다시 물어봐 주세요.',
  DEADLINE_EXCEEDED: '답변 시간이 초과됐어요. 다시 시도해 주세요.',
  ABORTED: '요청이 취소됐어요.',
  INTERNAL: '일시적인 문제가 생겼어요. 잠시 후 다시 시도해 주세요.',
};
const en: Partial<Record<ErrorCode, string>> = {
  BAD_REQUEST: 'I could not understand that. Try "KOSPI next 6 months?"',
  SERIES_NOT_FOUND: 'Data for this indicator is not available yet. Try again later or ask about another indicator.',
  SERIES_TOO_SHORT: 'This indicator has too little history to forecast.',
  SERIES_INVALID: 'The data for this indicator is broken, so I cannot forecast it. Please tell the operator.',
  FORECAST_FAILED: 'Something went wrong while forecasting. Please try again shortly.',
  RATE_LIMITED: 'Too many questions. Please wait a moment and ask again.',
  DEADLINE_EXCEEDED: 'The answer took too long. Please try again.',
  ABORTED: 'The request was cancelled.',
  INTERNAL: 'Something went wrong on our side. Please try again shortly.',
};

/** The indicators, as one line users can read, optionally only those with data. */
export function indicatorList(locale: Locale, ids?: readonly string[]): string {
  const items = CATALOG.filter((i) => !ids || ids.includes(i.id)).map((i) => (locale === 'ko' ? i.nameKo : i.nameEn));
  return items.join(', ');
}

export function unknownIndicatorMessage(locale: Locale, availableIds?: readonly string[]): string {
  const list = indicatorList(locale, availableIds);
  return locale === 'ko'
    ? `어떤 지표를 예측할지 찾지 못했어요. 예측할 수 있는 지표: ${list}. 예: "앞으로 6개월 코스피 어때?"`
    : `I could not tell which indicator you mean. I can forecast: ${list}. Try "KOSPI over the next 6 months?"`;
}

/**
 * Text safe to show the user for an error code. Errors that carry a message written for users
 * (unknown indicator, horizon, question length) pass `own` through.
 */
export function userMessage(code: ErrorCode, locale: Locale, own?: string): string {
  if (own && (code === 'HORIZON_OUT_OF_RANGE' || code === 'QUESTION_TOO_LONG' || code === 'UNKNOWN_INDICATOR' || code === 'SERIES_NOT_FOUND')) {
    return own;
  }
  const table = locale === 'ko' ? ko : en;
  return table[code] ?? table.INTERNAL!;
}
