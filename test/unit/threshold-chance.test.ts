import { describe, expect, it } from 'vitest';
import { planAnswer } from '../../src/engine/question/plan-answer.js';
import {
  resolveThreshold,
  thresholdChance,
  thresholdLevel,
  whenMonths,
  recordOf,
} from '../../src/engine/threshold-chance.js';

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
    ['코스피 3천 갈까?', 'kospi', { level: 3000, side: 'above', either: true }, undefined],
    ['코스피 2,000선 깨질까?', 'kospi', { level: 2000, side: 'below' }, undefined],
    ['미국 10년물 금리 5% 넘을까?', 'us10y', { level: 5, side: 'above', percent: true }, undefined],
    ['기준금리 3% 이하로 떨어질까?', 'kr_base_rate', { level: 3, side: 'below', percent: true }, undefined],
    // "달러" after a number is the price's unit, not USD/KRW.
    ['유가 100달러 갈까?', 'wti', { level: 100, side: 'above', either: true }, undefined],
    ['금값 3천 달러 깨질까', 'gold', { level: 3000, side: 'below' }, undefined],
    ['달러 1500원 넘을까?', 'usdkrw', { level: 1500, side: 'above' }, undefined],
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

  it('a horizon is not a level: "코스피 3개월 뒤 오를까?" asks about the side of the last value, 3 months ahead', () => {
    const p = planAnswer('코스피 3개월 뒤 오를까?', undefined, today);
    expect(p.kind === 'answer' && p.threshold).toEqual({ level: 0, side: 'above', fromNow: 'direction' });
    expect(p.kind === 'answer' && p.spec).toEqual({ kind: 'months', months: 3 });
  });
});

describe('"언제 내려?" questions: the chance of being past the last value, a year ahead unless said', () => {
  const today = { year: 2026, month: 12 };
  const when12 = { kind: 'months', months: 12, assumed: 'when' };
  it.each([
    ['기준금리 언제 내려?', 'kr_base_rate', 'below', when12],
    ['한국은행 금리 인하 언제쯤?', 'kr_base_rate', 'below', when12],
    ['환율 언제 떨어져?', 'usdkrw', 'below', when12],
    ['코스피 언제 반등할까', 'kospi', 'above', when12],
    ['미국 10년물 금리 언제 오를까 6개월', 'us10y', 'above', { kind: 'months', months: 6 }],
    ['When will KOSPI recover?', 'kospi', 'above', when12],
    ['when will USD/KRW come down', 'usdkrw', 'below', when12],
    // A rate cut said in English is the Bank of Korea's, as "금리 인하" is; the Fed's and US rates keep theirs.
    ['when will rates be cut in Korea?', 'kr_base_rate', 'below', when12],
  ])('%s', (q, id, side, spec) => {
    const p = planAnswer(q, undefined, today);
    expect(p.kind).toBe('answer');
    if (p.kind !== 'answer') return;
    expect(p.indicator.id).toBe(id);
    expect(p.threshold).toEqual({ level: 0, side, fromNow: 'when' });
    expect(p.spec).toEqual(spec);
  });

  it.each([['코스피 언제 살까?'], ['환율 언제 오르고 언제 내릴까?'], ['엔저 언제까지 갈까'], ['코스피 6개월 전망']])(
    '%s is an ordinary question',
    (q) => {
      const p = planAnswer(q, undefined, today);
      expect(p.kind === 'answer' && p.threshold).toBeFalsy();
    },
  );

  it('"When will the Fed cut rates?" is still told the Fed funds rate is not covered', () => {
    const p = planAnswer('When will the Fed cut rates?', undefined, today);
    expect(p.kind === 'clarify' && p.understanding.subject.kind).toBe('unsupported');
  });

  it('a level said wins over "언제", and is answered at several points a year ahead', () => {
    const p = planAnswer('환율 언제 1300 밑으로 떨어질까?', undefined, today);
    expect(p.kind === 'answer' && p.threshold).toEqual({ level: 1300, side: 'below', when: true });
    expect(p.kind === 'answer' && p.spec).toEqual({ kind: 'months', months: 12, assumed: 'when' });
    const back = planAnswer('코스피 3000 회복 언제쯤?', undefined, today);
    expect(back.kind === 'answer' && back.threshold).toEqual({ level: 3000, side: 'above', when: true });
    const en = planAnswer('when will KOSPI get back above 3000?', undefined, today);
    expect(en.kind === 'answer' && en.threshold).toEqual({ level: 3000, side: 'above', when: true });
    // A span said is kept.
    const span = planAnswer('코스피 6개월 안에 3000 회복 언제쯤?', undefined, today);
    expect(span.kind === 'answer' && span.spec).toEqual({ kind: 'months', months: 6 });
  });

  it('a rate counts a cut as half a 0.25%p step below the last value; a price any move', () => {
    expect(thresholdLevel('kr_base_rate', { level: 0, side: 'below', fromNow: 'when' }, 3.5)).toBe(3.375);
    expect(thresholdLevel('us10y', { level: 0, side: 'above', fromNow: 'when' }, 4.4)).toBeCloseTo(4.525, 9);
    expect(thresholdLevel('kospi', { level: 0, side: 'above', fromNow: 'when' }, 2_500)).toBe(2_500);
    expect(whenMonths(12)).toEqual([3, 6, 12]);
    expect(whenMonths(24)).toEqual([3, 6, 12, 24]);
    expect(whenMonths(4)).toEqual([3, 4]);
    expect(whenMonths(2)).toEqual([2]);
  });
});

