import { getIndicator, type Indicator } from '../../data/catalog.js';
import { createStockDirectory, type StockDirectory, type StockRef } from '../../data/stocks/stock-directory.js';
import { normalizeText } from './normalize.js';
import { readConditionAt, type QuestionCondition } from './read-condition.js';
import { readThresholdAt, type QuestionThreshold } from './read-threshold.js';
import { asksWhen, readDirection, readWhen } from './read-when.js';
import { readHorizon, type HorizonSpec, type YearMonth } from './read-horizon.js';
import { subjectRules, type PickNote, type SubjectRule, type UnsupportedTopic } from './subject-rules.js';

export type Subject =
  | { kind: 'indicator'; indicator: Indicator; note?: PickNote }
  | { kind: 'ambiguous'; term: 'rate' | 'bond' | 'stocks'; ids: string[] }
  | { kind: 'unsupported'; topic: UnsupportedTopic; suggest: string[]; said: string }
  /** A KRX stock named by its listed name or code (or a code said with a stock word that the listing lacks). */
  | { kind: 'stock'; stock: StockRef }
  /** A word that starts several listed names ("삼성", "현대"): asked back, largest first. */
  | { kind: 'ambiguous-stock'; said: string; stocks: StockRef[] }
  | { kind: 'none' };

export interface Understanding {
  empty: boolean;
  subject: Subject;
  horizon: HorizonSpec | undefined;
  /** "환율이 10% 오르면 코스피는?": the supposed move; the subject is then the other indicator (코스피). */
  condition?: QuestionCondition;
  /** "환율 1500 넘을까?": the level whose chance the answer states, said after the subject's name. */
  threshold?: QuestionThreshold;
}

type StockRule = { kind: 'stock'; stock: StockRef } | { kind: 'ambiguous-stock'; said: string; stocks: StockRef[] };

interface Span {
  start: number;
  end: number;
  rule: SubjectRule | StockRule;
}

let builtIn: StockDirectory | undefined;
/** Without a loaded KRX listing: the few built-in names (stock-instruments.ts). */
const builtInStocks = () => (builtIn ??= createStockDirectory([]));

/**
 * Every subject mention, longest first where they overlap ("달러인덱스" over "달러", "기준금리" over "금리"). Stock
 * mentions go first, so a listed name wins a tie with the generic single-stock rule that covers unknown names.
 */
