/** A month of the calendar: what "연말", "2027년 3월" or "by March 2026" name. */
export interface YearMonth {
  year: number;
  month: number;
}

/** What the question says about how far ahead: a count of months, or a calendar month to reach. */
export type HorizonSpec =
  | { kind: 'months'; months: number; unit?: 'weeks' | 'days'; assumed?: 'when' }
  | { kind: 'calendar'; target: YearMonth };

const NATIVE: Record<string, number> = {
  한: 1,
  두: 2,
  세: 3,
  석: 3,
  서: 3,
  네: 4,
  넉: 4,
  다섯: 5,
  여섯: 6,
  일곱: 7,
  여덟: 8,
  아홉: 9,
  열: 10,
  열한: 11,
  열두: 12,
  열세: 13,
  열네: 14,
  열다섯: 15,
  열여섯: 16,
  열일곱: 17,
  열여덟: 18,
  스무: 20,
};
const SINO: Record<string, number> = {
  일: 1,
  이: 2,
  삼: 3,
  사: 4,
  오: 5,
  육: 6,
  칠: 7,
  팔: 8,
  구: 9,
  십: 10,
  십일: 11,
  십이: 12,
  십오: 15,
  십팔: 18,
  이십: 20,
  이십사: 24,
};
const EN: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  eighteen: 18,
  twenty: 20,
  'twenty-four': 24,
  'twenty four': 24,
  couple: 2,
  'a couple of': 2,
};
const EN_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const native = Object.keys(NATIVE)
  .sort((a, b) => b.length - a.length)
  .join('|');
const sino = Object.keys(SINO)
  .sort((a, b) => b.length - a.length)
  .join('|');
const en = Object.keys(EN)
  .sort((a, b) => b.length - a.length)
  .join('|');
const NUM = '(\\d+(?:\\.\\d+)?)';
// "2분기 뒤" counts quarters; "2분기" alone names the calendar quarter.
const AFTER = '(?:뒤|후|동안|간|이내|안에|안|내|째|만에|뒤에|후에)';
const MONTH_NAME =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const YEAR4 = '((?:19|20)\\d{2})';

type Rule = [RegExp, (m: RegExpMatchArray, today: YearMonth) => HorizonSpec | undefined];

const months = (n: number): HorizonSpec => ({ kind: 'months', months: n });
const cal = (year: number, month: number): HorizonSpec => ({ kind: 'calendar', target: { year, month } });
const quarterEnd = (q: number) => Math.min(4, Math.max(1, q)) * 3;
const monthIndex = (name: string) => EN_MONTHS.indexOf(name.slice(0, 3)) + 1;
/** The next time this month comes round: this year unless it has passed. */
const nextOccurrence = (month: number, today: YearMonth): HorizonSpec =>
  cal(month >= today.month ? today.year : today.year + 1, month);
const twoDigitYear = (yy: string) => 2000 + Number(yy);

