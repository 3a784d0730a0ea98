import { isRiskXpertError, RiskXpertError } from '../errors.js';
import type { Series, SeriesRepository } from './series.js';

/** Asks each repository in turn; the first that has the series answers (live data before the offline sample). */
export function createCompositeRepository(repositories: readonly SeriesRepository[]): SeriesRepository {
  return {
    async get(indicatorId, options): Promise<Series> {
      let last: unknown;
      for (const repo of repositories) {
        if (repo.find) {
          const found = await repo.find(indicatorId, options);
          if (found) return found;
          continue;
        }
        try {
          return await repo.get(indicatorId, options);
        } catch (err) {
          if (!isRiskXpertError(err) || err.code !== 'SERIES_NOT_FOUND') throw err;
          last = err;
        }
      }
      throw last ?? new RiskXpertError('SERIES_NOT_FOUND', `No repository has ${indicatorId}.`);
    },
    async available() {
      const all = await Promise.all(repositories.map((r) => r.available()));
      return [...new Set(all.flat())];
    },
  };
}
