import { describe, expect, it } from 'vitest';
import { planAnswer } from '../../src/engine/question/plan-answer.js';
import { thresholdChance, thresholdLevel } from '../../src/engine/threshold-chance.js';

const levels = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95];
const values = [80, 85, 90, 95, 98, 100, 102, 105, 110, 115, 120];

describe('the chance of a level from forecast quantiles', () => {
  it('interpolates the distribution between quantile levels and rounds to 5%', () => {
    expect(thresholdChance(levels, values, { level: 100, side: 'above' }, 100).probability).toBe(0.5);
    // 112.5 lies halfway between the 80% (110) and 90% (115) quantiles: P(above) = 15%.
    expect(thresholdChance(levels, values, { level: 112.5, side: 'above' }, 112.5).probability).toBe(0.15);
    expect(thresholdChance(levels, values, { level: 87.5, side: 'below' }, 87.5).probability).toBe(0.15);
  });

  it('beyond the outer quantiles it says "under 5%" or "over 95%", never a made-up tail number', () => {
    expect(thresholdChance(levels, values, { level: 200, side: 'above' }, 200)).toMatchObject({
      bound: 'under',
      probability: 0.05,
    });
    expect(thresholdChance(levels, values, { level: 200, side: 'below' }, 200)).toMatchObject({
      bound: 'over',
      probability: 0.95,
    });
    expect(thresholdChance(levels, values, { level: 10, side: 'above' }, 10)).toMatchObject({
      bound: 'over',
      probability: 0.95,
    });
  });

  it('"%" is a level for a rate and a move for a price', () => {
    expect(thresholdLevel('us10y', { level: 5, side: 'above', percent: true }, 4.4)).toBe(5);
    expect(thresholdLevel('kospi', { level: 20, side: 'above', percent: true }, 2_500)).toBe(3_000);
    expect(thresholdLevel('kospi', { level: 10, side: 'below', percent: true }, 2_500)).toBe(2_250);
  });
});

describe('threshold questions are read with their level and side', () => {
  const today = { year: 2026, month: 12 };
  it.each([
    ['내년 환율 1500 넘을까?', 'usdkrw', { level: 1500, side: 'above' }, { kind: 'months', months: 12 }],
    ['코스피 3천 갈까?', 'kospi', { level: 3000, side: 'above' }, undefined],
    ['코스피 2,000선 깨질까?', 'kospi', { level: 2000, side: 'below' }, undefined],
    ['미국 10년물 금리 5% 넘을까?', 'us10y', { level: 5, side: 'above', percent: true }, undefined],
    ['기준금리 3% 이하로 떨어질까?', 'kr_base_rate', { level: 3, side: 'below', percent: true }, undefined],
    [
      'Will KOSPI fall below 2,000 in 6 months?',
      'kospi',
      { level: 2000, side: 'below' },
      { kind: 'months', months: 6 },
    ],
  ])('%s', (q, id, threshold, spec) => {
    const p = planAnswer(q, undefined, today);
    expect(p.kind).toBe('answer');
    if (p.kind !== 'answer') return;
    expect(p.indicator.id).toBe(id);
    expect(p.threshold).toEqual(threshold);
    expect(p.spec).toEqual(spec);
  });

  it('a horizon is not a level: "코스피 3개월 뒤 오를까?" has none', () => {
    const p = planAnswer('코스피 3개월 뒤 오를까?', undefined, today);
    expect(p.kind === 'answer' && p.threshold).toBeFalsy();
  });
});
