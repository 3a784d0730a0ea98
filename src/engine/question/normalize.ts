/** Normalises for matching only; the original text is what the narrator sees. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’“”"'`]/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

const HANGUL = /[\uac00-\ud7a3]/u;
const ASCII_ALNUM = /[a-z0-9]/u;

export const isHangul = (ch: string | undefined): boolean => ch !== undefined && HANGUL.test(ch);
export const isAsciiAlnum = (ch: string | undefined): boolean => ch !== undefined && ASCII_ALNUM.test(ch);

function escapeChar(ch: string): string {
  return /[.*+?^${}()|[\]\\/]/u.test(ch) ? `\\${ch}` : ch;
}

/**
 * A catalog alias as a regular expression that tolerates the spacing people actually type: "코스 피", "s&p500",
 * "snp 500", "us 10-year". Two-syllable Korean aliases stay tight ("원유" must not match "1,500원 유지"); English
 * aliases stand as words and take a plural "s".
 */
export function aliasSource(alias: string): string {
  const chars = [...normalizeText(alias)];
  const hangulCount = chars.filter((c) => isHangul(c)).length;
  let out = '';
  let prev: string | undefined;
  for (const ch of chars) {
    if (ch === ' ' || ch === '-') {
      if (!out.endsWith('[\\s\\-]*')) out += '[\\s\\-]*';
      prev = undefined;
      continue;
    }
    if (prev !== undefined) {
      const loose =
        (isHangul(prev) && isHangul(ch) && hangulCount >= 3) ||
        isHangul(prev) !== isHangul(ch) ||
        (isAsciiAlnum(prev) && isAsciiAlnum(ch) && /[0-9]/u.test(prev) !== /[0-9]/u.test(ch)) ||
        /[&/]/u.test(prev) ||
        /[&/]/u.test(ch);
      if (loose) out += '\\s*';
    }
    out += escapeChar(ch);
    prev = ch;
  }
  const first = chars[0];
  const last = chars[chars.length - 1];
  let source = out;
  if (isAsciiAlnum(first)) source = `(?<![a-z0-9])${source}`;
  if (isAsciiAlnum(last)) source = `${source}${/[a-z]/u.test(last!) ? 's?' : ''}(?![a-z0-9])`;
  // A one-syllable Korean alias ("엔") is a word of its own: not the start of "엔비디아".
  if (hangulCount === 1 && chars.length === 1) source = standaloneSyllable(source);
  return source;
}

/** Particles and nouns that may follow a one-syllable name ("엔이", "금값", "금 시세"), and nothing else. */
const SYLLABLE_TAIL = '(?:은|는|이|가|을|를|도|만|의|에|과|와|랑|하고|이랑|으로|로|값|시세|가격|투자|화)';

/** A one-syllable Korean word: not the start of a longer word ("엔비디아", "금리", "금년"). */
export function standaloneSyllable(source: string): string {
  return `(?<![가-힣])${source}(?=$|[^가-힣]|${SYLLABLE_TAIL}(?:$|[^가-힣]))`;
}