const RULES: Rule[] = [
  // Absolute calendar: "2027년 3월", "27년 하반기", "2026년 말", "2026년", "march 2026", "h2 2026", "q3 2026"
  [new RegExp(`${YEAR4}\\s*년\\s*(\\d{1,2})\\s*월`, 'u'), (m) => cal(Number(m[1]), Number(m[2]))],
  [new RegExp(`(?<!\\d)(\\d{2})\\s*년\\s*(\\d{1,2})\\s*월`, 'u'), (m) => cal(twoDigitYear(m[1]!), Number(m[2]))],
  [
    new RegExp(
      `(?:${YEAR4}|(?<!\\d)(\\d{2}))\\s*년?\\s*(상반기|하반기|말|연말|초|연초|([1-4])\\s*분기|([1-4])\\s*q)`,
      'u',
    ),
    (m) => {
      const year = m[1] ? Number(m[1]) : twoDigitYear(m[2]!);
      const part = m[3]!;
      if (part === '상반기') return cal(year, 6);
      if (part === '초' || part === '연초') return cal(year, 1);
      if (m[4] || m[5]) return cal(year, quarterEnd(Number(m[4] ?? m[5])));
      return cal(year, 12);
    },
  ],
  [new RegExp(`${MONTH_NAME}\\.?\\s*(?:of\\s+)?,?\\s*${YEAR4}`, 'u'), (m) => cal(Number(m[2]), monthIndex(m[1]!))],
  [
    new RegExp(
      `(?<![a-z])(?:(h[12])|(q[1-4]))\\s*(?:of\\s+)?${YEAR4}|${YEAR4}\\s*(?:(h[12])|(q[1-4]))(?![a-z0-9])`,
      'u',
    ),
    (m) => {
      const year = Number(m[3] ?? m[4]);
      const h = m[1] ?? m[5];
      const q = m[2] ?? m[6];
      return h ? cal(year, h === 'h1' ? 6 : 12) : cal(year, quarterEnd(Number(q!.slice(1))));
    },
  ],
  [new RegExp(`(?:first|1st)\\s+half\\s+(?:of\\s+)?${YEAR4}`, 'u'), (m) => cal(Number(m[1]), 6)],
  [new RegExp(`(?:mid|middle\\s+of)[\\s-]*${YEAR4}|${YEAR4}\\s*년?\\s*중반`, 'u'), (m) => cal(Number(m[1] ?? m[2]), 6)],
  [new RegExp(`early[\\s-]*${YEAR4}|start\\s+of\\s+${YEAR4}`, 'u'), (m) => cal(Number(m[1] ?? m[2]), 3)],
  [new RegExp(`late[\\s-]*${YEAR4}`, 'u'), (m) => cal(Number(m[1]), 12)],
  [new RegExp(`(?:second|2nd|back)\\s+half\\s+(?:of\\s+)?${YEAR4}`, 'u'), (m) => cal(Number(m[1]), 12)],
  [new RegExp(`${YEAR4}\\s*년`, 'u'), (m) => cal(Number(m[1]), 12)],
  // A bare number is a year only when it is a near one: "코스피 2000 깨질까" names a level.
  [
    new RegExp(`(?<![\\d.,])${YEAR4}(?![\\d.,%])`, 'u'),
    (m, t) => {
      const year = Number(m[1]);
      return year >= t.year - 1 && year <= t.year + 5 ? cal(year, 12) : undefined;
    },
  ],

  // Relative calendar, Korean: "내년 말", "내년 상반기", "내년 3월", "올해 말", "연말", "하반기", "12월까지"
  [/내년\s*(?:말|연말|년말|하반기|후반|안에|중)|다음\s*해\s*말/u, (_m, t) => cal(t.year + 1, 12)],
  [/내년\s*(?:상반기|전반|중반)|mid[\s-]*next\s+year/u, (_m, t) => cal(t.year + 1, 6)],
  // Either order: "하반기에 오를까, 내년"
  [/하반기.*내년|내년.*하반기/u, (_m, t) => cal(t.year + 1, 12)],
  [/상반기.*내년|내년.*상반기/u, (_m, t) => cal(t.year + 1, 6)],
  [/내년\s*(?:초|연초)|연초/u, (_m, t) => cal(t.year + 1, 1)],
  [/내년\s*([1-4])\s*분기/u, (m, t) => cal(t.year + 1, quarterEnd(Number(m[1])))],
  [/내년\s*(\d{1,2})\s*월/u, (m, t) => cal(t.year + 1, Number(m[1]))],
  [/내후년|후년/u, () => months(24)],
  [
    /(?:올해|금년|이번\s*해|연내)\s*(?:말|연말|년말|하반기|안에|안|중|까지)?|올\s*연말|올\s*해\s*말|연\s*말|(?<![\d\s])년\s*말/u,
    (_m, t) => cal(t.year, 12),
  ],
  [/(?:올해\s*)?상반기/u, (_m, t) => (t.month <= 6 ? cal(t.year, 6) : cal(t.year + 1, 6))],
  [/(?:올해\s*)?하반기/u, (_m, t) => cal(t.year, 12)],
  [/(?:다다음\s*달|다다음달)/u, () => months(2)],
  [/다음\s*달|담\s*달|내달|익월|한\s*달\s*뒤|이번\s*달|이달/u, () => months(1)],
  [/다음\s*분기|담\s*분기|한\s*분기/u, () => months(3)],
  [/이번\s*분기|분기\s*말/u, (_m, t) => cal(t.year, quarterEnd(Math.ceil(t.month / 3)))],

  // Counts: "1년 6개월", "1년 반", "18개월", "석 달", "육개월", "두 분기 뒤", "8주", "90일 뒤"
  [/(\d+)\s*년\s*(\d+)\s*(?:개월|달)/u, (m) => months(Number(m[1]) * 12 + Number(m[2]))],
  [new RegExp(`${NUM}\\s*년\\s*반|(일|한)\\s*년\\s*반`, 'u'), (m) => months(m[1] ? Number(m[1]) * 12 + 6 : 18)],
  [new RegExp(`${NUM}\\s*(?:개월|개얼|게월|달|個月)`, 'u'), (m) => months(Number(m[1]))],
  [new RegExp(`(?<![가-힣])(${native})\\s*(?:개월|달)`, 'u'), (m) => months(NATIVE[m[1]!]!)],
  [new RegExp(`(?<![가-힣])(${sino})\\s*개월`, 'u'), (m) => months(SINO[m[1]!]!)],
  [/반\s*년|반년|half[\s-]*(?:a[\s-]*)?year|six[\s-]*months?|half-yearly/u, () => months(6)],
  [
    new RegExp(`${NUM}\\s*분기\\s*${AFTER}|(?<![가-힣])(${native})\\s*분기`, 'u'),
    (m) => months(m[1] ? Number(m[1]) * 3 : NATIVE[m[2]!]! * 3),
  ],
  [
    /(?<![\d.])([1-4])\s*분기/u,
    (m, t) => {
      const month = quarterEnd(Number(m[1]));
      return month >= t.month ? cal(t.year, month) : cal(t.year + 1, month);
    },
  ],
  // "분기 전망": one quarter
  [/(?<![\d가-힣])분기(?!\s*말)/u, () => months(3)],
  [new RegExp(`(?<![\\d.])${NUM}\\s*년`, 'u'), (m) => months(Number(m[1]) * 12)],
  [/(?<![가-힣])(일|이|삼)\s*년|(한|두|세)\s*해/u, (m) => months(m[1] ? SINO[m[1]]! * 12 : NATIVE[m[2]!]! * 12)],
  [/내년|다음\s*해|일\s*년/u, () => months(12)],
  [
    /(\d+)\s*주(?:일|간)?(?=\s|$|뒤|후|동안|안|내|이내|[?!.,])/u,
    (m) => ({ kind: 'months', months: Math.max(1, Math.round(Number(m[1]) / 4.345)), unit: 'weeks' }),
  ],
  [
    /(?<![가-힣])(일|이|삼|사)\s*주일|(?<![가-힣])(일|이|삼|사)\s*주\s*(?:뒤|후|동안|간)/u,
    (m) => ({ kind: 'months', months: Math.max(1, Math.round(SINO[m[1] ?? m[2]!]! / 4.345)), unit: 'weeks' }),
  ],
  [/보름|며칠/u, () => ({ kind: 'months', months: 1, unit: 'days' })],
  [
    /(?<![가-힣])(한|두|세|네)\s*주|다음\s*주|이번\s*주|몇\s*주/u,
    (m) => ({ kind: 'months', months: Math.max(1, Math.round((m[1] ? NATIVE[m[1]]! : 1) / 4.345)), unit: 'weeks' }),
  ],
  [
    new RegExp(`(\\d+)\\s*일\\s*${AFTER}`, 'u'),
    (m) => ({ kind: 'months', months: Math.max(1, Math.round(Number(m[1]) / 30.44)), unit: 'days' }),
  ],

  // Korean month names: "12월까지", "3월 말", "6월"
  [/(?<![\d개])(1[0-2]|0?[1-9])\s*월/u, (m, t) => nextOccurrence(Number(m[1]), t)],

  // English: relative calendar first, then counts
  [/end\s+of\s+next\s+year|next\s+year[\s-]*end|by\s+the\s+end\s+of\s+next\s+year/u, (_m, t) => cal(t.year + 1, 12)],
  [/(?:first|1st)\s+half\s+of\s+next\s+year|h1\s+(?:of\s+)?next\s+year/u, (_m, t) => cal(t.year + 1, 6)],
  [/early\s+next\s+year|start\s+of\s+next\s+year/u, (_m, t) => cal(t.year + 1, 3)],
  [
    /(?:second|2nd)\s+half\s+of\s+next\s+year|h2\s+(?:of\s+)?next\s+year|late\s+next\s+year/u,
    (_m, t) => cal(t.year + 1, 12),
  ],
  [
    /year[\s-]*end|end\s+of\s+(?:the\s+|this\s+)?year|this\s+year|rest\s+of\s+(?:the\s+)?year|eoy|(?:second|2nd|back)\s+half|(?<![a-z])h2(?![a-z0-9])/u,
    (_m, t) => cal(t.year, 12),
  ],
  [/(?:first|1st)\s+half|(?<![a-z])h1(?![a-z0-9])/u, (_m, t) => (t.month <= 6 ? cal(t.year, 6) : cal(t.year + 1, 6))],
  [
    /(?<![a-z])q([1-4])(?![a-z0-9])/u,
    (m, t) => {
      const month = quarterEnd(Number(m[1]));
      return month >= t.month ? cal(t.year, month) : cal(t.year + 1, month);
    },
  ],
  [
    new RegExp(
      `(?:by|in|until|till|through|thru|before|to|end\\s+of|for)\\s+(?:the\\s+)?(?:end\\s+of\\s+)?${MONTH_NAME}(?![a-z])`,
      'u',
    ),
    (m, t) => nextOccurrence(monthIndex(m[1]!), t),
  ],
  [/(?:a\s+)?year\s+and\s+a\s+half|one\s+and\s+a\s+half\s+years?/u, () => months(18)],
  [new RegExp(`${NUM}[\\s-]*(?:months?|mos?|mths?|m)(?![a-z])`, 'u'), (m) => months(Number(m[1]))],
  [new RegExp(`(?<![a-z])(${en})[\\s-]*months?(?![a-z])`, 'u'), (m) => months(EN[m[1]!]!)],
  [new RegExp(`${NUM}[\\s-]*(?:years?|yrs?|y)(?![a-z])`, 'u'), (m) => months(Number(m[1]) * 12)],
  [new RegExp(`(?<![a-z])(${en})[\\s-]*(?:years?)(?![a-z])`, 'u'), (m) => months(EN[m[1]!]! * 12)],
  [/next\s+year|coming\s+year|year\s+ahead|12[\s-]*month|annual/u, () => months(12)],
  [/(?:next|this|coming|following)\s+month|month\s+ahead|(?<![a-z])month[\s-]*end/u, () => months(1)],
  [
    new RegExp(`${NUM}\\s*quarters?|(?<![a-z])(${en})\\s+quarters?`, 'u'),
    (m) => months(m[1] ? Number(m[1]) * 3 : EN[m[2]!]! * 3),
  ],
  [/(?:next|coming|following)\s+quarter|quarter\s+ahead|(?<![a-z])quarter(?![a-z])/u, () => months(3)],
  [
    new RegExp(`${NUM}\\s*weeks?|(?<![a-z])(${en})\\s+weeks?|next\\s+week|this\\s+week|few\\s+weeks`, 'u'),
    (m) => ({
      kind: 'months',
      months: Math.max(1, Math.round((m[1] ? Number(m[1]) : m[2] ? EN[m[2]]! : 1) / 4.345)),
      unit: 'weeks',
    }),
  ],
  [/(\d+)\s*days?/u, (m) => ({ kind: 'months', months: Math.max(1, Math.round(Number(m[1]) / 30.44)), unit: 'days' })],
];

/** Reads the horizon from text with the indicator's name already taken out (so "10년물" never counts). */
export function readHorizon(text: string, today: YearMonth): HorizonSpec | undefined {
  for (const [re, toSpec] of RULES) {
    const m = text.match(re);
    if (!m) continue;
    const spec = toSpec(m, today);
    if (!spec) continue;
    if (spec.kind === 'months' && !(spec.months > 0)) continue;
    if (spec.kind === 'calendar' && (spec.target.month < 1 || spec.target.month > 12)) continue;
    return spec.kind === 'months' ? { ...spec, months: Math.round(spec.months) } : spec;
  }
  return undefined;
}
