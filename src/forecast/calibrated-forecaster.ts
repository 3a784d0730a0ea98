import { LRUCache } from 'lru-cache';
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
  /**
   * Raw answers kept by context (0: none). A past origin's context never changes, so a series asked again,
   * or a month later, costs the model only its new contexts instead of errorWindow + horizon of them.
   */
  cacheEntries?: number;
  /** Contexts per model call: bounds the ONNX arena that one huge batch would grow (default 1024). */
  maxBatch?: number;
}

/**
 * The model as served: its raw answer calibrated on the series' own past (model-calibration.ts). For each
 * input the model also forecasts from the last errorWindow + horizon origins of the history; every distinct
 * context in the whole batch goes to the model once, in as few calls as maxBatch allows (a backtest's origins
 * share most of them).
 * Inputs the calibration cannot handle (a short history, a fallback, a bad horizon) get the raw answer.
 */
export function createCalibratedForecaster(options: CalibratedForecasterOptions): Forecaster {
  const settings = options.settings ?? DEFAULT_CALIBRATION;
  const L = options.contextLength;
  const key = (values: readonly number[], end: number) => values.slice(Math.max(0, end - L), end).join(',');
  const cache = options.cacheEntries ? new LRUCache<string, ForecastOutput>({ max: options.cacheEntries }) : undefined;
  const maxBatch = options.maxBatch ?? 1024;

  async function runModel(
    contexts: ForecastInput[],
    keys: string[],
    opts?: { signal?: AbortSignal },
  ): Promise<ForecastOutput[]> {
    const out = keys.map((k) => cache?.get(k));
    const missing = out.flatMap((o, i) => (o ? [] : [i]));
    for (let i = 0; i < missing.length; i += maxBatch) {
      const chunk = missing.slice(i, i + maxBatch);
      const answers = await options.model.forecast(
        chunk.map((j) => contexts[j]!),
        opts,
      );
      chunk.forEach((j, k) => {
        out[j] = answers[k]!;
        cache?.set(keys[j]!, answers[k]!);
      });
    }
    return out as ForecastOutput[];
  }

  async function forecast(inputs: ForecastInput[], opts?: { signal?: AbortSignal }): Promise<ForecastOutput[]> {
    const calibratable = (input: ForecastInput) =>
      Number.isInteger(input.horizon) &&
      input.horizon >= 1 &&
      input.horizon <= options.maxHorizon &&
      input.values.length >= options.minHistory &&
      input.values.every(Number.isFinite);
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
    const firstEnd = (input: ForecastInput) =>
      Math.max(options.minHistory, input.values.length - input.horizon - settings.errorWindow + 1);
    // For each input, the index in `contexts` of every origin from firstEnd to the end of its history.
    const positions = inputs.map((input) => {
      const n = input.values.length;
      const at: number[] = [];
      for (let end = firstEnd(input); end <= n; end += 1) {
        const k = key(input.values, end);
        let i = unique.get(k);
        if (i === undefined) {
          i = contexts.length;
          unique.set(k, i);
          contexts.push({ values: input.values.slice(Math.max(0, end - L), end), horizon: maxH });
        }
        at.push(i);
      }
      return at;
    });
    const raw = await runModel(contexts, [...unique.keys()], opts);
    return inputs.map((input, j) => {
      const n = input.values.length;
      const first = firstEnd(input);
      const byEnd = positions[j]!.map((i) => raw[i]!);
      const at = (end: number) => {
        const out = end >= first ? byEnd[end - first] : undefined;
        return out?.fallbackReason === undefined ? out : undefined;
      };
      const current = byEnd[n - first]!;
      // Copies: `current` may be a cached answer that later calls share.
      const sliced = {
        ...current,
        levels: [...current.levels],
        quantiles: current.quantiles.map((row) => row.slice(0, input.horizon)),
      };
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
