import type { Forecaster } from '../forecaster.js';
import { forecastWithEmpiricalQuantiles, type PointMethod } from './empirical-quantiles.js';
import { dampedHolt, drift, naive, seasonalNaive } from './point-methods.js';

export const BASELINE_NAMES = ['naive', 'seasonal-naive', 'drift', 'ets'] as const;
export type BaselineName = (typeof BASELINE_NAMES)[number];

const VERSION = 'baseline-1';

function methodFor(name: BaselineName, period: number): PointMethod {
  switch (name) {
    case 'naive':
      return naive;
    case 'seasonal-naive':
      return seasonalNaive(period);
    case 'drift':
      return drift;
    case 'ets':
      return dampedHolt;
  }
}

/** A statistical baseline as a Forecaster; `drift` is also the engine's fallback when the model cannot run. */
export function createBaselineForecaster(name: BaselineName): Forecaster {
  return {
    id: name,
    version: VERSION,
    async forecast(inputs) {
      return inputs.map((input) => forecastWithEmpiricalQuantiles(name, VERSION, methodFor(name, input.seasonPeriod ?? 12), input));
    },
  };
}
