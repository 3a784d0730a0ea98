// Platform limits (Kakao's text and button lengths, the one question-length rule) count characters, not UTF-16
// units. These count them without Array.from, which allocates a string per character: every Kakao answer is cut and
// paged with them.

/** The UTF-16 offset just after the first `n` code points of `s` (s.length when it has no more than `n`). */
export function codePointOffset(s: string, n: number): number {
  // No more UTF-16 units than n means no more code points either (most of what is cut fits already).
  if (s.length <= n) return s.length;
  let i = 0;
  for (let k = 0; k < n && i < s.length; k += 1) {
    const c = s.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    i += pair ? 2 : 1;
  }
  return i;
}

/** Whether `s` has at most `max` code points. */
export function fitsCodePoints(s: string, max: number): boolean {
  return s.length <= max || codePointOffset(s, max) >= s.length;
}

/** The number of code points of `s`: a Korean syllable, an emoji's surrogate pair and a combining mark count one each. */
export function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i += 1) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i += 1;
    n += 1;
  }
  return n;
}
