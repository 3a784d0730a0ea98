import { describe, expect, it } from 'vitest';
import { trackRecordLine, withoutTrackRecordLine, withTrackRecordLine } from '../../src/narrate/track-record-line.js';

const record = {
  methods: ['seasonal-trend', 'ar1-240'],
  horizon: 6,
  origins: 60,
  wqlVsNaive: 0.77,
  hitRate80: 0.78,
  naiveHitRate80: 0.74,
};

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

  it('where the median is the last value itself, says why and reports the band alone, not a race against itself', () => {
    const naive = { ...record, methods: ['naive'], wqlVsNaive: 1.03, hitRate80: 0.82, naiveHitRate80: 0.78 };
    const ko = trackRecordLine(naive, 'ko')!;
    expect(ko).toMatch(
      /^예측 방법: 최근 값 유지\. 이 지표는 과거에 어떤 방법도 '지금 값 그대로'보다 꾸준히 낫지 않아/u,
    );
    expect(ko).toMatch(/지난 5년간 6개월 앞 80% 구간이 실제 값을 맞힌 비율은 82%였습니다/u);
    expect(ko).not.toMatch(/오차가 3% 컸고/u);
    expect(trackRecordLine(naive, 'en')).toMatch(
      /^Forecast by: last value\. On this series no method has reliably beaten a no-change forecast/u,
    );
  });

  it('says nothing without a record', () => {
    expect(trackRecordLine(undefined, 'ko')).toBeUndefined();
    expect(trackRecordLine({ ...record, origins: 0 }, 'en')).toBeUndefined();
  });

  it('is appended once after any text, and leaves a text alone when there is no record', () => {
    const line = trackRecordLine(record, 'en')!;
    expect(withTrackRecordLine('Median 2,450.2.  ', record, 'en')).toBe(`Median 2,450.2. ${line}`);
    expect(withTrackRecordLine(`Median. ${line}`, record, 'en')).toBe(`Median. ${line}`);
    expect(withTrackRecordLine('', record, 'ko')).toBe(trackRecordLine(record, 'ko'));
    expect(withTrackRecordLine('Median.', undefined, 'en')).toBe('Median.');
    expect(withoutTrackRecordLine(withTrackRecordLine('Median.', record, 'en'), record, 'en')).toBe('Median.');
    expect(withoutTrackRecordLine('Median.', undefined, 'en')).toBe('Median.');
  });
});
