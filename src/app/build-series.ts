import type { Config } from '../config.js';
import { createCompositeRepository } from '../data/composite-repository.js';
import { createCsvDirectoryRepository } from '../data/csv-directory-repository.js';
import { createSampleRepository } from '../data/sample-repository.js';
import type { SeriesRepository } from '../data/series.js';
import { createStoreRepository } from '../data/store-repository.js';
import type { SeriesStore } from '../store/series-store.js';

/** ETL-loaded data first, then a CSV folder, then the offline sample. */
export function buildSeriesRepository(config: Config, seriesStore: SeriesStore, notices: string[]): SeriesRepository {
  const repos: SeriesRepository[] = [createStoreRepository(seriesStore)];
  if (config.data.dir) repos.push(createCsvDirectoryRepository({ dir: config.data.dir }));
  else notices.push('data: offline S&P 500 sample from vega-datasets (set RISKXPERT_DATA_DIR for real indicator data)');
  repos.push(createSampleRepository());
  // A store lookup gets 1.5 s: an unreachable MongoDB then costs the first answers that, not the driver's timeout.
  return createCompositeRepository(repos, { findTimeoutMs: 1_500 });
}
