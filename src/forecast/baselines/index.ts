import { RiskXpertError } from '../../errors.js';
import type { ForecastInput, ForecastOutput, Forecaster } from '../forecaster.js';
import { drift } from './drift.js';
import {
  forecastWithEmpiricalQuantiles,
  type EmpiricalQuantileOptions,
  type PointMethod,
} from './empirical-quantiles.js';
import { dampedHolt } from './ets.js';
import { naive } from './naive.js';
import { seasonalNaive } from './seasonal-naive.js';

export { BASELINE_LEVELS, DEFAULT_ERROR_WINDOW } from './empirical-quantiles.js';

export const BASELINE_NAMES = ['naive', 'seasonal-naive', 'drift', 'ets'] as const;
export type BaselineName = (typeof BASELINE_NAMES)[number];

/** Part of the cache key: bump when a baseline's numbers change. */
export const BASELINE_VERSION = 'baseline-2';

export function isBaselineName(name: string): name is BaselineName {
  return (BASELINE_NAMES as readonly string[]).includes(name);
}

function forecastOne(name: BaselineName, input: ForecastInput, options: EmpiricalQuantileOptions): ForecastOutput {
  const run = (label: string, method: PointMethod) =>
    forecastWithEmpiricalQuantiles(label, BASELINE_VERSION, method, input, options);
  switch (name) {
    case 'naive':
      return run('naive', naive);
    case 'drift':
      return run('drift', drift);
    case 'seasonal-naive': {
      const period = input.seasonPeriod ?? 12;
      // Below period + horizon points there is not one full season plus a horizon to learn errors from.
      if (input.values.length < period + input.horizon) {
        return {
          ...run('naive', naive),
          fallbackReason: `seasonal naive (period ${period}) needs period + horizon = ${period + input.horizon} points, got ${input.values.length}; naive used`,
        };
      }
      return run('seasonal-naive', seasonalNaive(period));
    }
    case 'ets':
      if (input.values.length < dampedHolt.minHistory) {
        return {
          ...run('naive', naive),
          fallbackReason: `damped Holt needs ${dampedHolt.minHistory} points, got ${input.values.length}; naive used`,
        };
      }
      return run('ets', dampedHolt);
  }
}

/**
 * A statistical baseline as a Forecaster. `drift` is also the engine's fallback when the model cannot run:
 * it answers from two points, a constant series and negative values (see empirical-quantiles.ts for the band).
 */
export function createBaselineForecaster(name: BaselineName, options: EmpiricalQuantileOptions = {}): Forecaster {
  if (!isBaselineName(name))
    throw new RiskXpertError(
      'BAD_REQUEST',
      `Unknown baseline "${String(name)}"; available: ${BASELINE_NAMES.join(', ')}.`,
    );
  return {
    id: name,
    version: BASELINE_VERSION,
    async forecast(inputs, opts) {
      return inputs.map((input) => {
        if (opts?.signal?.aborted) throw new RiskXpertError('ABORTED', `${name} forecast aborted.`);
        return forecastOne(name, input, options);
      });
    },
  };
}
