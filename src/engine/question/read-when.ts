/**
 * "기준금리 언제 내려?", "금리 인하 언제쯤?", "when will KOSPI recover?": the asker wants a date, which no forecast
 * can name honestly. The answer gives instead the chance, at a few points ahead, that the indicator is below (or
 * above) today's value; this reads which side is meant. Both sides, or none, and it is an ordinary question.
 */
const WHEN_KO = /언제/u;
// The named currency's strength counts as its rise ("엔화 강세", "원화 약세"); the caller turns the won's around.
const DOWN_KO = /내려|내릴|내리|인하|떨어|하락|빠질|빠지|낮아|꺾일|꺾이|약세|약해|절하/u;
const UP_KO = /오르|오를|올라|올릴|인상|반등|상승|높아|회복|강세|강해|절상/u;
const WHEN_EN = /\bwhen\b/u;
const DOWN_EN =
  /\b(?:cut|cuts|fall|falls|falling|drop|drops|dropping|decline|declining|come\s+down|go(?:es|ing)?\s+down|ease|lower|weaken|weakens|weaker)\b/u;
const UP_EN =
  /\b(?:rise|rises|rising|hike|hikes|go(?:es|ing)?\s+up|recover|rebound|climb|climbing|increase|higher|strengthen|strengthens|stronger)\b/u;

/** "언제" or "when" anywhere in the question (a level said with it is answered at several points ahead). */
export function asksWhen(normalized: string): boolean {
  return WHEN_KO.test(normalized) || WHEN_EN.test(normalized);
}

/**
 * `segment` is the subject's own part of the question (from its name to the next name), so that "금리 인상기에
 * 코스피 전망" does not give KOSPI the rate's rise.
 */
export function readWhen(normalized: string, segment: string): 'above' | 'below' | undefined {
  return asksWhen(normalized) ? sideOf(segment) : undefined;
}

/** A rise or fall asked about: the word followed closely by a question ending, not a premise ("오르는데", "상승 이유"). */
const ASKED_KO = /^\s?[가-힣]{0,4}?\s?(?:까|나요|나\?|지\s|지\?|려나|가능|확률|겠|요\?|\?)/u;
/** The same at the very end of the question, where no "?" was typed: "기준금리 인상될", "코스피 오르나". */
const ASKED_AT_END_KO = /^[가-힣]{0,3}\s?$/u;
const PREMISE_KO = /^[가-힣]{0,2}?(?:는데|ㄴ데|던데|면|니까|어서|아서|기에|지만|고\s)/u;
const ASKED_EN = /^(?:will|would|could|can|is|are|does|do|should)\b/u;

/**
 * "코스피 오를까?", "금값 떨어질까?", "기준금리 인상될까", "will oil fall?": the side asked about in the subject's
 * segment; none when both sides or neither are asked.
 */
export function readDirection(normalized: string, segment: string): 'above' | 'below' | undefined {
  const side = sideOf(segment);
  if (!side) return undefined;
  const words = [...segment.matchAll(new RegExp((side === 'below' ? DOWN_KO : UP_KO).source, 'gu'))];
  if (words.length === 0) return ASKED_EN.test(normalized.trim()) ? side : undefined;
  const atEnd = normalized.trimEnd().endsWith(segment.trimEnd());
  // "코스피 오르는데 더 오를까?": the premise is passed over, the question is the later word.
  const asked = words.some((m) => {
    const after = segment.slice(m.index + m[0].length);
    return !PREMISE_KO.test(after) && (ASKED_KO.test(after) || (atEnd && ASKED_AT_END_KO.test(after)));
  });
  return asked ? side : undefined;
}

function sideOf(segment: string): 'above' | 'below' | undefined {
  const down = DOWN_KO.test(segment) || DOWN_EN.test(segment);
  const up = UP_KO.test(segment) || UP_EN.test(segment);
  if (down === up) return undefined;
  return down ? 'below' : 'above';
}
