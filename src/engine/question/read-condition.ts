/**
 * "환율이 10% 오르면 코스피는?" is a what-if question about 코스피, not a forecast of the won. This module finds the
 * supposed move (which indicator, which way, how much if said) right after an indicator's name, so the engine can
 * answer about the other indicator and add the conditional effect. Text is normalized (src/engine/question/normalize.ts).
 */

/** How big the supposed move is, as said: a change in % or %p, a change in the indicator's own unit, or a level. */
export type ConditionSize =
  | { kind: 'move'; value: number; unit: '%' | '%p' | 'bp' }
  | { kind: 'units'; value: number }
  | { kind: 'level'; value: number };

export interface QuestionCondition {
  /** The indicator the asker supposes will move (a catalog id). */
  indicatorId: string;
  /** Which way; for a level ("1,500원 되면") it follows from the level against the last value. */
  direction: 1 | -1 | 0;
  size?: ConditionSize;
  /** The name was ambiguous ("금리") and read as `indicatorId`: the answer says so. */
  assumedFrom?: 'rate';
  /**
   * The move was said of the won's value ("원화 가치가 10% 떨어지면", "원화 약세면"), the inverse of USD/KRW: `direction`
   * is already USD/KRW's, and a % size is the won's own, converted by the answerer.
   */
  wonValue?: boolean;
}

const UP_KO = [
  '오르면',
  '오른다면',
  '오를\\s*경우',
  '오를\\s*때',
  '올라가면',
  '올라간다면',
  '상승하면',
  '상승한다면',
  '상승할\\s*경우',
  '상승\\s*시',
  '뛰면',
  '급등하면',
  '급등한다면',
  '급등\\s*시',
  '치솟으면',
  '폭등하면',
  '인상되면',
  '인상하면',
  '인상한다면',
  '올리면',
  '올린다면',
  // A premise ("미국 금리 오르는데 환율은?") asks the same what-if.
  '오르는데',
  '오르고\\s*있는데',
  '오른다는데',
  '상승하는데',
  '상승\\s*중인데',
  '인상하는데',
];
const DOWN_KO = [
  '내리면',
  '내린다면',
  '내릴\\s*경우',
  '내려가면',
  '떨어지면',
  '떨어진다면',
  '떨어질\\s*경우',
  '하락하면',
  '하락한다면',
  '하락할\\s*경우',
  '하락\\s*시',
  '급락하면',
  '급락한다면',
  '급락\\s*시',
  '빠지면',
  '폭락하면',
  '인하되면',
  '인하하면',
  '인하한다면',
  '낮추면',
  '낮춘다면',
  '내리는데',
  '떨어지는데',
  '떨어지고\\s*있는데',
  '떨어진다는데',
  '하락하는데',
  '하락\\s*중인데',
  '인하하는데',
];
const LEVEL_KO = ['되면', '된다면', '넘으면', '넘는다면', '돌파하면', '돌파한다면', '찍으면', '가면', '간다면'];
const UP_EN = ['rises?', 'rising', 'goes\\s+up', 'jumps?', 'climbs?', 'rall(?:y|ies)', 'surges?', 'spikes?', 'soars?'];
const DOWN_EN = [
  'falls?',
  'falling',
  'drops?',
  'declines?',
  'goes\\s+down',
  'crash(?:es)?',
  'plunges?',
  'slumps?',
  'sinks?',
];
const STRONG_KO = [
  '강세면',
  '강세라면',
  '강세가\\s*(?:이어지|계속되|심해지|되|오)면',
  '강세일\\s*때',
  '강세\\s*시',
  '강해지면',
  '절상되면',
];
const WEAK_KO = [
  '약세면',
  '약세라면',
  '약세가\\s*(?:이어지|계속되|심해지|되|오)면',
  '약세일\\s*때',
  '약세\\s*시',
  '약해지면',
  '절하되면',
];
const STRONG_EN = ['strengthens', 'strengthening', 'appreciates', 'gets\\s+stronger'];
const WEAK_EN = ['weakens', 'weakening', 'depreciates', 'gets\\s+weaker', 'slides'];
const LEVEL_EN = ['hits?', 'reach(?:es)?', 'goes\\s+to', 'gets\\s+to', 'tops?'];

const NUM = '([+-]?\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|[+-]?\\d+(?:\\.\\d+)?)';
const UNIT =
  '(%\\s*p|%\\s*포인트|퍼센트\\s*포인트|percentage\\s+points?|%|퍼센트|프로|percent|bps?|bp|베이시스\\s*포인트|원|포인트|달러|points?)?';
const PARTICLE = '(?:이|가|은|는|을|를|도)?';
const alt = (xs: readonly string[]) => xs.join('|');