describe('a level reached from either side, and a range ("800원대")', () => {
  const today = { year: 2026, month: 12 };
  const read = (q: string) => {
    const p = planAnswer(q, undefined, today);
    return p.kind === 'answer' ? p.threshold : undefined;
  };

  it('reads holding a level as above it, and "돌파 가능성" and "이탈" with their sides', () => {
    expect(read('코스피 2500 지킬 수 있을까')).toEqual({ level: 2500, side: 'above' });
    expect(read('미국채 금리 5% 돌파 가능성')).toEqual({ level: 5, side: 'above', percent: true });
    expect(read('코스피 2400선 이탈할까')).toEqual({ level: 2400, side: 'below' });
  });

  it('"갈까", "가능", "hit" take the side of the last value the level lies on', () => {
    const down = read('코스피 2000 갈까?')!;
    expect(down).toEqual({ level: 2000, side: 'above', either: true });
    expect(resolveThreshold('kospi', down, 2_500)).toEqual({ threshold: { ...down, side: 'below' }, level: 2000 });
    expect(resolveThreshold('kospi', read('코스피 4000 가능?')!, 2_500).threshold.side).toBe('above');
    expect(resolveThreshold('gold', read('will gold hit 3000 next year?')!, 4_228).threshold.side).toBe('below');
    expect(read('Will USD/KRW break 1,500?')).toEqual({ level: 1500, side: 'above', either: true });
    // A word with its own side keeps it.
    expect(resolveThreshold('kospi', read('코스피 2000 넘을까?')!, 2_500).threshold.side).toBe('above');
  });

  it('"N대" from above counts from the top of the range; from below, from its start', () => {
    const yen = read('엔화 800원대 갈까')!;
    expect(yen).toEqual({ level: 800, side: 'above', either: true, bucket: 100 });
    expect(resolveThreshold('jpykrw', yen, 951.3)).toMatchObject({ threshold: { side: 'below' }, level: 900 });
    expect(resolveThreshold('usdkrw', read('환율 1500원대 갈까')!, 1_450)).toMatchObject({
      threshold: { side: 'above' },
      level: 1500,
    });
    expect(read('코스피 3천대 갈까')).toMatchObject({ level: 3000, bucket: 1000 });
    expect(resolveThreshold('usdkrw', read('환율 1400원대로 떨어질까')!, 1_529)).toMatchObject({
      threshold: { side: 'below' },
      level: 1500,
    });
  });
});

describe('"오를까?" questions: the chance of being above (below) the last value at the horizon', () => {
  const today = { year: 2026, month: 12 };
  it.each([
    ['코스피 오를까?', 'kospi', 'above'],
    ['금값 너무 올랐는데 떨어질까?', 'gold', 'below'],
    ['환율 하락 가능성', 'usdkrw', 'below'],
    ['Will oil fall next year?', 'wti', 'below'],
    ['Is KOSPI going up?', 'kospi', 'above'],
    ['will the bank of korea cut rates?', 'kr_base_rate', 'below'],
    ['will US rates be cut?', 'us10y', 'below'],
    // The won's value is the inverse of USD/KRW; a currency's strength is its rise.
    ['원화 가치 오를까?', 'usdkrw', 'below'],
    ['원화 약세 지속될까?', 'usdkrw', 'above'],
    ['Will the won weaken next year?', 'usdkrw', 'above'],
    ['엔화 강세 가능성', 'jpykrw', 'above'],
    ['Will gold keep rising?', 'gold', 'above'],
    ['기준금리 인상될까', 'kr_base_rate', 'above'],
  ])('%s', (q, id, side) => {
    const p = planAnswer(q, undefined, today);
    expect(p.kind === 'answer' && p.indicator.id).toBe(id);
    expect(p.kind === 'answer' && p.threshold).toEqual({ level: 0, side, fromNow: 'direction' });
  });

  it.each([['다음 달 환율 오를까요?'], ['코스피 오르나'], ['기준금리 인상 가능성'], ['코스피 오르는데 더 오를까?']])(
    '%s asks a side',
    (q) => {
      const p = planAnswer(q, undefined, today);
      expect(p.kind === 'answer' && p.threshold && p.threshold.fromNow).toBe('direction');
    },
  );

  it('a premise about another indicator is a what-if on it: "미국 금리 오르는데 환율은?"', () => {
    const p = planAnswer('미국 금리 오르는데 환율은?', undefined, today);
    expect(p.kind === 'answer' && p.indicator.id).toBe('usdkrw');
    expect(p.kind === 'answer' && p.condition).toEqual({ indicatorId: 'us10y', direction: 1 });
  });

  it.each([
    // A supposed move is a what-if; a premise or another indicator's move is no question about the subject's side.
    ['유가 오르면 물가는?'],
    ['금리 인상기에 코스피 전망'],
    ['코스피 상승 이유'],
  ])('%s asks no side of the subject', (q) => {
    const p = planAnswer(q, undefined, today);
    expect(p.kind === 'answer' && p.threshold).toBeFalsy();
  });
});

