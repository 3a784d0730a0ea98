import { resampleMonthEnd } from '../data/resample.js';
import type { SeriesRepository } from '../data/series.js';

/** Month-end levels of several indicators keyed by month (YYYY-MM): the input of the monthly conditional model. */
export interface MonthlyPanel {
  ids: string[];
  /** Months in ascending order, every month from the first to the last month any indicator has. */
  months: string[];
  /** levels[id][i] is the month-end level in months[i], or NaN where that indicator has no data. */
  levels: Record<string, number[]>;
}

export function monthKey(isoDate: string): string {
  return isoDate.slice(0, 7);
}

export function addMonths(month: string, n: number): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 + n;
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return `${yy}-${String(mm + 1).padStart(2, '0')}`;
}

/** Builds the panel from month-end resampled series; indicators missing in the repository are left out. */
export function buildPanel(series: { indicatorId: string; points: { date: string; value: number }[] }[]): MonthlyPanel {
  const byId = new Map<string, Map<string, number>>();
  let first: string | undefined;
  let last: string | undefined;
  for (const s of series) {
    const m = new Map<string, number>();
    for (const p of resampleMonthEnd(s.points)) if (Number.isFinite(p.value)) m.set(monthKey(p.date), p.value);
    if (m.size === 0) continue;
    byId.set(s.indicatorId, m);
    const keys = [...m.keys()];
    if (!first || keys[0]! < first) first = keys[0];
    if (!last || keys[keys.length - 1]! > last) last = keys[keys.length - 1];
  }
  const months: string[] = [];
  if (first && last) for (let k = first; k <= last; k = addMonths(k, 1)) months.push(k);
  const levels: Record<string, number[]> = {};
  for (const [id, m] of byId) levels[id] = months.map((k) => m.get(k) ?? Number.NaN);
  return { ids: [...byId.keys()], months, levels };
}

/** Loads the month-end panel of `ids` from the app's repository; ids without data are skipped. */
export async function loadPanel(
  repository: SeriesRepository,
  ids: readonly string[],
  signal?: AbortSignal,
): Promise<MonthlyPanel> {
  const loaded = await Promise.all(
    ids.map(async (id) => {
      const s = repository.find
        ? await repository.find(id, { signal })
        : await repository.get(id, { signal }).catch(() => undefined);
      return s ? { indicatorId: id, points: s.points } : undefined;
    }),
  );
  return buildPanel(loaded.filter((s): s is NonNullable<typeof s> => s !== undefined));
}
