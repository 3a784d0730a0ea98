import { CATALOG, getIndicator, type Indicator } from '../../data/catalog.js';
import type { Series, SeriesRepository } from '../../data/series.js';
import { stockCodeOf } from '../../data/stock-instruments.js';
import type { StockDirectory } from '../../data/stocks/stock-directory.js';
import { stockIndicator } from '../../data/stocks/stock-indicator.js';
import type { Locale } from '../../locale.js';
import type { ClarifyEvent } from '../answer-types.js';
import { buildClarify } from './build-clarify.js';
import { horizonNoteText, pickNoteText } from './question-messages.js';
import type { HorizonSpec, YearMonth } from './read-horizon.js';
import { resolveHorizon } from './resolve-horizon.js';
import type { PickNote } from './subject-rules.js';
import type { QuestionCondition } from './read-condition.js';
import type { QuestionThreshold } from './read-threshold.js';
import { understandQuestion, type Understanding } from './understand-question.js';

/** What the engine will answer, before the data is loaded (a calendar horizon needs the data's last date). */
export type AnswerPlan =
  | {
      kind: 'answer';
      indicator: Indicator;
      spec: HorizonSpec | undefined;
      pickNote?: PickNote;
      /** A what-if question: the supposed move of another indicator, whose effect on this one the answer adds. */
      condition?: QuestionCondition;
      /** "환율 1500 넘을까?": the level whose chance the answer states. */
      threshold?: QuestionThreshold;
    }
  | { kind: 'clarify'; understanding: Understanding }
  | { kind: 'unknown-id' };

// "연말" said just after midnight on 1 January in Seoul means the new year's end, whatever UTC says.
// Korea has kept UTC+9 without daylight saving since 1988, so the month is plain arithmetic: it runs for every
// question, where Intl.DateTimeFormat#formatToParts was a measurable share of a cached answer's cost.
const SEOUL_OFFSET_MS = 9 * 3_600_000;

/** The calendar month of `epochMs` in Korea, against which relative dates ("연말", "3월까지") are read. */
export function todayOf(epochMs: number): YearMonth {
  const seoul = new Date(epochMs + SEOUL_OFFSET_MS);
  return { year: seoul.getUTCFullYear(), month: seoul.getUTCMonth() + 1 };
}

/**
 * Explicit fields (a choice made on a button) win over what the text says. `stocks` is the KRX listing questions
 * are read against (the built-in names when absent); a `stock:<code>` id is a stock chosen on a button.
 */
export function planAnswer(
  question: string,
  indicatorId: string | undefined,
  today: YearMonth,
  stocks?: StockDirectory,
): AnswerPlan {
  const u = understandQuestion(question, today, stocks);
  const code = indicatorId ? stockCodeOf(indicatorId) : undefined;
  if (code) {
    const stock =
      stocks?.byCode(code) ??
      (u.subject.kind === 'stock' && u.subject.stock.code === code
        ? u.subject.stock
        : { code, name: code, marketCap: 0 });
    return { kind: 'answer', indicator: stockIndicator(stock), spec: u.horizon, ...thresholdOf(u) };
  }
  if (u.subject.kind === 'stock' && !indicatorId)
    return { kind: 'answer', indicator: stockIndicator(u.subject.stock), spec: u.horizon, ...thresholdOf(u) };
  if (indicatorId) {
    const indicator = getIndicator(indicatorId);
    if (!indicator) return { kind: 'unknown-id' };
    const same = u.subject.kind === 'indicator' && u.subject.indicator.id === indicatorId;
    const note = same && u.subject.kind === 'indicator' ? u.subject.note : undefined;
    return {
      kind: 'answer',
      indicator,
      spec: u.horizon,
      ...(note ? { pickNote: note } : {}),
      ...(same && u.condition ? { condition: u.condition } : {}),
      ...(same ? thresholdOf(u) : {}),
    };
  }
  if (u.subject.kind === 'indicator' && !u.empty) {
    return {
      kind: 'answer',
      indicator: u.subject.indicator,
      spec: u.horizon,
      ...(u.subject.note ? { pickNote: u.subject.note } : {}),
      ...(u.condition ? { condition: u.condition } : {}),
      ...thresholdOf(u),
    };
  }
  return { kind: 'clarify', understanding: u };
}

const thresholdOf = (u: Understanding) => (u.threshold ? { threshold: u.threshold } : {});

/** The horizon in months and the sentences that say what was assumed to get it. */
export function horizonAndAssumptions(
  plan: Extract<AnswerPlan, { kind: 'answer' }>,
  explicitMonths: number | undefined,
  loaded: Series,
  locale: Locale,
): { months: number; assumptions: string[] } {
  const assumptions = plan.pickNote ? [pickNoteText(plan.pickNote, locale)] : [];
  const last = loaded.points[loaded.points.length - 1]?.date ?? new Date().toISOString().slice(0, 10);
  const h = resolveHorizon(plan.spec, last);
  // A choice re-asked with the months its question named still says how they were read ("연말" -> 6 months).
  if (explicitMonths !== undefined) {
    if (plan.spec && h.note && h.months === explicitMonths) assumptions.push(horizonNoteText(h.note, locale, last));
    return { months: explicitMonths, assumptions };
  }
  if (h.note) assumptions.push(horizonNoteText(h.note, locale, last));
  return { months: h.months, assumptions };
}

/** The question back, offering only indicators that have data now (each choice carries the horizon the text named). */
export async function clarifyFor(
  u: Understanding,
  locale: Locale,
  series: SeriesRepository,
  explicitMonths?: number,
): Promise<ClarifyEvent> {
  const availableRaw = await series.available().catch(() => [] as string[]);
  const available = CATALOG.map((i) => i.id).filter((id) => availableRaw.includes(id));
  const months = new Map<string, number>();
  if (explicitMonths !== undefined) {
    for (const id of available) months.set(id, explicitMonths);
  } else if (u.horizon?.kind === 'months') {
    for (const id of available) months.set(id, resolveHorizon(u.horizon, '1970-01-01').months);
  } else if (u.horizon?.kind === 'calendar' && u.subject.kind === 'ambiguous') {
    // A calendar target is months from each candidate's own last observation.
    await Promise.all(
      u.subject.ids
        .filter((id) => available.includes(id))
        .map(async (id) => {
          const s = await series.get(id).catch(() => undefined);
          const last = s?.points[s.points.length - 1]?.date;
          if (last) months.set(id, resolveHorizon(u.horizon, last).months);
        }),
    );
  }
  return buildClarify({ understanding: u, locale, available, horizonFor: (id) => months.get(id) })!;
}
