import { josa, numberToHangul } from 'es-hangul';

type JosaOption = Parameters<typeof josa.pick>[1];

const DIGIT = ['영', '일', '이', '삼', '사', '오', '육', '칠', '팔', '구'];

/** Symbols and Latin units as a Korean reader says them aloud. Longest first. */
const SPOKEN_SUFFIX: readonly [RegExp, string][] = [
  [/%p$/iu, '퍼센트포인트'],
  [/bp$/iu, '베이시스포인트'],
  [/%$/u, '퍼센트'],
  [/pt$/iu, '포인트'],
  [/USD$/u, '유에스디'],
  [/KRW$/u, '케이알더블유'],
  [/bbl$/iu, '배럴'],
  [/oz$/iu, '온스'],
];

/** English letters as read in Korean (에이, 비, 씨 ...): only the last one decides the particle. */
const LETTER: Record<string, string> = {
  a: '에이',
  b: '비',
  c: '씨',
  d: '디',
  e: '이',
  f: '에프',
  g: '지',
  h: '에이치',
  i: '아이',
  j: '제이',
  k: '케이',
  l: '엘',
  m: '엠',
  n: '엔',
  o: '오',
  p: '피',
  q: '큐',
  r: '알',
  s: '에스',
  t: '티',
  u: '유',
  v: '브이',
  w: '더블유',
  x: '엑스',
  y: '와이',
  z: '지',
};

/**
 * How the end of `text` sounds when read aloud in Korean, as Hangul: "2,470.8" → "…점 팔", "3.25%" → "…퍼센트",
 * "1,536원" → "원", "10" → "십". es-hangul picks particles from Hangul only, so numbers, symbols and Latin units
 * are spelled out first. A closing parenthetical is skipped: the particle follows the word before it
 * ("원(100엔당)으로").
 */
export function spokenEnding(text: string): string {
  let s = text.trim();
  while (/\)$/u.test(s)) s = s.replace(/\s*\([^()]*\)$/u, '').trim();
  s = s.replace(/[\s.,!?·'"’”」』]+$/u, '');
  for (const [pattern, spoken] of SPOKEN_SUFFIX) if (pattern.test(s)) return spoken;
  const last = s.at(-1) ?? '';
  if (/[\uac00-\ud7a3]/u.test(last)) return last;
  const number = /[-−+]?\d[\d,]*(?:\.(\d+))?$/u.exec(s);
  if (number) {
    const fraction = number[1];
    // Digits after the point are read one by one: 2.50 → 이 점 오 영.
    if (fraction) return DIGIT[Number(fraction.at(-1))]!;
    const integer = Number(number[0].replace(/[^\d]/gu, ''));
    return numberToHangul(integer, { spacing: false }).slice(-1);
  }
  if (/[a-z]/iu.test(last)) return LETTER[last.toLowerCase()]!;
  return last;
}

/** The particle that follows `text` ("으로" or "로", "이" or "가" ...), chosen by how `text` is read aloud. */
export function particle(text: string, option: JosaOption): string {
  const ending = spokenEnding(text);
  // A word with no Hangul ending at all (an emoji, a bare symbol): the form without a final consonant reads best.
  if (!/[\uac00-\ud7a3]$/u.test(ending)) return josa.pick('가', option);
  return josa.pick(ending, option);
}

/** `text` followed by its particle: withParticle('1,536.0원', '으로/로') → '1,536.0원으로'. */
export function withParticle(text: string, option: JosaOption): string {
  return `${text}${particle(text, option)}`;
}
