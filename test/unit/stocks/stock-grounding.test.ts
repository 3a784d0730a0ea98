import { describe, expect, it } from 'vitest';
import { ungroundedNumbers } from '../../../src/narrate/grounding.js';
import type { NarrationFacts } from '../../../src/narrate/narrator.js';

const samsung: NarrationFacts = {
  locale: 'ko',
  indicator: { id: 'stock:005930', nameKo: '삼성전자(005930)', nameEn: 'Samsung Electronics (005930)', unit: '원' },
  question: '삼성전자 6개월 전망',
  horizonMonths: 6,
  frequency: 'D',
  dataAsOf: '2026-12-01',
  lastDate: '2026-11-30',
  lastValue: 71_300,
  targetDate: '2027-05-31',
  medianAtHorizon: 71_300,
  lowAtHorizon: 58_900,
  highAtHorizon: 86_400,
  decimals: 0,
  changeUnit: '%',
  change: 0,
  lowChange: -17.4,
  highChange: 21.2,
  bandWidth: 38.6,
  trailingChange: 12.5,
  volatility: 28.1,
  drawdown: -8.2,
  method: 'selection',
  dataSource: 'kis:005930',
  sampleData: false,
};

describe('grounding of LLM text about a stock', () => {
  it('lets the LLM name the stock by its code, and still catches an invented price', () => {
    expect(ungroundedNumbers('삼성전자(005930)의 6개월 뒤 중앙 전망은 71,300원입니다.', samsung)).toEqual([]);
    expect(
      ungroundedNumbers('Samsung Electronics (005930) may reach 86,400 won.', { ...samsung, locale: 'en' }),
    ).toEqual([]);
    expect(ungroundedNumbers('삼성전자(005930)는 95,000원까지 오를 수 있습니다.', samsung)).toEqual([95_000]);
  });
});
