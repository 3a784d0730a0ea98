import type { Series, SeriesRepository } from '../data/series.js';
import { RiskXpertError, toRiskXpertError } from '../errors.js';
import { indicatorName } from '../data/catalog.js';
import { t } from '../messages/t.js';
import type { StaleData } from './answer-types.js';
import type { Planned } from './resolve-request.js';
import { staleDataOf } from './stale-notice.js';
import { stockPriceMessage } from './stock-messages.js';
import { indicatorList } from './user-messages.js';

/**
 * Step 2: the series and its staleness. Stale live data asks for a refresh (fire and forget) and is answered from what
 * is there; a missing series becomes a message that lists what can be asked now.
 */
export async function loadSeries(
  deps: {
    series: SeriesRepository;
    now: () => number;
    onStaleSeries?: ((indicatorId: string, lastDate: string) => void) | undefined;
  },
  r: Planned,
  signal: AbortSignal | undefined,
): Promise<{ series: Series; stale: StaleData | undefined }> {
  try {
    const series = await deps.series.get(r.indicator.id, signal ? { signal } : {});
    const stale = staleDataOf(series, deps.now());
    // The offline sample is old by design: no refresh can make it newer.
    if (deps.onStaleSeries && stale && !series.sample) {
      try {
        deps.onStaleSeries(r.indicator.id, stale.lastDate);
      } catch {
        // a refresh request must never cost the answer
      }
    }
    return { series, stale };
  } catch (err) {
    const e = toRiskXpertError(err);
    if (e.code !== 'SERIES_NOT_FOUND') throw e;
    if (e.details?.['stockPrice'])
      throw new RiskXpertError('SERIES_NOT_FOUND', stockPriceMessage(r.locale, r.indicator, e.details), { cause: e });
    const available = await deps.series.available().catch(() => []);
    const name = indicatorName(r.indicator, r.locale);
    const list = indicatorList(r.locale, available);
    throw new RiskXpertError(
      'SERIES_NOT_FOUND',
      `${t(r.locale, 'engine.seriesNotReady', { name })}${list ? t(r.locale, 'engine.availableNow', { list }) : ''}`,
      { cause: e },
    );
  }
}
