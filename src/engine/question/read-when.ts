/**
 * "기준금리 언제 내려?", "금리 인하 언제쯤?", "when will KOSPI recover?": the asker wants a date, which no forecast
 * can name honestly. The answer gives instead the chance, at a few points ahead, that the indicator is below (or
 * above) today's value; this reads which side is meant. Both sides, or none, and it is an ordinary question.
 */
const WHEN_KO = /언제/u;
const DOWN_KO = /내려|내릴|내리|인하|떨어|하락|빠질|빠지|낮아|꺾일|꺾이/u;
const UP_KO = /오르|오를|올라|올릴|인상|반등|상승|높아|회복/u;
const WHEN_EN = /\bwhen\b/u;
const DOWN_EN = /\b(?:cut|cuts|fall|drop|decline|come\s+down|go\s+down|ease|lower)\b/u;
const UP_EN = /\b(?:rise|hike|hikes|go\s+up|recover|rebound|climb|increase)\b/u;

export function readWhen(normalized: string): 'above' | 'below' | undefined {
  return WHEN_KO.test(normalized) || WHEN_EN.test(normalized) ? readDirection(normalized) : undefined;
}

/** "코스피 오를까?", "금값 떨어질까?", "will oil fall?": the side asked about, or none when both or neither are said. */
export function readDirection(normalized: string): 'above' | 'below' | undefined {
  const down = DOWN_KO.test(normalized) || DOWN_EN.test(normalized);
  const up = UP_KO.test(normalized) || UP_EN.test(normalized);
  if (down === up) return undefined;
  return down ? 'below' : 'above';
}
