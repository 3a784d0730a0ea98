import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { RiskXpertError } from '../errors.js';
import { CATALOG, getIndicator, type Indicator } from './catalog.js';
import { readCsvSeries } from './read-csv-series.js';
import type { Series, SeriesRepository } from './series.js';
import { seriesVersion } from './series-version.js';

/**
 * Series from CSV files in one directory, using each indicator's file mappings (the shared data folder's
 * layout, or the plain `<id>.csv` with `date,value`). Parsed series are kept until the file changes.
 */
export function createCsvDirectoryRepository(options: {
  dir: string;
  catalog?: readonly Indicator[];
}): SeriesRepository {
  const catalog = options.catalog ?? CATALOG;
  const memo = new Map<string, { stamp: string; series: Series }>();

  async function fileStamp(path: string): Promise<string | undefined> {
    try {
      const s = await stat(path);
      return s.isFile() ? `${s.size}:${s.mtimeMs}` : undefined;
    } catch {
      return undefined;
    }
  }

  async function get(indicatorId: string): Promise<Series> {
    const indicator = catalog.find((i) => i.id === indicatorId) ?? getIndicator(indicatorId);
    if (!indicator) throw new RiskXpertError('SERIES_NOT_FOUND', `Unknown indicator ${indicatorId}.`);
    for (const source of indicator.csv) {
      const path = join(options.dir, source.file);
      const stamp = await fileStamp(path);
      if (!stamp) continue;
      const key = `${indicatorId}:${path}`;
      const hit = memo.get(key);
      if (hit && hit.stamp === stamp) return hit.series;
      const { points } = readCsvSeries(await readFile(path, 'utf8'), source, source.file);
      if (points.length === 0)
        throw new RiskXpertError('SERIES_INVALID', `${source.file}: no valid rows for ${indicatorId}.`);
      const series: Series = {
        indicatorId,
        frequency: source.frequency ?? indicator.frequency,
        points,
        version: seriesVersion(points),
        source: `${source.file} (${points[0]!.date.slice(0, 7)}..${points[points.length - 1]!.date.slice(0, 7)})`,
        sample: false,
        origin: 'folder',
      };
      memo.set(key, { stamp, series });
      return series;
    }
    throw new RiskXpertError(
      'SERIES_NOT_FOUND',
      `No CSV for ${indicatorId} in ${options.dir} (tried ${indicator.csv.map((s) => s.file).join(', ')}).`,
    );
  }

  return {
    get: (id) => get(id),
    async available() {
      const ids: string[] = [];
      for (const indicator of catalog) {
        for (const source of indicator.csv) {
          if (await fileStamp(join(options.dir, source.file))) {
            ids.push(indicator.id);
            break;
          }
        }
      }
      return ids;
    },
  };
}
