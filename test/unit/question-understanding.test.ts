import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../src/data/catalog.js';
import type { Series } from '../../src/data/series.js';
import { buildClarify } from '../../src/engine/question/build-clarify.js';
import { horizonAndAssumptions, planAnswer, todayOf } from '../../src/engine/question/plan-answer.js';
import { resolveHorizon } from '../../src/engine/question/resolve-horizon.js';
import { understandQuestion } from '../../src/engine/question/understand-question.js';

const today = { year: 2026, month: 12 };
const subjectOf = (q: string) => {
  const s = understandQuestion(q, today).subject;
  return s.kind === 'indicator' ? s.indicator.id : s.kind;
};
const horizonOf = (q: string) => understandQuestion(q, today).horizon;

describe('names are read before time expressions', () => {
  it.each([
    ['미국 10년물 금리 전망', 'us10y'],
    ['국고채 3년 금리 전망', 'kr_treasury_3y'],
    ['3년물 금리', 'kr_treasury_3y'],
    ['us 10-year yield', 'us10y'],
    ['S&P 500 전망', 'sp500'],
    ['코스피200 전망', 'kospi'],
  ])('%s names %s and no horizon', (q, id) => {
    expect(subjectOf(q)).toBe(id);
    expect(horizonOf(q)).toBeUndefined();
  });

  it('still reads a horizon said beside a name with a number in it', () => {
    expect(horizonOf('국고채 3년 2년 뒤')).toEqual({ kind: 'months', months: 24 });
    expect(horizonOf('S&P 500 6개월')).toEqual({ kind: 'months', months: 6 });
    expect(horizonOf('미국 10년물 1년 반')).toEqual({ kind: 'months', months: 18 });
  });

  it('a level in the question is not a horizon or a year', () => {
    expect(horizonOf('코스피 2000 깨질까')).toBeUndefined();
    expect(horizonOf('환율 1500원 넘을까')).toBeUndefined();
  });
});

describe('spacing, typos and particles', () => {
  it.each([
    ['금 시세', 'gold'],
    ['금은 오를까', 'gold'],
    ['코스 피', 'kospi'],
    ['환률', 'usdkrw'],
    ['s&p500', 'sp500'],
    ['snp 500', 'sp500'],
    ['코스피는', 'kospi'],
    ['금값이', 'gold'],
    ['달러가', 'usdkrw'],
    ['변동성 지수', 'vix'],
    ['기준 금리', 'kr_base_rate'],
    ['한국 금리', 'kr_base_rate'],
    ['미국 10년 국채 금리', 'us10y'],
    ['Treasury yields', 'us10y'],
  ])('%s -> %s', (q, id) => expect(subjectOf(q)).toBe(id));

  it('does not find a name inside another word', () => {
    expect(subjectOf('금리 전망')).toBe('ambiguous');
    expect(subjectOf('엔비디아 전망')).toBe('unsupported');
    expect(subjectOf('1,500원 유지될까')).toBe('none');
  });
});

describe('subjects that are asked back or refused', () => {
  it.each([
    ['금리 전망', 'ambiguous'],
    ['달러인덱스 전망', 'unsupported'],
    ['dollar index', 'unsupported'],
    ['삼성전자 주가 전망', 'stock'],
    ['테슬라 주가 전망', 'unsupported'],
    ['비트코인', 'unsupported'],
    ['점심 뭐 먹지', 'unsupported'],
    ['전망 알려줘', 'none'],
  ])('%s -> %s', (q, kind) => expect(subjectOf(q)).toBe(kind));
});

describe('calendar targets count from the last observation', () => {
  it.each([
    ['다음달', { kind: 'months', months: 1 }],
    ['연말', { kind: 'calendar', target: { year: 2026, month: 12 } }],
    ['12월까지', { kind: 'calendar', target: { year: 2026, month: 12 } }],
    ['3월까지', { kind: 'calendar', target: { year: 2027, month: 3 } }],
    ['내년 말', { kind: 'calendar', target: { year: 2027, month: 12 } }],
    ['2027년', { kind: 'calendar', target: { year: 2027, month: 12 } }],
    ['2027년 3월', { kind: 'calendar', target: { year: 2027, month: 3 } }],
    ['내년 상반기', { kind: 'calendar', target: { year: 2027, month: 6 } }],
    ['by March 2027', { kind: 'calendar', target: { year: 2027, month: 3 } }],
    ['end of next year', { kind: 'calendar', target: { year: 2027, month: 12 } }],
    ['H2', { kind: 'calendar', target: { year: 2026, month: 12 } }],
  ])('%s', (q, spec) => expect(horizonOf(`코스피 ${q}`)).toEqual(spec));

  it('resolves against the data, not the clock, and clamps with a reason', () => {
    const target = { kind: 'calendar' as const, target: { year: 2027, month: 3 } };
    expect(resolveHorizon(target, '2026-06-30')).toMatchObject({ months: 9, note: { kind: 'calendar', months: 9 } });
    expect(resolveHorizon(target, '2025-01-08')).toMatchObject({
      months: 24,
      note: { kind: 'clamped', requested: 26 },
    });
    expect(resolveHorizon(target, '2027-05-31')).toMatchObject({ months: 1, note: { kind: 'clamped', requested: -2 } });
    expect(resolveHorizon({ kind: 'months', months: 120 }, '2026-06-30')).toMatchObject({
      months: 24,
      note: { kind: 'clamped', requested: 120 },
    });
    expect(resolveHorizon(undefined, '2026-06-30')).toEqual({ months: 6, note: { kind: 'default', months: 6 } });
    expect(resolveHorizon({ kind: 'months', months: 6 }, '2026-06-30')).toEqual({ months: 6 });
  });
});

