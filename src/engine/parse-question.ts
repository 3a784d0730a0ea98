import { RiskXpertError } from '../errors.js';
import { CATALOG, type Indicator } from '../data/catalog.js';

export const MIN_HORIZON = 1;
export const MAX_HORIZON = 24;
export const DEFAULT_HORIZON = 6;

export interface ParsedQuestion {
  indicator: Indicator | undefined;
  /** Months; undefined when the question names none. */
  horizonMonths: number | undefined;
}

const KO_NUMBERS: Record<string, number> = {
  한: 1, 두: 2, 세: 3, 석: 3, 네: 4, 넉: 4, 다섯: 5, 여섯: 6, 일곱: 7, 여덟: 8, 아홉: 9, 열: 10, 열한: 11, 열두: 12,
};
const EN_NUMBERS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, eighteen: 18, 'twenty-four': 24, 'twenty four': 24,
};

/** Normalises for matching only; the original text is what the narrator sees. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

interface AliasEntry {
  alias: string;
  indicator: Indicator;
  ascii: boolean;
}

// Longest alias first so "원/달러" beats "달러" and "s&p 500" beats "s&p".
const ALIASES: AliasEntry[] = CATALOG.flatMap((indicator) =>
  [indicator.id, ...indicator.aliases].map((a) => {
    const alias = normalizeText(a);
    return { alias, indicator, ascii: /^[\x20-\x7e]+$/u.test(alias) };
  }),
).sort((a, b) => b.alias.length - a.alias.length);

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[a-z0-9]/u.test(ch);
}

/** Finds the indicator named in the text: the earliest mention, the longest alias at that position. */
export function findIndicator(text: string): Indicator | undefined {
  const t = normalizeText(text);
  let best: { index: number; length: number; indicator: Indicator } | undefined;
  for (const { alias, indicator, ascii } of ALIASES) {
    let from = 0;
    for (;;) {
      const index = t.indexOf(alias, from);
      if (index < 0) break;
      from = index + 1;
      // English aliases must stand as words ("oil" is not in "toilet"); Korean ones attach particles ("코스피는").
      if (ascii && (isWordChar(t[index - 1]) || isWordChar(t[index + alias.length]))) continue;
      if (!best || index < best.index || (index === best.index && alias.length > best.length)) {
        best = { index, length: alias.length, indicator };
      }
      break;
    }
  }
  return best?.indicator;
}

/** Reads a horizon in months from Korean or English text ("6개월", "반년", "1년", "다음 분기", "next 3 months"). */
export function findHorizonMonths(text: string): number | undefined {
  const t = normalizeText(text);
  const rules: [RegExp, (m: RegExpMatchArray) => number][] = [
    [/(\d+(?:\.\d+)?)\s*(?:개월|달)/u, (m) => Number(m[1])],
    [/(한|두|세|석|네|넉|다섯|여섯|일곱|여덟|아홉|열한|열두|열)\s*(?:개월|달)/u, (m) => KO_NUMBERS[m[1]!]!],
    [/반\s*년|반년/u, () => 6],
    [/(\d+(?:\.\d+)?)\s*년\s*반/u, (m) => Number(m[1]) * 12 + 6],
    [/(\d+(?:\.\d+)?)\s*년/u, (m) => Number(m[1]) * 12],
    [/(일|이|삼)\s*년/u, (m) => ({ 일: 12, 이: 24, 삼: 36 })[m[1] as '일' | '이' | '삼']],
    [/(\d+)\s*분기/u, (m) => Number(m[1]) * 3],
    [/(다음|내|한|이번|향후)\s*분기/u, () => 3],
    [/(\d+)\s*주/u, (m) => Math.ceil(Number(m[1]) / 4.345)],
    [/내년|일\s*년/u, () => 12],
    [/(\d+(?:\.\d+)?)[\s-]*(?:months?|mos?)\b/u, (m) => Number(m[1])],
    [/\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|twenty[- ]four)[\s-]*months?\b/u, (m) => EN_NUMBERS[m[1]!]!],
    [/\bhalf[\s-]a[\s-]year\b|\bsix[\s-]month\b/u, () => 6],
    [/(\d+(?:\.\d+)?)[\s-]*(?:years?|yrs?)\b/u, (m) => Number(m[1]) * 12],
    [/\b(a|one|two)[\s-]*years?\b/u, (m) => (m[1] === 'two' ? 24 : 12)],
    [/\bnext[\s-]year\b/u, () => 12],
    [/\b(next|this|coming)\s+quarter\b/u, () => 3],
    [/(\d+)\s*quarters?\b/u, (m) => Number(m[1]) * 3],
    [/(\d+)\s*weeks?\b/u, (m) => Math.ceil(Number(m[1]) / 4.345)],
  ];
  for (const [re, toMonths] of rules) {
    const m = t.match(re);
    if (m) return Math.round(toMonths(m));
  }
  return undefined;
}

export function parseQuestion(text: string): ParsedQuestion {
  return { indicator: findIndicator(text), horizonMonths: findHorizonMonths(text) };
}

export function checkHorizon(months: number, locale: 'ko' | 'en'): number {
  if (!Number.isInteger(months) || months < MIN_HORIZON || months > MAX_HORIZON) {
    throw new RiskXpertError(
      'HORIZON_OUT_OF_RANGE',
      locale === 'ko'
        ? `예측 기간은 ${MIN_HORIZON}~${MAX_HORIZON}개월만 가능해요 (요청: ${months}개월). 예: "12개월 코스피 전망"`
        : `I can forecast ${MIN_HORIZON} to ${MAX_HORIZON} months ahead (you asked for ${months}). Try "KOSPI next 12 months".`,
      { details: { months } },
    );
  }
  return months;
}
