import type { ForecastInput, ForecastOutput, Forecaster } from './forecaster.js';
import { calibrateForecast, DEFAULT_CALIBRATION, type CalibrationSettings } from './model-calibration.js';

/** Part of the cache key with the model's own version: bump when the calibration's numbers change. */
export const CALIBRATION_VERSION = 'cal-1';

export interface CalibratedForecasterOptions {
  /** The raw model (createOnnxForecaster): its answer must depend only on the last `contextLength` values. */
  model: Forecaster;
  contextLength: number;
  /** Histories shorter than this are not the model's (it falls back); they get no past errors either. */
  minHistory: number;
  /** The model's longest horizon. */
  maxHorizon: number;
  settings?: CalibrationSettings;
}

/**
 * The model as served: its raw answer calibrated on the series' own past (model-calibration.ts). For each
 * input the model also forecasts from the last errorWindow + horizon origins of the history; every distinct
 * context in the whole batch goes to the model once, in ONE call (a backtest's origins share most of them).
 * Inputs the calibration cannot handle (a short history, a fallback, a bad horizon) get the raw answer.
 */
export function createCalibratedForecaster(options: CalibratedForecasterOptions): Forecaster {
  const settings = options.settings ?? DEFAULT_CALIBRATION;
  const L = options.contextLength;
  const key = (values: readonly number[], end: number) => values.slice(Math.max(0, end - L), end).join(',');

  async function forecast(inputs: ForecastInput[], opts?: { signal?: AbortSignal }): Promise<ForecastOutput[]> {
    const calibratable = (input: ForecastInput) =>
      Number.isInteger(input.horizon) && input.horizon >= 1 && input.horizon <= options.maxHorizon && input.values.length >= options.minHistory && input.values.every(Number.isFinite);
    // Anything out of range goes to the model as it is, so its errors and fallbacks stay the model's own.
    if (!inputs.every(calibratable)) {
      const raw = await options.model.forecast(inputs, opts);
      const ok = inputs.map(calibratable);
      if (ok.every((x) => !x)) return raw;
      const good = inputs.filter((_, i) => ok[i]);
      const calibrated = await forecast(good, opts);
      let k = 0;
      return raw.map((r, i) => (ok[i] ? calibrated[k++]! : r));
    }
    const maxH = options.maxHorizon;
    const unique = new Map<string, number>();
    const contexts: ForecastInput[] = [];
    for (const input of inputs) {
      const n = input.values.length;
      for (let end = Math.max(options.minHistory, n - input.horizon - settings.errorWindow + 1); end <= n; end += 1) {
        const k = key(input.values, end);
        if (!unique.has(k)) {
          unique.set(k, contexts.length);
          contexts.push({ values: input.values.slice(Math.max(0, end - L), end), horizon: maxH });
        }
      }
    }
    const raw = await options.model.forecast(contexts, opts);
    return inputs.map((input) => {
      const n = input.values.length;
      const first = Math.max(options.minHistory, n - input.horizon - settings.errorWindow + 1);
      const byEnd = Array.from({ length: n - first + 1 }, (_, k) => raw[unique.get(key(input.values, first + k))!]!);
      const at = (end: number) => {
        const out = end >= first ? byEnd[end - first] : undefined;
        return out?.fallbackReason === undefined ? out : undefined;
      };
      const current = byEnd[n - first]!;
      const sliced = { ...current, quantiles: current.quantiles.map((row) => row.slice(0, input.horizon)) };
      const quantiles = calibrateForecast(input.values, input.horizon, current.levels, at, settings);
      return quantiles ? { ...sliced, version: `${current.version}+${CALIBRATION_VERSION}`, quantiles } : sliced;
    });
  }

  return {
    id: options.model.id,
    get version() {
      return `${options.model.version}+${CALIBRATION_VERSION}`;
    },
    forecast,
    close: async () => options.model.close?.(),
  };
}
