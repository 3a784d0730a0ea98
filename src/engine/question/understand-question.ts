import { getIndicator, type Indicator } from '../../data/catalog.js';
import { normalizeText } from './normalize.js';
import { readHorizon, type HorizonSpec, type YearMonth } from './read-horizon.js';
import { subjectRules, type PickNote, type SubjectRule, type UnsupportedTopic } from './subject-rules.js';

export type Subject =
  | { kind: 'indicator'; indicator: Indicator; note?: PickNote }
  | { kind: 'ambiguous'; term: 'rate' | 'bond' | 'stocks'; ids: string[] }
  | { kind: 'unsupported'; topic: UnsupportedTopic; suggest: string[]; said: string }
  | { kind: 'none' };

export interface Understanding {
  empty: boolean;
  subject: Subject;
  horizon: HorizonSpec | undefined;
}

interface Span {
  start: number;
  end: number;
  rule: SubjectRule;
}

/** Every subject mention, longest first where they overlap ("달러인덱스" over "달러", "기준금리" over "금리"). */
function findSpans(t: string): Span[] {
  const all: Span[] = [];
  for (const { re, rule } of subjectRules()) {
    re.lastIndex = 0;
    for (const m of t.matchAll(re)) {
      if (m[0].trim().length === 0) continue;
      all.push({ start: m.index, end: m.index + m[0].length, rule });
    }
  }
  all.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Span[] = [];
  for (const s of all) {
    if (kept.every((k) => s.end <= k.start || s.start >= k.end)) kept.push(s);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * Reads what a question is about and how far ahead, in that order: names are found (and cut out) before time
 * expressions are read, so the numbers in "미국 10년물", "국고채 3년" or "S&P 500" never become horizons.
 */
export function understandQuestion(question: string, today: YearMonth): Understanding {
  const t = normalizeText(question);
  if (!/[\p{L}\p{N}]/u.test(t)) return { empty: true, subject: { kind: 'none' }, horizon: undefined };
  const spans = findSpans(t);
  let rest = t;
  for (const s of [...spans].reverse()) rest = `${rest.slice(0, s.start)} ${rest.slice(s.end)}`;
  const horizon = readHorizon(rest.replace(/\s+/gu, ' ').trim(), today);
  return { empty: false, subject: pickSubject(spans, t), horizon };
}

/** A named indicator wins (the earliest); else a subject we do not cover; else a word that fits several. */
function pickSubject(spans: Span[], t: string): Subject {
  for (const s of spans) {
    if (s.rule.kind !== 'indicator') continue;
    const indicator = getIndicator(s.rule.id);
    if (indicator) return { kind: 'indicator', indicator, ...(s.rule.note ? { note: s.rule.note } : {}) };
  }
  const unsupported = spans.find((s) => s.rule.kind === 'unsupported');
  if (unsupported?.rule.kind === 'unsupported') {
    return { kind: 'unsupported', topic: unsupported.rule.topic, suggest: unsupported.rule.suggest, said: t.slice(unsupported.start, unsupported.end) };
  }
  const ambiguous = spans.find((s) => s.rule.kind === 'ambiguous');
  if (ambiguous?.rule.kind === 'ambiguous') return { kind: 'ambiguous', term: ambiguous.rule.term, ids: ambiguous.rule.ids };
  return { kind: 'none' };
}
