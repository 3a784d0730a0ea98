import { createHash } from 'node:crypto';
import type { Locale } from '../locale.js';

/**
 * Everything that determines an answer, and nothing else: a part left out serves a wrong answer, a part
 * added needlessly only costs hit rate.
 */
export interface AnswerKeyParts {
  /** Which series is forecast. */
  indicatorId: string;
  /** The forecast path, the chart and every number in the text depend on it. */
  horizonMonths: number;
  /** The narration language. */
  locale: Locale;
  /** The user's text: the LLM answers the question asked, not only the numbers. Normalised before hashing. */
  question: string;
  /** New data -> new forecast: an ETL update bumps it, so no answer built on old data is served after it. */
  dataVersion: string;
  /** A retrained model forecasts differently. */
  modelVersion: string;
  /** New prompts or narrator templates write differently. */
  promptVersion: string;
}

// Emoji (pictographs, skin-tone modifiers, keycap and variation selectors, the ZWJ gluing sequences) and
// invisible characters carry no forecast meaning: "코스피 어때 🚀" asks what "코스피 어때" asks.
const DECORATION =
  /[\p{Extended_Pictographic}\p{Emoji_Modifier}\u{1F1E6}-\u{1F1FF}\u{E0020}-\u{E007F}\u200b-\u200d\u2060\ufeff]|\u20e3|\ufe0e|\ufe0f/gu;
// Trailing sentence punctuation only ("어때??", "어때?!", "어때…"); '%', brackets and digits keep their meaning.
const TRAILING_PUNCTUATION = /[\s?!.,;:~…‥·。、？！～]+$/u;

/** Normalises the question so trivial differences (width, case, spacing, emoji, trailing punctuation) share an answer. */
export function normalizeQuestion(question: string): string {
  return question
    .normalize('NFKC') // full-width letters and digits, compatibility Hangul jamo, ligatures
    .toLowerCase()
    .replace(DECORATION, ' ')
    .replace(/\s+/gu, ' ')
    .replace(TRAILING_PUNCTUATION, '')
    .trim();
}

/** `answer:v1:<sha256 hex>`: fixed length whatever the question, and no user text readable in Redis. */
export function answerCacheKey(parts: AnswerKeyParts): string {
  // A JSON array frames the parts unambiguously: ("a b", "c") and ("a", "b c") cannot collide.
  const material = JSON.stringify([
    parts.indicatorId,
    parts.horizonMonths,
    parts.locale,
    normalizeQuestion(parts.question),
    parts.dataVersion,
    parts.modelVersion,
    parts.promptVersion,
  ]);
  return `answer:v1:${createHash('sha256').update(material).digest('hex')}`;
}