describe('assumptions are said in the answer', () => {
  const series = (last: string): Series => ({
    indicatorId: 'x',
    frequency: 'M',
    points: [{ date: last, value: 1 }],
    version: 'v',
    source: 's',
    sample: false,
  });
  const assume = (q: string, locale: 'ko' | 'en', last = '2026-06-30') => {
    const plan = planAnswer(q, undefined, today);
    if (plan.kind !== 'answer') throw new Error(plan.kind);
    return horizonAndAssumptions(plan, undefined, series(last), locale);
  };

  it('states a default horizon in both languages', () => {
    expect(assume('코스피 어때?', 'ko')).toEqual({ months: 6, assumptions: ['기간을 말하지 않아 6개월로 봤어요.'] });
    expect(assume('KOSPI outlook', 'en')).toEqual({
      months: 6,
      assumptions: ['No horizon given, so this looks 6 months ahead.'],
    });
  });

  it('states a calendar month, a cut to 24 months and oil read as WTI', () => {
    expect(assume('코스피 연말', 'ko').assumptions).toEqual([
      '2026년 12월까지, 마지막 자료(2026년 6월)부터 6개월 뒤로 봤어요.',
    ]);
    expect(assume('코스피 10년 뒤', 'ko').assumptions[0]).toMatch(/최대 24개월.*요청: 120개월/u);
    expect(assume('유가 6개월', 'ko')).toMatchObject({ months: 6, assumptions: [expect.stringMatching(/WTI/u)] });
    expect(assume('코스피 6개월', 'ko')).toEqual({ months: 6, assumptions: [] });
  });

  it('an explicit horizon (a button) needs no assumption', () => {
    const plan = planAnswer('금리 전망', 'us10y', today);
    expect(plan).toMatchObject({ kind: 'answer', indicator: { id: 'us10y' } });
    if (plan.kind === 'answer')
      expect(horizonAndAssumptions(plan, 12, series('2026-06-30'), 'ko')).toEqual({ months: 12, assumptions: [] });
  });
});

describe('buildClarify', () => {
  const all = CATALOG.map((i) => i.id);
  const clarify = (q: string, available = all, locale: 'ko' | 'en' = 'ko') =>
    buildClarify({ understanding: understandQuestion(q, today), locale, available });

  it('offers only the candidates that have data, with labels fit for a Kakao quick reply', () => {
    const event = clarify('금리 전망', ['kospi', 'kr_base_rate', 'us10y']);
    expect(event).toMatchObject({ type: 'clarify', reason: 'ambiguous-indicator' });
    expect(event!.choices.map((c) => c.indicatorId)).toEqual(['kr_base_rate', 'us10y']);
    expect(event!.message).toMatch(/어떤 금리/u);
  });

  it('says plainly when a stock is not in the listing, how to ask for one, and names what is forecast', () => {
    // Without a loaded KRX listing only the five built-in names are known.
    const event = clarify('셀트리온 주가 전망', ['kospi', 'sp500', 'gold']);
    expect(event!.reason).toBe('unsupported-subject');
    expect(event!.message).toMatch(/상장 종목 목록에서 찾지 못했어요.*6자리 코드.*코스피, S&P 500, 금 가격/u);
    expect(event!.choices.map((c) => c.indicatorId)).toEqual(['kospi', 'sp500', 'gold']);
  });

  it('says the dollar index is not USD/KRW, and asks for a question when there is none', () => {
    expect(clarify('달러인덱스', all, 'ko')!.message).toMatch(/원\/달러 환율과는 다른/u);
    expect(clarify('dollar index', all, 'en')!.message).toMatch(/not the same as USD\/KRW/u);
    expect(clarify('  ', all)).toMatchObject({
      reason: 'empty-question',
      message: expect.stringMatching(/^질문을 입력해 주세요/u),
    });
  });

  it('every label fits 14 characters and no list passes 10 choices', () => {
    for (const q of ['', '점심', '전망 알려줘', '금리', '주식', 'bitcoin']) {
      for (const locale of ['ko', 'en'] as const) {
        const event = clarify(q, all, locale)!;
        expect(event.choices.length).toBeLessThanOrEqual(10);
        for (const c of event.choices) expect([...c.label].length, c.label).toBeLessThanOrEqual(14);
      }
    }
  });

  it('is undefined when one indicator is named', () => {
    expect(clarify('코스피 6개월')).toBeUndefined();
  });
});

describe('todayOf', () => {
  it('reads relative dates against the month in Seoul', () => {
    expect(todayOf(Date.parse('2026-12-31T15:30:00Z'))).toEqual({ year: 2027, month: 1 });
    expect(todayOf(Date.parse('2026-12-31T14:30:00Z'))).toEqual({ year: 2026, month: 12 });
  });
});
