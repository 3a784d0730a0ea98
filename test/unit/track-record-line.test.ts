import { describe, expect, it } from 'vitest';
import { trackRecordLine } from '../../src/narrate/track-record-line.js';

const record = { methods: ['seasonal-trend', 'ar1-240'], horizon: 6, origins: 60, wqlVsNaive: 0.77, hitRate80: 0.78, naiveHitRate80: 0.74 };

describe('track record line', () => {
  it('says in Korean what forecasted it and how it did against "no change"', () => {
    expect(trackRecordLine(record, 'ko')).toBe(
      "예측 방법: 계절성+추세·평균 회귀(20년). 이 지표의 지난 5년간 6개월 앞 예측 성적은 '지금 값 그대로' 예측보다 오차가 23% 작았고, 80% 구간이 실제 값을 맞힌 비율은 78%였습니다('지금 값 그대로' 74%).",
    );
  });

  it('says it in English, and owns up to a loss', () => {
    expect(trackRecordLine({ ...record, methods: ['naive', 'theta'], wqlVsNaive: 1.04, origins: 30 }, 'en')).toBe(
      'Forecast by: last value + theta. Over the last 30 months, its 6-month forecasts for this series had 4% higher error than a no-change forecast, and its 80% band held the outcome 78% of the time (no-change: 74%).',
    );
  });

  it('says nothing without a record', () => {
    expect(trackRecordLine(undefined, 'ko')).toBeUndefined();
    expect(trackRecordLine({ ...record, origins: 0 }, 'en')).toBeUndefined();
  });
});
