import { describe, expect, it } from 'vitest';
import { planAnswer } from '../../src/engine/question/plan-answer.js';

const today = { year: 2026, month: 12 };
const plan = (q: string) => {
  const p = planAnswer(q, undefined, today);
  if (p.kind !== 'answer') throw new Error(`${q}: ${p.kind}`);
  return { target: p.indicator.id, condition: p.condition, spec: p.spec };
};

describe('what-if questions: the supposed move is read, and the answer is about the other indicator', () => {
  it.each([
    [
      '환율이 10% 오르면 코스피는?',
      'kospi',
      { indicatorId: 'usdkrw', direction: 1, size: { kind: 'move', value: 10, unit: '%' } },
    ],
    ['코스피는 환율이 떨어지면 어떻게 돼?', 'kospi', { indicatorId: 'usdkrw', direction: -1 }],
    ['미국 금리 오르면 코스피는?', 'kospi', { indicatorId: 'us10y', direction: 1 }],
    [
      '유가가 20% 급등하면 물가는?',
      'kr_cpi',
      { indicatorId: 'wti', direction: 1, size: { kind: 'move', value: 20, unit: '%' } },
    ],
    [
      '달러가 1,500원 되면 코스피는?',
      'kospi',
      { indicatorId: 'usdkrw', direction: 0, size: { kind: 'level', value: 1500 } },
    ],
    ['vix가 40 넘으면 코스피는?', 'kospi', { indicatorId: 'vix', direction: 0, size: { kind: 'level', value: 40 } }],
    ['원화 약세면 코스피는?', 'kospi', { indicatorId: 'usdkrw', direction: 1, wonValue: true }],
    ['원화 강세 시 코스닥은?', 'kosdaq', { indicatorId: 'usdkrw', direction: -1, wonValue: true }],
    ['달러 강세가 이어지면 코스피 어때?', 'kospi', { indicatorId: 'usdkrw', direction: 1 }],
    [
      'what if the 10-year yield rises 50bp, what happens to the S&P 500?',
      'sp500',
      { indicatorId: 'us10y', direction: 1, size: { kind: 'move', value: 50, unit: 'bp' } },
    ],
    ['if the won weakens what about kospi', 'kospi', { indicatorId: 'usdkrw', direction: 1, wonValue: true }],
  ])('%s', (q, target, condition) => {
    const p = plan(q);
    expect(p.target).toBe(target);
    expect(p.condition).toEqual(condition);
  });

  it('"금리" alone is read as the base rate, and the answer will say so', () => {
    expect(plan('금리가 0.5%p 인상되면 코스닥 어때?').condition).toEqual({
      indicatorId: 'kr_base_rate',
      direction: 1,
      size: { kind: 'move', value: 0.5, unit: '%p' },
      assumedFrom: 'rate',
    });
  });

  it('the size is cut before the horizon is read: "10%" is no horizon, "3개월 뒤" still is', () => {
    expect(plan('If oil falls 30% what about KOSPI in 3 months').spec).toEqual({ kind: 'months', months: 3 });
    expect(plan('환율이 10% 오르면 코스피는?').spec).toBeUndefined();
  });

  it.each([
    ['코스피 오를까?', 'kospi'],
    ['코스피가 오르면 팔까요?', 'kospi'],
    ['환율 3개월 뒤 오르면', 'usdkrw'],
    ['코스피 약세 지속될까?', 'kospi'],
    // The rate named with its maturity is one name; the other subject is not covered, so no what-if is made up.
    ['미국 10년물 금리가 5% 넘으면 나스닥?', 'us10y'],
  ])('no what-if without a second indicator or a supposed move: %s', (q, target) => {
    const p = plan(q);
    expect(p.target).toBe(target);
    expect(p.condition).toBeUndefined();
  });
});
