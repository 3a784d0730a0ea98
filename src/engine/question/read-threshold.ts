/**
 * "내년 환율 1500 넘을까?", "코스피 3천 갈까?", "will KOSPI fall below 2,000?": the asker wants the chance of a level,
 * not only the band. This reads the level and the side right after the indicator's name (normalized text).
 */
export interface QuestionThreshold {
  level: number;
  side: 'above' | 'below';
  /** Said with "%": a level for a rate ("5% 갈까"), a move from the last value for a price ("코스피 20% 갈까"). */
  percent?: boolean;
  /**
   * No level was said; the last value is the level. "언제 내려?" ('when'): the chance at several points ahead;
   * "코스피 오를까?" ('direction'): at the horizon.
   */
  fromNow?: 'when' | 'direction';
  /**
   * "코스피 2000 갈까?", "will gold hit 5000?": a verb with no side; `side` says 'above' until the last value is
   * known, then the level's side of it decides (2,000 from 2,500 is a fall).
   */
  either?: boolean;
  /** "800원대", "3천대", "3%대": the level starts a range this wide (100, 1,000, 1); reached from above, its top counts. */
  bucket?: number;
  /**
   * "금값 역대 최고치 찍을까?", "코스피 신고가 경신할까", "will gold hit a record high?": the level is the highest (lowest)
   * value in the data, found once the series is loaded; `level` is 0 until then.
   */
  record?: 'high' | 'low';
  /** "코스피 3000 회복 언제쯤?": a level with "언제"; the chance at 3, 6 and 12 months, as for fromNow 'when'. */
  when?: boolean;
  /** "코스피 반토막 날까?" (−0.5), "금값 두 배 될까?" (+1): a move relative to the last value, for a rate too. */
  move?: number;
}

const NUM = '(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)\\s*(천|만)?';
// "불" is the spoken dollar ("유가 100불 넘을까").
const UNIT = '(%|원|포인트|pt|points?|달러|불|선|대)?';
const ABOVE_KO = [
  '넘을',
  '넘길',
  '넘어설',
  '넘어갈',
  '넘나',
  '넘겠',
  '돌파',
  '올라갈',
  '회복',
  '웃돌',
  '지킬',
  '지켜',
  '사수',
  '버틸',
  '이상\\s*(?:갈|오를|될|유지)',
  '위로\\s*(?:갈|오를)',
];
/** Reaching a level from either side ("2000 갈까" from 2,500 is a fall). */
const EITHER_KO = ['갈까', '갈지', '가나', '가겠', '갈 수', '찍을', '찍나', '가능', '될까', '도달'];
const BELOW_KO = [
  '밑돌',
  '깨질',
  '깨지',
  '무너질',
  '붕괴',
  '아래로',
  '밑으로',
  '이하로',
  '떨어질',
  '내려갈',
  '빠질',
  '하회',
  '이탈',
];
const KO = new RegExp(
  `(?:^|\\s|이|가|은|는|도)${NUM}\\s*${UNIT}\\s*(?:선|대)?\\s*(?:을|를|이|가|까지|으로|로|도)?\\s*(?:(${ABOVE_KO.join('|')})|(${BELOW_KO.join('|')})|(${EITHER_KO.join('|')}))`,
  'u',
);
const EN = new RegExp(
  `(?:^|\\s)(?:(?:be\\s+)?(above|over|top|break\\s+above|exceed|go\\s+above|rise\\s+above|climb\\s+to|surpass|stay\\s+above|hold\\s+above)|` +
    `(?:be\\s+)?(below|under|fall\\s+below|drop\\s+below|break\\s+below|go\\s+below|sink\\s+below|fall\\s+to|drop\\s+to)|` +
    `(hit|reach|get\\s+to|touch|go\\s+to|break|cross|past|beyond))` +
    `\\s+(?:the\\s+)?${NUM}\\s*${UNIT}`,
  'u',
);

// A record asked about, not stated as a premise: the words must be followed by a verb of reaching it
// ("금 최고치인데 더 오를까?" asks about a rise, not about the record).
const RECORD_KO = new RegExp(
  `(?:^|\\s)(?:(?:역대|사상)\\s*)?(?:(최고|신고|전고)|(최저|신저|전저))(?:치|가|점)?\\s*(?:를|을|도|까지)?\\s*(?:다시\\s*|또\\s*|새로\\s*)?(?:경신|갱신|돌파|찍|넘|갈|가능|도달|깰|깨|회복|쓸|나올|나오)`,
  'u',
);
const RECORD_EN =
  /(?:^|\s)(?:hit|reach|set|make|break|see|touch|top)\s+(?:a\s+|an\s+|its\s+|new\s+|fresh\s+)*(?:(?:all[-\s]time|record)\s+(?:(high)|(low))|(?:(high)|(low))s?\s+(?:on\s+)?record)/u;

