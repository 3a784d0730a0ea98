import { describe, expect, it } from 'vitest';
import { checkHorizon, findHorizonMonths, findIndicator, parseQuestion } from '../../src/engine/parse-question.js';
import { CATALOG } from '../../src/data/catalog.js';

describe('findIndicator', () => {
  it.each([
    ['앞으로 6개월 코스피 어때?', 'kospi'],
    ['종합주가지수 전망 알려줘', 'kospi'],
    ['KOSPI outlook for next 3 months', 'kospi'],
    ['코스닥은 어떨까', 'kosdaq'],
    ['환율 1년 뒤 얼마야', 'usdkrw'],
    ['원/달러 환율 전망', 'usdkrw'],
    ['달러 오를까?', 'usdkrw'],
    ['USD/KRW next quarter', 'usdkrw'],
    ['엔화 전망', 'jpykrw'],
    ['기준금리 내려갈까', 'kr_base_rate'],
    ['국고채 3년 금리', 'kr_treasury_3y'],
    ['물가 어떻게 될까', 'kr_cpi'],
    ['S&P 500 6개월', 'sp500'],
    ['s&p500 next year', 'sp500'],
    ['미국 10년물 금리', 'us10y'],
    ['유가 전망', 'wti'],
    ['brent crude in 6 months', 'brent'],
    ['금값 1년', 'gold'],
    ['gold price', 'gold'],
    ['VIX next month', 'vix'],
  ])('%s -> %s', (q, id) => {
    expect(findIndicator(q)?.id).toBe(id);
  });

  it('takes the earliest mention when two indicators appear', () => {
    expect(findIndicator('코스피랑 환율 중에 뭐가 나아?')?.id).toBe('kospi');
    expect(findIndicator('환율이랑 코스피')?.id).toBe('usdkrw');
  });

  it('matches English aliases only as whole words', () => {
    expect(findIndicator('my toilet is broken')).toBeUndefined();
    expect(findIndicator('goldfish tank')).toBeUndefined();
    expect(findIndicator('tell me a joke')).toBeUndefined();
  });

  it('finds nothing in questions about other things', () => {
    expect(findIndicator('오늘 날씨 어때?')).toBeUndefined();
    expect(findIndicator('')).toBeUndefined();
  });

  it('every catalog alias resolves to its own indicator', () => {
    for (const indicator of CATALOG) {
      for (const alias of indicator.aliases) expect(findIndicator(`${alias} 전망`)?.id, alias).toBe(indicator.id);
    }
  });
});

describe('findHorizonMonths', () => {
  it.each([
    ['앞으로 6개월 코스피', 6],
    ['3달 뒤', 3],
    ['세 달 후', 3],
    ['반년 뒤 환율', 6],
    ['1년 후', 12],
    ['2년', 24],
    ['1년 반', 18],
    ['다음 분기 코스피', 3],
    ['2분기 후', 6],
    ['내년 금리', 12],
    ['8주 뒤', 2],
    ['next 3 months', 3],
    ['in 9 months', 9],
    ['six months', 6],
    ['half a year', 6],
    ['one year', 12],
    ['2 years', 24],
    ['next year', 12],
    ['next quarter', 3],
    ['12-month outlook', 12],
  ])('%s -> %i', (q, months) => {
    expect(findHorizonMonths(q)).toBe(months);
  });

  it('is undefined when no horizon is named', () => {
    expect(findHorizonMonths('코스피 어때?')).toBeUndefined();
    expect(findHorizonMonths('KOSPI outlook')).toBeUndefined();
  });
});

describe('checkHorizon', () => {
  it('accepts 1..24 and refuses the rest with a localized reason', () => {
    expect(checkHorizon(1, 'ko')).toBe(1);
    expect(checkHorizon(24, 'en')).toBe(24);
    expect(() => checkHorizon(36, 'ko')).toThrow(/1~24개월/u);
    expect(() => checkHorizon(0, 'en')).toThrow(/1 to 24 months/u);
    expect(() => checkHorizon(2.5, 'en')).toThrow(expect.objectContaining({ code: 'HORIZON_OUT_OF_RANGE' }));
  });
});

it('parseQuestion reads both parts', () => {
  const parsed = parseQuestion('앞으로 6개월 코스피 어때?');
  expect(parsed.indicator?.id).toBe('kospi');
  expect(parsed.horizonMonths).toBe(6);
});
