import { createHash } from 'node:crypto';
import type { Locale } from '../locale.js';

export interface AnswerKeyParts {
  indicatorId: string;
  horizonMonths: number;
  locale: Locale;
  /** The user's text: part of the key because the LLM answers the question asked, not only the numbers. */
  question: string;
  /** New data -> new forecast: old answers must not be served after an ETL update. */
  dataVersion: string;
  /** A retrained model forecasts differently. */
  modelVersion: string;
  /** New prompts or narrator templates write differently. */
  promptVersion: string;
}

/** Normalises the question so trivial differences (spacing, case, width, trailing punctuation) share an answer. */
export function normalizeQuestion(question: string): string {
  return question
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\u200b]+/gu, ' ')
    .replace(/[\s?!.~…。？！]+$/u, '')
    .trim();
}

export function answerCacheKey(parts: AnswerKeyParts): string {
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