describe('record questions: the level is the data’s highest (lowest) value, asked, not stated as a premise', () => {
  const today = { year: 2026, month: 12 };
  it.each([
    ['금값 역대 최고가 찍을까?', 'gold', 'high'],
    ['코스피 신고가 경신할까', 'kospi', 'high'],
    ['코스피 1년 안에 전고점 돌파 가능할까?', 'kospi', 'high'],
    ['환율 사상 최고치 갈까', 'usdkrw', 'high'],
    ['유가 역대 최저 찍을까', 'wti', 'low'],
    ['will gold hit a new all-time high?', 'gold', 'high'],
    ['Will KOSPI reach a record low?', 'kospi', 'low'],
    ['will the S&P 500 hit an all time high?', 'sp500', 'high'],
  ] as const)('%s', (q, id, kind) => {
    const p = planAnswer(q, undefined, today);
    expect(p.kind === 'answer' && p.indicator.id).toBe(id);
    expect(p.kind === 'answer' && p.threshold).toEqual({
      level: 0,
      side: kind === 'high' ? 'above' : 'below',
      record: kind,
    });
  });

  it.each([['금 가격 최고치인데 더 오를까?'], ['코스피 최고 얼마까지 갈까?'], ['역대 최고 코스피 전망']])(
    '%s is no record question',
    (q) => {
      const p = planAnswer(q, undefined, today);
      expect(p.kind === 'answer' && p.threshold && p.threshold.record).toBeFalsy();
    },
  );

  it.each([
    ['코스피 반토막 날까?', 'kospi', { level: 0, side: 'below', move: -0.5 }],
    ['금값 두 배 될까?', 'gold', { level: 0, side: 'above', move: 1 }],
    ['유가 100불 넘을까', 'wti', { level: 100, side: 'above' }],
    ["what's the chance the won weakens past 1600?", 'usdkrw', { level: 1600, side: 'above', either: true }],
  ] as const)('%s', (q, id, threshold) => {
    const p = planAnswer(q, undefined, today);
    expect(p.kind === 'answer' && p.indicator.id).toBe(id);
    expect(p.kind === 'answer' && p.threshold).toEqual(threshold);
  });

  it('a halving or doubling is a move from the last value, for a rate too', () => {
    expect(thresholdLevel('kospi', { level: 0, side: 'below', move: -0.5 }, 2_500)).toBe(1_250);
    expect(thresholdLevel('kr_base_rate', { level: 0, side: 'above', move: 1 }, 3.5)).toBe(7);
    const premise = planAnswer('코스피 반토막 났는데 더 떨어질까?', undefined, today);
    expect(premise.kind === 'answer' && premise.threshold).toEqual({ level: 0, side: 'below', fromNow: 'direction' });
    // "past" before a span is time, not a level.
    const span = planAnswer('How did KOSPI do in the past 6 months?', undefined, today);
    expect(span.kind === 'answer' && span.threshold).toBeFalsy();
  });

  it('recordOf finds the extreme, its date and the first year of the data', () => {
    const points = [
      { date: '1990-01-31', value: 10 },
      { date: '2000-06-30', value: 30 },
      { date: '2010-03-31', value: -5 },
      { date: '2020-12-31', value: 20 },
    ];
    expect(recordOf(points, 'high')).toEqual({ kind: 'high', value: 30, date: '2000-06-30', since: '1990' });
    expect(recordOf(points, 'low')).toEqual({ kind: 'low', value: -5, date: '2010-03-31', since: '1990' });
    expect(recordOf([], 'high')).toBeUndefined();
  });
});
