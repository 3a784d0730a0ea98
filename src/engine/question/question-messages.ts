import { josa } from 'es-hangul';
import { getIndicator } from '../../data/catalog.js';
import type { Locale } from '../../locale.js';
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
  return (indicator ? (locale === 'ko' ? indicator.nameKo : indicator.nameEn) : id).slice(0, 14);
}

const EN_MONTH = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const ym = (t: YearMonth, locale: Locale) => (locale === 'ko' ? `${t.year}년 ${t.month}월` : `${EN_MONTH[t.month - 1]} ${t.year}`);
const monthsEn = (n: number) => `${n} month${n === 1 ? '' : 's'}`;

/** The sentence that says how the horizon was read, prepended to the answer. */
export function horizonNoteText(note: HorizonNote, locale: Locale, lastObservation: string): string {
  const from = { year: Number(lastObservation.slice(0, 4)), month: Number(lastObservation.slice(5, 7)) };
  switch (note.kind) {
    case 'default':
      return locale === 'ko' ? `기간을 말하지 않아 ${note.months}개월로 봤어요.` : `No horizon given, so this looks ${monthsEn(note.months)} ahead.`;
    case 'calendar':
      return locale === 'ko'
        ? `${ym(note.target, 'ko')}까지, 마지막 자료(${ym(note.from, 'ko')})부터 ${note.months}개월 뒤로 봤어요.`
        : `Read as through ${ym(note.target, 'en')}: ${monthsEn(note.months)} after the last data (${ym(note.from, 'en')}).`;
    case 'rounded':
      return locale === 'ko' ? `예측은 월 단위라 ${note.months}개월로 봤어요.` : `Forecasts are monthly, so this looks ${monthsEn(note.months)} ahead.`;
    case 'clamped':
      if (note.requested < note.months) {
        const what = note.target ? ym(note.target, locale) : undefined;
        return locale === 'ko'
          ? `${what ? `${what}은 마지막 자료(${ym(from, 'ko')})보다 늦지 않아서` : '1개월보다 짧은 기간은 예측하지 않아서'} 가장 가까운 ${note.months}개월 뒤로 봤어요.`
          : `${what ? `${what} is not after the last data (${ym(from, 'en')}), so` : 'Forecasts start at one month, so'} this looks ${monthsEn(note.months)} ahead, the nearest I can.`;
      }
      return locale === 'ko'
        ? `예측은 최대 ${note.months}개월까지라 ${note.months}개월로 봤어요 (요청: ${note.requested}개월${note.target ? `, ${ym(note.target, 'ko')}까지` : ''}).`
        : `I forecast at most ${monthsEn(note.months)} ahead, so this looks ${monthsEn(note.months)} ahead (you asked for ${note.requested}${note.target ? `, through ${ym(note.target, 'en')}` : ''}).`;
  }
}

export function pickNoteText(note: PickNote, locale: Locale): string {
  if (note === 'oil-as-wti') {
    return locale === 'ko' ? '유가는 WTI 기준으로 봤어요 (브렌트유가 궁금하면 "브렌트유"라고 물어봐 주세요).' : 'Oil is read as WTI crude (ask about "Brent" for Brent crude).';
  }
  return locale === 'ko' ? '코스피200은 다루지 않아 코스피 지수로 봤어요.' : 'KOSPI 200 is not covered, so this uses the KOSPI.';
}

const list = (ids: readonly string[], locale: Locale) =>
  ids.map((id) => { const i = getIndicator(id); return i ? (locale === 'ko' ? i.nameKo : i.nameEn) : id; }).join(', ');

export function ambiguousText(term: 'rate' | 'bond' | 'stocks', ids: readonly string[], locale: Locale): string {
  const names = list(ids, locale);
  if (locale === 'en') {
    const what = term === 'rate' ? 'Which rate do you mean?' : term === 'bond' ? 'Which government bond yield do you mean?' : 'Which stock market do you mean?';
    return `${what} Pick one: ${names}.`;
  }
  const what = term === 'rate' ? '어떤 금리를 볼까요?' : term === 'bond' ? '어느 나라 국채 금리를 볼까요?' : '어느 주식 시장을 볼까요?';
  return `${what} ${names} 중에서 골라 주세요.`;
}

