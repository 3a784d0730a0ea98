/**
 * The UTF-16 offset just after the first `n` code points of `s` (s.length when it has no more than `n`). Kakao's
 * limits count characters, not UTF-16 units; this counts them without Array.from, which allocates a string per
 * character, and every answer on the route is cut and paged.
 */
export function codePointOffset(s: string, n: number): number {
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
