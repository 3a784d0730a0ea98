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
    const ok = inputs.map((input) => calibratable(input, options));
    // Anything out of range goes to the model as it is, so its errors and fallbacks stay the model's own.
    if (!ok.every(Boolean)) {
      const raw = await options.model.forecast(inputs, opts);
      if (ok.every((x) => !x)) return raw;
      const calibrated = await forecast(
        inputs.filter((_, i) => ok[i]),
        opts,
      );
      let k = 0;
      return raw.map((r, i) => (ok[i] ? calibrated[k++]! : r));
    }
    const firstEnd = (input: ForecastInput) =>
      Math.max(options.minHistory, input.values.length - input.horizon - settings.errorWindow + 1);
    const { contexts, keys, positions } = originContexts(inputs, firstEnd, L, options.maxHorizon, key);
    const raw = await runModel(contexts, keys, opts);
    return inputs.map((input, j) =>
      calibrateOne(
        input,
        positions[j]!.map((i) => raw[i]!),
        firstEnd(input),
        settings,
      ),
    );
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

/** Whether the calibration can handle this input (else it gets the model's raw answer). */
function calibratable(input: ForecastInput, o: CalibratedForecasterOptions): boolean {
  return (
    Number.isInteger(input.horizon) &&
    input.horizon >= 1 &&
    input.horizon <= o.maxHorizon &&
    input.values.length >= o.minHistory &&
    input.values.every(Number.isFinite)
  );
}

/**
 * Every distinct context the batch needs (the last L values before each origin from firstEnd to the end of each
 * history), once, and for each input the index in `contexts` of each of its origins.
 */
function originContexts(
  inputs: readonly ForecastInput[],
  firstEnd: (input: ForecastInput) => number,
  L: number,
  maxH: number,
  key: (values: readonly number[], end: number) => string,
): { contexts: ForecastInput[]; keys: string[]; positions: number[][] } {
  const unique = new Map<string, number>();
  const contexts: ForecastInput[] = [];
  const positions = inputs.map((input) => {
    const at: number[] = [];
    for (let end = firstEnd(input); end <= input.values.length; end += 1) {
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
  return { contexts, keys: [...unique.keys()], positions };
}

/** One input's answer: the raw answer at its last origin, calibrated on the raw answers at its past origins. */
function calibrateOne(
  input: ForecastInput,
  byEnd: readonly ForecastOutput[],
  first: number,
  settings: CalibrationSettings,
): ForecastOutput {
  const at = (end: number) => {
    const out = end >= first ? byEnd[end - first] : undefined;
    return out?.fallbackReason === undefined ? out : undefined;
  };
  const current = byEnd[input.values.length - first]!;
  // Copies: `current` may be a cached answer that later calls share.
  const sliced = {
    ...current,
    levels: [...current.levels],
    quantiles: current.quantiles.map((row) => row.slice(0, input.horizon)),
  };
  const quantiles = calibrateForecast(input.values, input.horizon, current.levels, at, settings);
  return quantiles ? { ...sliced, version: `${current.version}+${CALIBRATION_VERSION}`, quantiles } : sliced;
}
