import { RiskXpertError } from '../errors.js';
import type { SeriesStore } from '../store/series-store.js';
import { CATALOG, getIndicator } from './catalog.js';
import type { Series, SeriesRepository } from './series.js';
import { hasDailyPrices } from './series-frequency.js';

/**
 * Indicator history as the ETL workers loaded it. The source line carries the load time, so an answer built on
 * stale data says how old it is.
 */
export function createStoreRepository(store: SeriesStore): SeriesRepository {
  async function find(indicatorId: string): Promise<Series | undefined> {
    const indicator = getIndicator(indicatorId);
    const stored = indicator ? await store.read(indicatorId) : undefined;
    if (!indicator || !stored) return undefined;
    return {
      indicatorId,
      // A daily indicator loaded from a monthly source (the CSV folder's H.10 crosses, a user's monthly import).
      frequency: indicator.frequency === 'D' && !hasDailyPrices(stored.points) ? 'M' : indicator.frequency,
      points: stored.points,
      version: stored.version,
      source: `${stored.source}, loaded ${stored.updatedAt.toISOString().slice(0, 10)}`,
      sample: false,
      origin: 'store',
    };
  }

  return {
    find,
    async get(indicatorId): Promise<Series> {
      const series = await find(indicatorId);
      if (!series) throw new RiskXpertError('SERIES_NOT_FOUND', `No ETL data for ${indicatorId}.`);
      return series;
    },
    async available() {
      const status = await store.status();
      return CATALOG.filter((i) => status.some((s) => s.indicatorId === i.id && s.points > 0)).map((i) => i.id);
    },
  };
}
