import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerCacheKey, normalizeQuestion, type AnswerKeyParts } from '../../src/cache/cache-key.js';

const base: AnswerKeyParts = {
  indicatorId: 'kospi',
  horizonMonths: 6,
  locale: 'ko',
  question: '앞으로 6개월 코스피 어때?',
  dataVersion: 'd1',
  modelVersion: 'm1',
  promptVersion: 'p1',
};
const key = (over: Partial<AnswerKeyParts> = {}) => answerCacheKey({ ...base, ...over });

describe('question normalisation', () => {
  it.each([
    ['spacing', '  앞으로   6개월\t코스피\n어때? '],
    ['repeated and mixed trailing punctuation', '앞으로 6개월 코스피 어때?!?…'],
    ['full-width punctuation and spaces', '앞으로　6개월　코스피　어때？'],
    ['no punctuation', '앞으로 6개월 코스피 어때'],
    ['trailing emoji', '앞으로 6개월 코스피 어때? 🚀🚀'],
    ['emoji inside', '앞으로 📈 6개월 코스피 어때'],
    ['emoji with skin tone and ZWJ sequences', '앞으로 6개월 코스피 어때 👍🏽 👨‍👩‍👧'],
    ['zero-width characters', '앞으로\u200b 6개월 코스피\ufeff 어때'],
    ['decomposed Hangul (NFD)', '앞으로 6개월 코스피 어때'.normalize('NFD')],
  ])('treats %s as the same question', (_name, variant) => {
    expect(normalizeQuestion(variant)).toBe('앞으로 6개월 코스피 어때');
    expect(key({ question: variant })).toBe(key());
  });

  it('folds case and full-width letters and digits', () => {
    expect(normalizeQuestion('ＫＯＳＰＩ　６ｍｏｎｔｈｓ')).toBe('kospi 6months');
    expect(key({ question: 'S&P 500 Outlook?' })).toBe(key({ question: 's&p 500 outlook' }));
    expect(key({ question: 'Ｓ＆Ｐ ５００ outlook' })).toBe(key({ question: 's&p 500 outlook' }));
  });

  it('keeps what changes the meaning', () => {
    const distinct = [
      '앞으로 6개월 코스피 어때',
      '앞으로 7개월 코스피 어때',
      '코스피 5% 떨어질까',
      '코스피 -5% 떨어질까',
      '코스피 5 떨어질까',
      '코스피 (5%) 떨어질까',
      '코스피 오를까',
      '코스닥 오를까',
      'kospi 1,000',
      'kospi 1.000',
    ];
    expect(new Set(distinct.map((q) => key({ question: q }))).size).toBe(distinct.length);
  });

  it('is idempotent and never throws on any Unicode input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (q) => {
        const once = normalizeQuestion(q);
        expect(normalizeQuestion(once)).toBe(once);
        expect(once).toBe(once.trim());
        expect(once).not.toMatch(/\s{2}/u);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('answer cache key', () => {
  it('has a fixed shape with no user text in it', () => {
    expect(key()).toMatch(/^answer:v1:[0-9a-f]{64}$/u);
    expect(key({ question: 'x'.repeat(5_000) })).toHaveLength(key().length);
    expect(key()).toBe(key());
  });

  it('changes with every part that changes the answer', () => {
    const changes: Partial<AnswerKeyParts>[] = [
      { indicatorId: 'usdkrw' },
      { horizonMonths: 7 },
      { locale: 'en' },
      { question: '코스피 전망' },
      { dataVersion: 'd2' },
      { modelVersion: 'm2' },
      { promptVersion: 'p2' },
    ];
    const keys = changes.map((c) => key(c));
    expect(new Set([key(), ...keys]).size).toBe(changes.length + 1);
  });

  it('frames the parts so text moving between them cannot collide', () => {
    expect(key({ dataVersion: 'a', modelVersion: 'b c' })).not.toBe(key({ dataVersion: 'a b', modelVersion: 'c' }));
    expect(key({ indicatorId: 'kospi', question: '"a"' })).not.toBe(key({ indicatorId: 'kospi","a', question: '' }));
  });
});
