import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { createBaselineForecaster } from '../baselines/index.js';
import { RiskXpertError } from '../../errors.js';
import type { ForecastInput, ForecastOutput, Forecaster } from '../forecaster.js';
import { calibrationReach } from './band-calibration.js';
import { MAX_LOOKBACK, MIN_MENU_HISTORY } from './menu.js';
import {
  analyseSeries,
  DEFAULT_SELECTION,
  firstNeededOrigin,
  SELECTION_LEVELS,
  type SelectionSettings,
} from './selection-core.js';
import { lastScorableOrigins, scoreOrigins, summarise } from './track-record.js';

/** Part of the cache key: bump when the menu, the selection or the band change numbers. */
export const SELECTION_VERSION = 'select-3';

/** Five years of monthly origins: the track record an answer quotes. */
export const TRACK_ORIGINS = 60;

/**
 * Months of history an answer (up to 24 months ahead) and its track record can depend on: the origins
 * firstNeededOrigin reaches back to, plus the longest window a menu method reads. Given at least this much,
 * the answer is exactly the one the evaluation scores at that origin; the engine passes this many months.
 */
export const SELECTION_HISTORY_MONTHS =
  TRACK_ORIGINS +
  3 * 24 +
  DEFAULT_SELECTION.scoreWindow +
  DEFAULT_SELECTION.errorWindow +
  calibrationReach(DEFAULT_SELECTION) +
  2 +
  MAX_LOOKBACK;

/**
 * Families whose band is standardised by recent volatility. Chosen on origins whose targets end before 2016-01
 * (`npm run eval:forecast -- --select`, MODEL_CARD.md): it helps equities, rates and commodities, hurts FX a lot,
 * leaves VIX as it was; on Korea CPI it helped there (FORECASTING.md's study found the opposite after 2016).
 */
export const VOL_SCALED_FAMILIES: ReadonlySet<string> = new Set(['equity', 'rate', 'commodity', 'inflation', 'stock']);

/**
 * Families whose median is naive's (the random walk) rather than the selection's: chosen on origins whose targets
 * end before 2016-01 (`--select`, MODEL_CARD.md).
 */
export const NAIVE_MEDIAN_FAMILIES: ReadonlySet<string> = new Set(['fx', 'equity', 'commodity', 'stock']);

/** Families whose band is not centred on its errors' median, so the median carries the composite's own bias (round 4b). */
export const UNCENTRED_FAMILIES: ReadonlySet<string> = new Set([]);

/**
 * Families whose band scale is the daily realised volatility where daily points are given (round 5,
 * ROUND5_RULES.md; empty: the monthly EWMA everywhere, select-3).
 */
export const DAILY_VOL_FAMILIES: ReadonlySet<string> = new Set([]);

/** Rates (and anything that touches zero) in levels; positive multiplicative series in logs. */
export function useLogs(values: readonly number[], family: ForecastInput['family']): boolean {
  return family !== 'rate' && values.every((v) => v > 0);
}

export interface SelectionForecasterOptions {
  settings?: SelectionSettings;
  /** Whole answers kept by (series content, horizon, family) (default 256; 0: none). */
  cacheEntries?: number;
  volScaledFamilies?: ReadonlySet<string>;
  naiveMedianFamilies?: ReadonlySet<string>;
  uncentredFamilies?: ReadonlySet<string>;
}

/**
 * The served forecaster: per series and step, the mean of the two menu methods (menu.ts) with the lowest
 * out-of-sample error over the trailing 120 origins (composite-median.ts), with a band from the composite's own
 * last 240 out-of-sample errors (composite-band.ts), and its track record on the series at the asked horizon.
 * Too short a history (under MIN_MENU_HISTORY + 2 months) goes to the drift baseline, said in fallbackReason.
 */
export function createSelectionForecaster(options: SelectionForecasterOptions = {}): Forecaster {
  const settings = options.settings ?? DEFAULT_SELECTION;
  const scaled = options.volScaledFamilies ?? VOL_SCALED_FAMILIES;
  const naiveMedian = options.naiveMedianFamilies ?? NAIVE_MEDIAN_FAMILIES;
  const uncentred = options.uncentredFamilies ?? UNCENTRED_FAMILIES;
  const entries = options.cacheEntries ?? 256;
  const cache = entries > 0 ? new LRUCache<string, ForecastOutput>({ max: entries }) : undefined;
  const drift = createBaselineForecaster('drift');

  function forecastOne(input: ForecastInput): ForecastOutput {
    const H = input.horizon;
    const values = input.values;
    const logs = useLogs(values, input.family);
    const y = Float64Array.from(values, (v) => (logs ? Math.log(v) : v));
    const n = y.length;
    const a = analyseSeries(y, {
      H,
      firstOrigin: firstNeededOrigin(n, H, TRACK_ORIGINS, settings),
      volScaling: input.family !== undefined && scaled.has(input.family),
      naiveMedian: input.family !== undefined && naiveMedian.has(input.family),
      uncentred: input.family !== undefined && uncentred.has(input.family),
      logs,
      settings,
    });
    const back = logs ? Math.exp : (v: number) => v;
    const band = a.bandOffsets(n, H);
    const median = a.path(n, H);
    const quantiles = SELECTION_LEVELS.map((_, i) => band.map((row, k) => back(median[k]! + row[i]!)));
    const origins = lastScorableOrigins(a, H, TRACK_ORIGINS);
    const trackRecord = origins.length >= 12 ? summarise(scoreOrigins(a, y, origins, H, back), H) : undefined;
    return {
      method: 'selection',
      version: SELECTION_VERSION,
      levels: [...SELECTION_LEVELS],
      quantiles,
      provenance: { methods: a.chosen(n, H - 1), ...(trackRecord ? { trackRecord } : {}) },
    };
  }

  return {
    id: 'selection',
    version: SELECTION_VERSION,
    async forecast(inputs, opts) {
      const out: ForecastOutput[] = [];
      for (const input of inputs) {
        if (opts?.signal?.aborted) throw new RiskXpertError('ABORTED', 'selection forecast aborted.');
        const H = input.horizon;
        if (!Number.isInteger(H) || H < 1 || H > 24)
          throw new RiskXpertError('HORIZON_OUT_OF_RANGE', `selection: horizon must be 1..24, got ${H}.`);
        if (!input.values.every(Number.isFinite))
          throw new RiskXpertError('SERIES_INVALID', 'selection: history has non-finite values.');
        if (input.values.length < MIN_MENU_HISTORY + 2) {
          const [d] = await drift.forecast([input], opts);
          out.push({
            ...d!,
            fallbackReason: `the selection needs ${MIN_MENU_HISTORY + 2} months of history, got ${input.values.length}; drift used`,
          });
          continue;
        }
        const key = cache ? `${H}|${input.family ?? ''}|${digest(input.values)}` : '';
        const hit = cache?.get(key);
        if (hit) {
          out.push(copy(hit));
          continue;
        }
        const answer = forecastOne(input);
        cache?.set(key, answer);
        out.push(copy(answer));
      }
      return out;
    },
  };
}

/** The data version of a series as the forecaster sees it: a digest of its values. */
function digest(values: readonly number[]): string {
  const f = Float64Array.from(values);
  return createHash('sha1').update(Buffer.from(f.buffer)).digest('base64');
}

function copy(o: ForecastOutput): ForecastOutput {
  return {
    ...o,
    levels: [...o.levels],
    quantiles: o.quantiles.map((r) => [...r]),
    ...(o.provenance ? { provenance: structuredClone(o.provenance) } : {}),
  };
}
