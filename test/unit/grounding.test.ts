import { describe, expect, it } from 'vitest';
import { ungroundedNumbers } from '../../src/narrate/grounding.js';
import type { NarrationFacts } from '../../src/narrate/narrator.js';

const rate: NarrationFacts = {
  locale: 'ko',
  indicator: { id: 'kr_base_rate', nameKo: '한국은행 기준금리', nameEn: 'Bank of Korea base rate', unit: '%' },
  question: '기준금리 6개월',
  horizonMonths: 6,
  frequency: 'M',
  dataAsOf: '2024-09-01',
  lastDate: '2024-09-30',
  lastValue: 3.5,
  targetDate: '2025-03-31',
  medianAtHorizon: 3.25,
  lowAtHorizon: 2.5,
  highAtHorizon: 3.75,
  decimals: 2,
  changeUnit: '%p',
  change: -0.25,
  lowChange: -1,
  highChange: 0.25,
  bandWidth: 1.25,
  trailingChange: -0.25,
  volatility: 0.5,
  drawdown: -0.25,
  stale: { lastDate: '2024-09-01', ageDays: 822, reason: 'data-ends' },
  method: 'test',
  dataSource: 'test',
  sampleData: false,
};

describe('grounding check on rates', () => {
  it('accepts levels in %, changes in %p and the same changes in bp, and the data’s date and age', () => {
    const text =
      '2024년 9월 1일 자료(822일 전) 기준, 2025년 3월 기준금리는 3.25%로 0.25%p(25bp) 낮고, 구간은 2.50~3.75%(폭 1.25%p), 하단은 −1.00%p(−100bp), 보통 0.25%p씩 움직입니다.';
    expect(ungroundedNumbers(text, rate)).toEqual([]);
  });

  it('flags a relative change of the rate, which the facts never give', () => {
    // (3.25 − 3.5) / 3.5 = −7.1%: the way a rate must not be described.
    expect(ungroundedNumbers('기준금리는 7.1% 내립니다.', rate)).toEqual([7.1]);
  });
});