export function noIndicatorText(availableIds: readonly string[], locale: Locale): string {
  return locale === 'ko'
    ? `어떤 지표를 물어보신 건지 찾지 못했어요. 지금 예측할 수 있는 지표: ${list(availableIds, 'ko')}. 예: "앞으로 6개월 코스피 어때?"`
    : `I could not tell which indicator you mean. I can forecast now: ${list(availableIds, 'en')}. Try "KOSPI over the next 6 months?"`;
}

export function emptyQuestionText(locale: Locale): string {
  return locale === 'ko'
    ? '질문을 입력해 주세요. 예: "앞으로 6개월 코스피 어때?", "미국 10년물 금리 1년 전망", "연말 원/달러 환율"'
    : 'Please type a question. For example: "KOSPI over the next 6 months?", "US 10-year yield in a year", "USD/KRW by year-end".';
}

export function unsupportedText(topic: UnsupportedTopic, said: string, availableIds: readonly string[], locale: Locale): string {
  const names = list(availableIds, locale);
  if (locale === 'en') {
    const why: Record<UnsupportedTopic, string> = {
      'single-stock': 'I do not forecast single stocks yet, only market indicators.',
      crypto: 'I do not forecast crypto assets such as bitcoin.',
      'other-index': `I do not cover "${said}" yet.`,
      'other-fx': `I do not cover that currency yet; the won against the dollar, yen and euro I do.`,
      'dollar-index': 'The dollar index (DXY) is not covered; it is not the same as USD/KRW.',
      'us-inflation': 'US inflation is not covered yet; Korea CPI is.',
      'us-policy-rate': 'The Fed funds rate is not covered yet; the US 10-year yield and the Bank of Korea base rate are.',
      'real-estate': 'I do not forecast real-estate prices.',
      'other-commodity': `I do not cover "${said}" yet; gold, WTI and Brent I do.`,
      macro: `I do not cover "${said}" yet.`,
      'other-rate': `I do not cover "${said}" yet; the Bank of Korea base rate, the 3-year KTB and the US 10-year yield I do.`,
      'off-topic': 'I only answer questions about financial indicators.',
    };
    return `${why[topic]} I can forecast now: ${names}.`;
  }
  const why: Record<UnsupportedTopic, string> = {
    'single-stock': '개별 종목은 아직 예측하지 않아요. 지금은 시장 지표만 봐요.',
    crypto: '비트코인 같은 가상자산은 예측하지 않아요.',
    'other-index': `${josa(said, '은/는')} 아직 다루지 않아요.`,
    'other-fx': '그 통화는 아직 다루지 않아요. 원/달러, 원/엔, 원/유로 환율은 볼 수 있어요.',
    'dollar-index': '달러인덱스(DXY)는 아직 다루지 않아요. 원/달러 환율과는 다른 지표예요.',
    'us-inflation': '미국 물가는 아직 다루지 않아요. 한국 소비자물가지수는 볼 수 있어요.',
    'us-policy-rate': '미국 기준금리(연준 정책금리)는 아직 다루지 않아요. 미국 10년 국채금리나 한국은행 기준금리는 볼 수 있어요.',
    'real-estate': '부동산 가격은 예측하지 않아요.',
    'other-commodity': `${josa(said, '은/는')} 아직 다루지 않아요. 금, WTI, 브렌트유는 볼 수 있어요.`,
    macro: `${josa(said, '은/는')} 아직 다루지 않아요.`,
    'other-rate': `${josa(said, '은/는')} 아직 다루지 않아요. 한국은행 기준금리, 국고채 3년, 미국 10년 국채금리는 볼 수 있어요.`,
    'off-topic': '저는 금융 지표 전망만 답할 수 있어요.',
  };
  return `${why[topic]} 지금 예측할 수 있는 지표: ${names}.`;
}
