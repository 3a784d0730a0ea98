/**
 * "내년 환율 1500 넘을까?", "코스피 3천 갈까?", "will KOSPI fall below 2,000?": the asker wants the chance of a level,
 * not only the band. This reads the level and the side right after the indicator's name (normalized text).
 */
export interface QuestionThreshold {
  level: number;
  side: 'above' | 'below';
  /** Said with "%": a level for a rate ("5% 갈까"), a move from the last value for a price ("코스피 20% 갈까"). */
  percent?: boolean;
  /** "언제 내려?": no level was said; today's value is the level, and the chance is given at several points. */
  fromNow?: boolean;
}

const NUM = '(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)\\s*(천|만)?';
const UNIT = '(%|원|포인트|pt|points?|달러|선|대)?';
const ABOVE_KO = [
  '넘을',
  '넘길',
  '넘어설',
  '넘어갈',
  '넘나',
  '넘겠',
  '돌파할',
  '돌파하',
  '갈까',
  '갈지',
  '가나',
  '가겠',
  '올라갈',
  '찍을',
  '회복할',
  '웃돌',
  '이상\\s*(?:갈|오를|될)',
  '위로\\s*(?:갈|오를)',
];
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
];
const KO = new RegExp(
  `(?:^|\\s|이|가|은|는|도)${NUM}\\s*${UNIT}\\s*(?:을|를|이|가|까지|으로|로|도)?\\s*(?:(${ABOVE_KO.join('|')})|(${BELOW_KO.join('|')}))`,
  'u',
);
const EN = new RegExp(
  `(?:^|\\s)(?:(?:be\\s+)?(above|over|hit|reach|top|break\\s+above|exceed|go\\s+above|rise\\s+above|get\\s+to|climb\\s+to|surpass)|` +
    `(?:be\\s+)?(below|under|fall\\s+below|drop\\s+below|break\\s+below|go\\s+below|sink\\s+below|fall\\s+to|drop\\s+to))` +
    `\\s+(?:the\\s+)?${NUM}\\s*${UNIT}`,
  'u',
);

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
    const threshold: QuestionThreshold = { level, side: ko[4] ? 'above' : 'below', ...percent };
    return { threshold, start: end + ko.index, length: ko[0].length };
  }
  const en = EN.exec(after);
  if (en) {
    const level = toLevel(en[3]!, en[4]);
    if (!Number.isFinite(level)) return undefined;
    const percent = en[5] === '%' ? { percent: true } : {};
    const threshold: QuestionThreshold = { level, side: en[1] ? 'above' : 'below', ...percent };
    return { threshold, start: end + en.index, length: en[0].length };
  }
  return undefined;
}
