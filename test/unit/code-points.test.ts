import { describe, expect, it } from 'vitest';
import { codePointLength, codePointOffset, fitsCodePoints } from '../../src/text/code-points.js';

// The reference: Array.from splits a string into code points (a lone surrogate is one element).
const reference = (s: string, n: number) => Array.from(s).slice(0, n).join('').length;

describe('code points without Array.from', () => {
  it('agrees with Array.from on Korean, emoji, combining marks and lone surrogates', () => {
    const samples = ['코스피 전망', '🚀📉 KOSPI', 'e\u0301e\u0301', 'a\ud83db', '\udc00x', '👨‍👩‍👧 가족', ''];
    for (const s of samples)
      for (let n = 0; n <= s.length + 1; n += 1) {
        expect(codePointOffset(s, n), `${JSON.stringify(s)} n=${n}`).toBe(reference(s, n));
        expect(fitsCodePoints(s, n)).toBe(Array.from(s).length <= n);
      }
    for (const s of samples) expect(codePointLength(s), JSON.stringify(s)).toBe(Array.from(s).length);
  });

  it('agrees on random strings from a mixed alphabet', () => {
    const alphabet = ['가', 'a', ' ', '😀', '\u0301', '\ud83d', '\udc00', '.', '\n'];
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let k = 0; k < 300; k += 1) {
      const s = Array.from(
        { length: Math.floor(next() * 40) },
        () => alphabet[Math.floor(next() * alphabet.length)],
      ).join('');
      const n = Math.floor(next() * 45);
      expect(codePointOffset(s, n)).toBe(reference(s, n));
      expect(fitsCodePoints(s, n)).toBe(Array.from(s).length <= n);
      expect(codePointLength(s)).toBe(Array.from(s).length);
    }
  });
});
