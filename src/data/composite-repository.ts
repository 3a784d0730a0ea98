import { isRiskXpertError, RiskXpertError } from '../errors.js';
import type { Series, SeriesRepository } from './series.js';

/** Asks each repository in turn; the first that has the series answers (live data before the offline sample). */
export function createCompositeRepository(
  repositories: readonly SeriesRepository[],
  settings: { findTimeoutMs?: number } = {},
): SeriesRepository {
  /** A store lookup that outlives its budget (a MongoDB that is unreachable but not yet known to be) counts as down. */
  function bounded<T>(p: Promise<T>): Promise<T> {
    const ms = settings.findTimeoutMs;
    if (!ms) return p;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new RiskXpertError('STORE_UNAVAILABLE', `Series lookup took longer than ${ms} ms.`)),
        ms,
      );
    });
    return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
  }
  return {
    async get(indicatorId, options): Promise<Series> {
      let last: unknown;
      for (const repo of repositories) {
        if (repo.find) {
          try {
            const found = await bounded(repo.find(indicatorId, options));
            if (found) return found;
          } catch (err) {
            // A store that is down (MongoDB unreachable) must not stop answers: the next repository answers instead.
            if (!isRiskXpertError(err) || !err.retryable) throw err;
            last = err;
          }
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
