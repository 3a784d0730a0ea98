import { codePointLength } from '../text/code-points.js';

/**
 * The one question-length rule of every platform and the engine: Unicode code points of the trimmed question. Code
 * points, not UTF-16 units: a Korean syllable, an emoji and a combining mark each count one, whatever their encoding
 * width, so a limit means the same on Kakao, Telegram, Discord, the web and the CLI.
 */
export function questionLength(question: string): number {
  return codePointLength(question.trim());
}

/** The length and the limit when the question is over it (for the user's message), undefined when it fits. */
export function questionOverLimit(question: string, max: number): { length: number; max: number } | undefined {
  const length = questionLength(question);
  return length > max ? { length, max } : undefined;
}
