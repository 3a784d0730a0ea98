import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { CATALOG } from '../../src/data/catalog.js';
import type { ListedStock } from '../../src/data/stocks/listed-stock.js';
import { createStockDirectory, type StockDirectory } from '../../src/data/stocks/stock-directory.js';
import { buildClarify } from '../../src/engine/question/build-clarify.js';
import { planAnswer } from '../../src/engine/question/plan-answer.js';
import {
  MAX_HORIZON,
  MIN_HORIZON,
  monthsFrom,
  resolveHorizon,
  yearMonthOf,
} from '../../src/engine/question/resolve-horizon.js';

const REASONS = [
  'ambiguous-indicator',
  'no-indicator',
  'unsupported-subject',
  'horizon-out-of-range',
  'empty-question',
] as const;
const metaSchema = z.object({ meta: z.literal(true), today: z.iso.date(), lastObservation: z.iso.date() }).loose();
const caseSchema = z.union([
  z.object({
    q: z.string(),
    id: z.string(),
    h: z.union([z.number().int(), z.literal('default'), z.string().regex(/^\d{4}-\d{2}$/u)]),
  }),
  z.object({ q: z.string(), clarify: z.enum(REASONS) }),
]);
export type QuestionCase = z.infer<typeof caseSchema>;

export interface QuestionSet {
  today: string;
  lastObservation: string;
  cases: QuestionCase[];
}

export interface Miss {
  q: string;
  expected: string;
  got: string;
}

/** Reads the JSON-lines set: a first line with the fixed dates, then one case per line. */
export async function readQuestionSet(path: string): Promise<QuestionSet> {
  const lines = (await readFile(path, 'utf8')).split('\n').filter((l) => l.trim());
  const meta = metaSchema.parse(JSON.parse(lines[0]!));
  return {
    today: meta.today,
    lastObservation: meta.lastObservation,
    cases: lines.slice(1).map((l) => caseSchema.parse(JSON.parse(l))),
  };
}

const clamp = (n: number) => Math.min(MAX_HORIZON, Math.max(MIN_HORIZON, n));

function expectedText(c: QuestionCase, lastObservation: string): string {
  if ('clarify' in c) return `clarify:${c.clarify}`;
  if (c.h === 'default') return `${c.id} default`;
  if (typeof c.h === 'number') return `${c.id} ${c.h}m`;
  return `${c.id} ${clamp(monthsFrom(yearMonthOf(lastObservation), yearMonthOf(`${c.h}-01`)))}m`;
}

let listing: StockDirectory | undefined;
/** Questions are read against a KRX listing as the ETL loads it: real codes and names of large stocks (a fixture). */
function stockDirectory(): StockDirectory {
  const file = new URL('../../test/fixtures/stocks/krx-listing.json', import.meta.url);
  listing ??= createStockDirectory((JSON.parse(readFileSync(file, 'utf8')) as { stocks: ListedStock[] }).stocks);
  return listing;
}

/** What the deterministic parser makes of one question, in the same words as `expectedText`. */
export function understood(q: string, set: Pick<QuestionSet, 'today' | 'lastObservation'>): string {
  const plan = planAnswer(q, undefined, yearMonthOf(set.today), stockDirectory());
  if (plan.kind === 'unknown-id') return 'unknown-id';
  if (plan.kind === 'clarify') {
    const event = buildClarify({
      understanding: plan.understanding,
      locale: 'ko',
      available: CATALOG.map((i) => i.id),
    });
    return `clarify:${event?.reason ?? 'none'}`;
  }
  if (!plan.spec) return `${plan.indicator.id} default`;
  return `${plan.indicator.id} ${resolveHorizon(plan.spec, set.lastObservation).months}m`;
}

export function evaluateQuestions(set: QuestionSet): {
  total: number;
  correct: number;
  accuracy: number;
  misses: Miss[];
} {
  const misses: Miss[] = [];
  for (const c of set.cases) {
    const expected = expectedText(c, set.lastObservation);
    const got = understood(c.q, set);
    if (got !== expected) misses.push({ q: c.q, expected, got });
  }
  const total = set.cases.length;
  return { total, correct: total - misses.length, accuracy: total ? (total - misses.length) / total : 0, misses };
}
