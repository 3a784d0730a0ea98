import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { RiskXpertError } from '../errors.js';
import { readCsvSeries } from './read-csv-series.js';
import type { Series, SeriesRepository } from './series.js';
import { seriesVersion } from './series-version.js';

/**
 * The offline default: real S&P 500 daily closes (2000-01-03..2020-04-17) that ship inside the
 * `vega-datasets` npm package, so `riskxpert ask` works on a fresh machine with no data folder and no network.
 * Every answer built on it says it is an offline sample, never live data.
 */
export function createSampleRepository(): SeriesRepository {
  let cached: Promise<Series> | undefined;

  function load(): Promise<Series> {
    cached ??= (async () => {
      // The package exports only its JS entry (build/index.js); the CSVs sit beside build/ in data/.
      const entry = createRequire(import.meta.url).resolve('vega-datasets');
      const file = join(dirname(entry), '..', 'data', 'sp500-2000.csv');
      const { points } = readCsvSeries(
        await readFile(file, 'utf8'),
        { dateCol: 'date', valueCol: 'close' },
        'sp500-2000.csv',
      );
      return {
        indicatorId: 'sp500',
        frequency: 'D',
        points,
        version: seriesVersion(points),
        source: 'vega-datasets sp500-2000.csv: S&P 500 daily close 2000-01..2020-04, offline sample, not live',
        sample: true,
        origin: 'sample',
      };
    })();
    cached.catch(() => (cached = undefined));
    return cached;
  }

  return {
    async get(indicatorId) {
      if (indicatorId !== 'sp500') {
        throw new RiskXpertError('SERIES_NOT_FOUND', `The offline sample only has the S&P 500, not ${indicatorId}.`);
      }
      return load();
    },
    async available() {
      return ['sp500'];
    },
  };
}
