import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../src/data/catalog.js';
import { indicatorFormat } from '../../src/narrate/indicator-format.js';
import { particle, spokenEnding, withParticle } from '../../src/narrate/korean-particle.js';

describe('Korean particles after numbers and units', () => {
  it('follow how the number or unit is read aloud', () => {
    const cases: [string, Parameters<typeof particle>[1], string][] = [
      ['1,536.0원', '으로/로', '1,536.0원으로'],
      ['3.25%', '으로/로', '3.25%로'],
      ['2,470.8포인트', '으로/로', '2,470.8포인트로'],
      ['−0.25%p', '으로/로', '−0.25%p로'],
      ['−0.25%p(−25bp)', '으로/로', '−0.25%p(−25bp)로'],
      ['25bp', '이/가', '25bp가'],
      ['배럴당 86.48달러', '으로/로', '배럴당 86.48달러로'],
      ['100엔당 950.1원', '이/가', '100엔당 950.1원이'],
      ['원(100엔당)', '으로/로', '원(100엔당)으로'],
      // 점 팔 (ㄹ: 로), 점 영 (ㅇ: 으로), 점 삼 (ㅁ: 으로), 점 이 (none: 로), 점 육 (ㄱ: 으로), 점 칠 (ㄹ: 로)
      ['2,470.8', '으로/로', '2,470.8로'],
      ['1,536.0', '으로/로', '1,536.0으로'],
      ['109.43', '으로/로', '109.43으로'],
      ['109.42', '으로/로', '109.42로'],
      ['18.76', '이/가', '18.76이'],
      ['18.77', '은/는', '18.77은'],
      // Whole numbers end in their last spoken unit: 십, 백, 천, 만, 억.
      ['10', '이/가', '10이'],
      ['100', '으로/로', '100으로'],
      ['1,000', '와/과', '1,000과'],
      ['20,000', '을/를', '20,000을'],
      ['2', '을/를', '2를'],
      ['S&P 500', '은/는', 'S&P 500은'],
      ['KOSPI', '이/가', 'KOSPI가'],
      ['코스피', '이/가', '코스피가'],
      ['원/달러 환율', '이/가', '원/달러 환율이'],
      ['VIX', '은/는', 'VIX는'],
    ];
    for (const [text, option, expected] of cases) expect(withParticle(text, option), text).toBe(expected);
  });

  it('reads the last digit after a decimal point one by one, and the last place of a whole number', () => {
    expect(spokenEnding('3.20')).toBe('영');
    expect(spokenEnding('1,234')).toBe('사');
    expect(spokenEnding('1,230')).toBe('십');
    expect(spokenEnding('100,000,000')).toBe('억');
  });

  /**
   * An oracle written apart from the helper: which endings of the numbers and units RiskXpert prints carry a final
   * consonant, and which end in ㄹ (that takes "로" like a vowel).
   */
  const digitAfterPoint: Record<string, 'none' | 'rieul' | 'other'> = {
    '0': 'other',
    '1': 'rieul',
    '2': 'none',
    '3': 'other',
    '4': 'none',
    '5': 'none',
    '6': 'other',
    '7': 'rieul',
    '8': 'rieul',
    '9': 'none',
  };
  function oracleRo(printed: string): '으로' | '로' {
    if (/원$/u.test(printed)) return '으로';
    if (/(%|%p|포인트|달러)$/u.test(printed)) return '로';
    const last = printed.at(-1)!;
    if (/\.\d+$/u.test(printed)) return digitAfterPoint[last] === 'other' ? '으로' : '로';
    throw new Error(`no oracle for ${printed}`);
  }

  it('is right for every indicator at many values (levels and changes as the narrator prints them)', () => {
    for (const indicator of CATALOG) {
      const format = indicatorFormat(indicator.id, 'ko');
      fc.assert(
        fc.property(
          fc.double({ min: 0.01, max: 20_000, noNaN: true }),
          fc.double({ min: -50, max: 50, noNaN: true }),
          (value, change) => {
            for (const printed of [
              format.level(value),
              format.change(change),
              format.change(change, { withBp: true }).replace(/\(.*\)$/u, ''),
            ]) {
              expect(particle(printed, '으로/로'), printed).toBe(oracleRo(printed));
            }
          },
        ),
        { numRuns: 150 },
      );
    }
  });
});