function readRecord(
  after: string,
  end: number,
): { threshold: QuestionThreshold; start: number; length: number } | undefined {
  const ko = RECORD_KO.exec(after);
  const en = ko ? undefined : RECORD_EN.exec(after);
  const m = ko ?? en;
  if (!m) return undefined;
  const high = ko ? Boolean(ko[1]) : Boolean(m[1] ?? m[3]);
  const threshold: QuestionThreshold = { level: 0, side: high ? 'above' : 'below', record: high ? 'high' : 'low' };
  return { threshold, start: end + m.index, length: m[0].length };
}

const SPAN_AFTER = /^\s*(?:years?|yrs?|months?|weeks?|days?|quarters?)\b/u;

/** The width of the range "N대" names: 800 → 100, 3,000 → 1,000, 1,450 → 10, 3 → 1. */
function bucketOf(level: number): number {
  if (!Number.isInteger(level) || level === 0) return 1;
  let b = 1;
  while (level % (b * 10) === 0) b *= 10;
  return b;
}

const toLevel = (raw: string, mult: string | undefined) =>
  Number(raw.replace(/,/gu, '')) * (mult === '천' ? 1_000 : mult === '만' ? 10_000 : 1);

/**
 * The level asked about after a name that ends at `end`, before `limit` (the next name): "환율 1500 넘을까",
 * "코스피 6개월 뒤 3000 갈까". `start`/`length` locate the words, cut before the horizon is read.
 */
export function readThresholdAt(
  t: string,
  end: number,
  limit = t.length,
): { threshold: QuestionThreshold; start: number; length: number } | undefined {
  const after = t.slice(end, Math.min(limit, end + 60));
  const ko = KO.exec(after);
  if (ko) {
    const level = toLevel(ko[1]!, ko[2]);
    if (!Number.isFinite(level)) return undefined;
    const percent = ko[3] === '%' ? { percent: true } : {};
    const side = ko[5] ? 'below' : 'above';
    const bucket = /\d\s*(?:천|만)?\s*(?:%|원|포인트|달러|불)?\s*대/u.test(ko[0]) ? bucketOf(level) : undefined;
    const threshold: QuestionThreshold = {
      level,
      side,
      ...percent,
      ...(ko[6] ? { either: true } : {}),
      ...(bucket ? { bucket } : {}),
    };
    return { threshold, start: end + ko.index, length: ko[0].length };
  }
  const en = EN.exec(after);
  // "in the past 6 months" is a span, not a level.
  const span = en && /^(?:past|beyond)$/u.test(en[3] ?? '') && SPAN_AFTER.test(after.slice(en.index + en[0].length));
  if (en && !span) {
    const level = toLevel(en[4]!, en[5]);
    if (!Number.isFinite(level)) return undefined;
    const percent = en[6] === '%' ? { percent: true } : {};
    const side = en[2] ? 'below' : 'above';
    const threshold: QuestionThreshold = { level, side, ...percent, ...(en[3] ? { either: true } : {}) };
    return { threshold, start: end + en.index, length: en[0].length };
  }
  return readRecord(after, end) ?? readHalfOrDouble(after, end);
}

// Halved or doubled, asked ("반토막 날까", "두 배 될까"), not a premise ("반토막 났는데").
const HALF_KO = /(?:^|\s)반\s*토막\s*(?:이|으로|까지)?\s*(?:날|나나|나겠|될|가능|갈)/u;
const DOUBLE_KO = /(?:^|\s)(?:두|2)\s*배\s*(?:가|이|로|까지)?\s*(?:갈|될|오를|올라갈|가능|찍|날)/u;

function readHalfOrDouble(after: string, end: number) {
  const half = HALF_KO.exec(after);
  const m = half ?? DOUBLE_KO.exec(after);
  if (!m) return undefined;
  const threshold: QuestionThreshold = half
    ? { level: 0, side: 'below', move: -0.5 }
    : { level: 0, side: 'above', move: 1 };
  return { threshold, start: end + m.index, length: m[0].length };
}