function findSpans(t: string, stocks: StockDirectory): Span[] {
  const all: Span[] = stocks.find(t).map((m) => ({
    start: m.start,
    end: m.end,
    rule:
      m.kind === 'ambiguous'
        ? { kind: 'ambiguous-stock' as const, said: m.said, stocks: m.stocks }
        : {
            kind: 'stock' as const,
            stock: m.kind === 'stock' ? m.stock : { code: m.code, name: m.code, marketCap: 0 },
          },
  }));
  for (const { re, rule } of subjectRules()) {
    re.lastIndex = 0;
    for (const m of t.matchAll(re)) {
      if (m[0].trim().length === 0) continue;
      all.push({ start: m.index, end: m.index + m[0].length, rule });
    }
  }
  all.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Span[] = [];
  for (const s of all.filter((x) => !isPriceUnit(x, t))) {
    if (kept.every((k) => s.end <= k.start || s.start >= k.end)) kept.push(s);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** "유가 100달러 갈까?", "금 3천 달러": a number's unit, not the dollar's exchange rate. */
function isPriceUnit(span: Span, t: string): boolean {
  return /^\s*달러/u.test(t.slice(span.start, span.end)) && /\d\s*(?:천|만)?\s*$/u.test(t.slice(0, span.start));
}

/**
 * Reads what a question is about and how far ahead, in that order: names are found (and cut out) before time
 * expressions are read, so the numbers in "미국 10년물", "국고채 3년" or "S&P 500" never become horizons.
 */
export function understandQuestion(
  question: string,
  today: YearMonth,
  stocks: StockDirectory = builtInStocks(),
): Understanding {
  const t = normalizeText(question);
  if (!/[\p{L}\p{N}]/u.test(t)) return { empty: true, subject: { kind: 'none' }, horizon: undefined };
  const spans = findSpans(t, stocks);
  const found = findCondition(spans, t);
  const thresholds = found ? new Map<Span, Threshold>() : findThresholds(spans, t);
  // Names, the supposed move and the asked level are cut before the horizon is read ("10%", "3000" are no horizons).
  const cuts = spans.map((s) => [s.start, found?.span === s ? s.end + found.length : s.end] as const);
  for (const th of thresholds.values()) cuts.push([th.start, th.start + th.length]);
  let rest = t;
  for (const [from, to] of cuts.sort((a, b) => b[0] - a[0])) rest = `${rest.slice(0, from)} ${rest.slice(to)}`;
  const horizon = readHorizon(rest.replace(/\s+/gu, ' ').trim(), today);
  if (found) {
    const subject = pickSubject(
      spans.filter((s) => !found.spans.includes(s)),
      t,
    );
    if (subject.kind === 'indicator' && subject.indicator.id !== found.condition.indicatorId)
      return { empty: false, subject, horizon, condition: found.condition };
  }
  const subject = pickSubject(spans, t);
  const said = [...thresholds].find(([, th]) => th.of === subjectId(subject))?.[1].threshold;
  const segment = subjectSegment(spans, subject, t);
  // "원화 가치 오를까?" is USD/KRW falling: the won's value is the inverse of the rate answered.
  const won = subject.kind === 'indicator' && subject.note === 'won-as-usdkrw';
  const flip = (side: 'above' | 'below' | undefined) => (side && won ? (side === 'above' ? 'below' : 'above') : side);
  const when = said ? undefined : flip(readWhen(t, segment));
  const direction = said || when ? undefined : flip(readDirection(t, segment));
  // "환율 언제 1300 밑으로 떨어질까?": the level said, at several points ahead.
  const saidWhen = said !== undefined && asksWhen(t);
  const threshold = said
    ? saidWhen
      ? { ...said, when: true }
      : said
    : when
      ? { level: 0, side: when, fromNow: 'when' as const }
      : direction
        ? { level: 0, side: direction, fromNow: 'direction' as const }
        : undefined;
  // "언제" looks further than the usual six months: a year, said in the answer.
  const span =
    !horizon && (when || saidWhen) ? { kind: 'months' as const, months: 12, assumed: 'when' as const } : horizon;
  return { empty: false, subject, horizon: span, ...(threshold ? { threshold } : {}) };
}

/** The subject's part of the question: from its name up to the next name ("" when it was not named). */
function subjectSegment(spans: Span[], subject: Subject, t: string): string {
  const id = subjectId(subject);
  const i = spans.findIndex((s) => spanId(s) === id);
  if (i < 0) return '';
  const joined = genericAfter(spans, i, t);
  // Names of the same subject ("bank of korea … cut rates") and its generic word belong to one segment.
  let next = i + (joined ? 2 : 1);
  while (spans[next] && spanId(spans[next]!) === id) next += 1;
  return t.slice(spans[i]!.start, spans[next]?.start ?? t.length);
}

const spanId = (s: Span) =>
  s.rule.kind === 'indicator' ? s.rule.id : s.rule.kind === 'stock' ? `stock:${s.rule.stock.code}` : undefined;

interface Threshold {
  of: string;
  threshold: QuestionThreshold;
  start: number;
  length: number;
}

const subjectId = (s: Subject) =>
  s.kind === 'indicator' ? s.indicator.id : s.kind === 'stock' ? `stock:${s.stock.code}` : undefined;

/** "미국 10년물 금리가": a generic word ("금리") right after the name at `i` belongs to that name. */
function genericAfter(spans: Span[], i: number, t: string): Span | undefined {
  const next = spans[i + 1];
  return next?.rule.kind === 'ambiguous' && /^\s*$/u.test(t.slice(spans[i]!.end, next.start)) ? next : undefined;
}

/**
 * Levels said after a name ("환율 1500 넘을까", "미국 10년물 금리 5% 갈까"), keyed by the span they follow (the
 * generic word after a name, "금리", belongs to the name).
 */
function findThresholds(spans: Span[], t: string): Map<Span, Threshold> {
  const out = new Map<Span, Threshold>();
  for (let i = 0; i < spans.length; i++) {
    const { rule } = spans[i]!;
    const of = rule.kind === 'indicator' ? rule.id : rule.kind === 'stock' ? `stock:${rule.stock.code}` : undefined;
    if (!of) continue;
    const joined = genericAfter(spans, i, t);
    const last = joined ?? spans[i]!;
    const read = readThresholdAt(t, last.end, spans[i + (joined ? 2 : 1)]?.start);
    if (read) out.set(last, { of, ...read });
  }
  return out;
}

/**
 * The first indicator name followed by a supposed move ("환율이 10% 오르면"). "금리" alone is read as the base rate
 * (the answer says so); a stock name is not a condition the joint model can use.
 */
function findCondition(
  spans: Span[],
  t: string,
): { span: Span; spans: Span[]; condition: QuestionCondition; length: number } | undefined {
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i]!;
    const { rule } = span;
    const id =
      rule.kind === 'indicator' ? rule.id : rule.kind === 'ambiguous' && rule.term === 'rate' ? rule.ids[0] : undefined;
    if (!id) continue;
    const joined = rule.kind === 'indicator' ? genericAfter(spans, i, t) : undefined;
    const last = joined ?? span;
    const read = readConditionAt(t, span.start, last.end);
    if (!read) continue;
    return {
      span: last,
      spans: joined ? [span, joined] : [span],
      condition: {
        indicatorId: id,
        ...read.said,
        ...(rule.kind === 'ambiguous' ? { assumedFrom: 'rate' as const } : {}),
      },
      length: read.length,
    };
  }
  return undefined;
}

