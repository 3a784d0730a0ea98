import type { Locale } from '../locale.js';

/** The selection forecaster's provenance as the narrator sees it (NarrationFacts.trackRecord). */
export interface TrackRecordFacts {
  /** Menu methods averaged into the median (selection/menu.ts names). */
  methods: string[];
  horizon: number;
  /** Past monthly origins scored, out of sample. */
  origins: number;
  wqlVsNaive: number;
  hitRate80: number;
  naiveHitRate80: number;
}

const NAMES: Record<string, { ko: string; en: string }> = {
  naive: { ko: '최근 값 유지', en: 'last value' },
  theta: { ko: '세타', en: 'theta' },
  'damped-holt': { ko: '감쇠 추세', en: 'damped trend' },
  'ar1-120': { ko: '평균 회귀(10년)', en: 'mean reversion (10 years)' },
  'ar1-240': { ko: '평균 회귀(20년)', en: 'mean reversion (20 years)' },
  'seasonal-trend': { ko: '계절성+추세', en: 'seasonality plus trend' },
  'drift-half': { ko: '완만한 추세', en: 'half the 10-year trend' },
};

function span(origins: number, locale: Locale): string {
  if (origins % 12 === 0) return locale === 'ko' ? `${origins / 12}년` : `${origins / 12} year${origins === 12 ? '' : 's'}`;
  return locale === 'ko' ? `${origins}개월` : `${origins} months`;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/**
 * One plain line on what made the forecast and how it has done on this series at this horizon, out of sample:
 * its loss against the "no change" forecast and how often its 80% band held the outcome.
 */
export function trackRecordLine(t: TrackRecordFacts | undefined, locale: Locale): string | undefined {
  if (!t || !Number.isFinite(t.wqlVsNaive) || t.origins <= 0) return undefined;
  const methods = t.methods.map((m) => NAMES[m]?.[locale] ?? m).join(locale === 'ko' ? '·' : ' + ');
  const diff = Math.round((1 - t.wqlVsNaive) * 100);
  if (locale === 'ko') {
    const vs = diff > 0 ? `오차가 ${diff}% 작았고` : diff < 0 ? `오차가 ${-diff}% 컸고` : `오차가 같았고`;
    return `예측 방법: ${methods}. 이 지표의 지난 ${span(t.origins, 'ko')}간 ${t.horizon}개월 앞 예측 성적은 '지금 값 그대로' 예측보다 ${vs}, 80% 구간이 실제 값을 맞힌 비율은 ${pct(t.hitRate80)}였습니다('지금 값 그대로' ${pct(t.naiveHitRate80)}).`;
  }
  const vs = diff > 0 ? `${diff}% lower error than` : diff < 0 ? `${-diff}% higher error than` : 'the same error as';
  return `Forecast by: ${methods}. Over the last ${span(t.origins, 'en')}, its ${t.horizon}-month forecasts for this series had ${vs} a no-change forecast, and its 80% band held the outcome ${pct(t.hitRate80)} of the time (no-change: ${pct(t.naiveHitRate80)}).`;
}