// Korean: name + particle + optional size (+ 만큼/정도/넘게/이상) + verb. "환율이 10% 오르면", "금리가 0.5%p 인상되면",
// "달러가 1,500원 되면", "유가 급등하면".
const KO = new RegExp(
  `^\\s*${PARTICLE}\\s*(?:${NUM}\\s*${UNIT}\\s*(?:만큼|정도|가량|쯤|넘게|이상|까지|으로|로|이|가)?\\s*)?` +
    `(?:(${alt(UP_KO)})|(${alt(DOWN_KO)})|(${alt(LEVEL_KO)}))`,
  'u',
);
// English: "if|what if|when|suppose [the] <name> rises|falls [by] [size]" and "<name> hits <level>".
// "원화 약세면", "달러 강세가 이어지면", "엔화가 약해지면": strength of the named currency (or index).
const STRENGTH_KO = new RegExp(`^\\s*${PARTICLE}\\s*(?:(${alt(STRONG_KO)})|(${alt(WEAK_KO)}))`, 'u');
// The subject rule for the won takes "원화 약세" whole: the ending that makes it a condition comes after the name.
const STRENGTH_TAIL = /(강세|약세)$/u;
const TAIL_KO = /^\s*(?:면|라면|이면|(?:가\s*)?(?:이어지|계속되|심해지|되|오)면|일\s*때|\s*시(?![가-힣]))/u;
const STRENGTH_EN = new RegExp(`^\\s*(?:(${alt(STRONG_EN)})|(${alt(WEAK_EN)}))`, 'u');
const EN_BEFORE = /(?:^|\s)(?:if|what\s+if|when|suppose|assuming|in\s+case)\s+(?:the\s+)?$/u;
const EN = new RegExp(
  `^\\s*(?:(${alt(UP_EN)})|(${alt(DOWN_EN)})|(${alt(LEVEL_EN)}))\\s*(?:by\\s+)?(?:${NUM}\\s*${UNIT})?`,
  'u',
);

function sizeOf(rawNumber: string | undefined, rawUnit: string | undefined, level: boolean): ConditionSize | undefined {
  if (rawNumber === undefined) return undefined;
  const value = Math.abs(Number(rawNumber.replace(/,/gu, '')));
  if (!Number.isFinite(value)) return undefined;
  const unit = (rawUnit ?? '').replace(/\s+/gu, '');
  if (level) return { kind: 'level', value };
  if (/^(?:%p|%포인트|퍼센트포인트|percentagepoints?)$/u.test(unit)) return { kind: 'move', value, unit: '%p' };
  if (/^(?:%|퍼센트|프로|percent)$/u.test(unit)) return { kind: 'move', value, unit: '%' };
  if (/^(?:bps?|베이시스포인트)$/u.test(unit)) return { kind: 'move', value, unit: 'bp' };
  return { kind: 'units', value };
}

/** The won's own value named ("원화", "won") rather than the exchange rate: moves of USD/KRW go the other way. */
const namesWonValue = (name: string) =>
  /원화|(?<![a-z])won(?![a-z])/u.test(name) && !/환율|달러|dollar|exchange/u.test(name);

type Said = Omit<QuestionCondition, 'indicatorId' | 'assumedFrom'>;

/**
 * The condition said right after a name that ends at `end` in `t` (and, in English, an "if" just before `start`),
 * with the length of its words after the name (cut before the horizon is read: "10%" is no horizon); undefined when
 * the words there do not suppose a move. Directions are of the indicator the name maps to.
 */
export function readConditionAt(t: string, start: number, end: number): { said: Said; length: number } | undefined {
  const read = readSaid(t, start, end);
  if (!read || !namesWonValue(t.slice(start, end))) return read;
  return { ...read, said: { ...read.said, direction: (-read.said.direction || 0) as 1 | -1 | 0, wonValue: true } };
}

function readSaid(t: string, start: number, end: number): { said: Said; length: number } | undefined {
  const after = t.slice(end, end + 40);
  const tail = STRENGTH_TAIL.exec(t.slice(start, end));
  const tailEnd = tail ? TAIL_KO.exec(after) : null;
  if (tail && tailEnd) return { said: { direction: tail[1] === '강세' ? 1 : -1 }, length: tailEnd[0].length };
  const strength = STRENGTH_KO.exec(after);
  if (strength) return { said: { direction: strength[1] ? 1 : -1 }, length: strength[0].length };
  const ko = KO.exec(after);
  if (ko) {
    const [, num, unit, up, down, level] = ko;
    return moved(ko[0].length, up, down, level, sizeOf(num, unit, level !== undefined));
  }
  if (!EN_BEFORE.test(t.slice(Math.max(0, start - 24), start))) return undefined;
  const enStrength = STRENGTH_EN.exec(after);
  if (enStrength) return { said: { direction: enStrength[1] ? 1 : -1 }, length: enStrength[0].length };
  const en = EN.exec(after);
  if (!en) return undefined;
  const [, up, down, level, num, unit] = en;
  return moved(en[0].length, up, down, level, sizeOf(num, unit, level !== undefined));
}

/** A rise, a fall or a level; a level verb without a number ("코스피가 되면") is no what-if. */
function moved(
  length: number,
  up: string | undefined,
  down: string | undefined,
  level: string | undefined,
  size: ConditionSize | undefined,
): { said: Said; length: number } | undefined {
  if (level !== undefined && size?.kind !== 'level') return undefined;
  return { said: { direction: up ? 1 : down ? -1 : 0, ...(size ? { size } : {}) }, length };
}