/** A named indicator or stock wins (the earliest); else a subject we do not cover; else a word that fits several. */
function pickSubject(all: Span[], t: string): Subject {
  // "금리 인하" is the base rate only when nothing else is named ("금리 인하 대상으로 본 국채" is about bonds).
  const weak = (s: Span) => s.rule.kind === 'indicator' && s.rule.note === 'rate-action-as-base-rate';
  const spans = all.some((s) => !weak(s) && s.rule.kind !== 'unsupported') ? all.filter((s) => !weak(s)) : all;
  for (const s of spans) {
    if (s.rule.kind === 'stock') return { kind: 'stock', stock: s.rule.stock };
    if (s.rule.kind !== 'indicator') continue;
    const indicator = getIndicator(s.rule.id);
    if (indicator) return { kind: 'indicator', indicator, ...(s.rule.note ? { note: s.rule.note } : {}) };
  }
  const unsupported = spans.find((s) => s.rule.kind === 'unsupported');
  if (unsupported?.rule.kind === 'unsupported') {
    return {
      kind: 'unsupported',
      topic: unsupported.rule.topic,
      suggest: unsupported.rule.suggest,
      said: t.slice(unsupported.start, unsupported.end),
    };
  }
  const stocks = spans.find((s) => s.rule.kind === 'ambiguous-stock');
  if (stocks?.rule.kind === 'ambiguous-stock')
    return { kind: 'ambiguous-stock', said: stocks.rule.said, stocks: stocks.rule.stocks };
  const ambiguous = spans.find((s) => s.rule.kind === 'ambiguous');
  if (ambiguous?.rule.kind === 'ambiguous')
    return { kind: 'ambiguous', term: ambiguous.rule.term, ids: ambiguous.rule.ids };
  return { kind: 'none' };
}
