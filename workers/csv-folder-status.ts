import { createCsvDirectoryRepository } from '../src/data/csv-directory-repository.js';
import { getIndicator } from '../src/data/catalog.js';
import { isStale } from '../src/data/staleness.js';
import { toRiskXpertError } from '../src/errors.js';

export interface CsvFolderStatus {
  indicatorId: string;
  points: number;
  firstDate?: string;
  lastDate?: string;
  /** `csv:<file>` as the series names it; `ask` reads it when the embedded store has no data for the indicator. */
  source: string;
  error?: string;
}

/** The series a CSV folder (RISKXPERT_DATA_DIR) offers, as `status` lists them beside the loaded data. */
export async function csvFolderStatus(dir: string): Promise<CsvFolderStatus[]> {
  const repo = createCsvDirectoryRepository({ dir });
  const out: CsvFolderStatus[] = [];
  for (const id of await repo.available()) {
    try {
      const s = await repo.get(id);
      out.push({
        indicatorId: id,
        points: s.points.length,
        firstDate: s.points[0]?.date,
        lastDate: s.points.at(-1)?.date,
        source: `csv:${s.source.split(' (')[0]}`,
      });
    } catch (err) {
      out.push({ indicatorId: id, points: 0, source: 'csv', error: toRiskXpertError(err).message });
    }
  }
  return out;
}

export function formatCsvStatusLine(s: CsvFolderStatus, now: number): string {
  const frequency = getIndicator(s.indicatorId)?.frequency ?? 'D';
  const stale = s.lastDate ? isStale(frequency, s.lastDate, now) : true;
  return `${s.indicatorId.padEnd(15)} ${s.source.padEnd(28)} ${String(s.points).padStart(6)} pts  ${s.firstDate ?? '-'}..${s.lastDate ?? '-'}${stale ? ' STALE' : ''}${s.error ? `  error: ${s.error}` : ''}`;
}
