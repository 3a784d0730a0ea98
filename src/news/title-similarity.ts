/**
 * Near-duplicate headlines by character trigrams: they work on Korean as on English (no word splitter needed, and
 * Korean spacing varies between outlets), so "[속보] 코스피, 2% 급락" and "코스피 2% 급락 - 연합뉴스" meet.
 */
export function normaliseTitle(title: string): string {
  return title
    .toLowerCase()
    .replace(/^(\s*[[(【〈<][^\])】〉>]{1,12}[\])】〉>])+/u, '')
    .replace(/\s[-–—|]\s[^-–—|]{1,24}$/u, '')
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

export function trigrams(title: string): Set<string> {
  const s = normaliseTitle(title);
  const out = new Set<string>();
  if (s.length < 3) {
    if (s) out.add(s);
    return out;
  }
  for (let i = 0; i + 3 <= s.length; i += 1) out.add(s.slice(i, i + 3));
  return out;
}

/**
 * Same story when the trigram sets overlap enough: Jaccard >= 0.6, or one headline almost inside the other
 * (overlap coefficient >= 0.85, for an outlet that adds a clause), both only for headlines of some length.
 */
export function sameStory(shared: number, sizeA: number, sizeB: number): boolean {
  if (sizeA < 6 || sizeB < 6) return shared === sizeA && shared === sizeB;
  const jaccard = shared / (sizeA + sizeB - shared);
  const overlap = shared / Math.min(sizeA, sizeB);
  return jaccard >= 0.6 || (overlap >= 0.85 && Math.min(sizeA, sizeB) >= 8);
}
