import { createCalibratedForecaster } from './calibrated-forecaster.js';
import type { Forecaster } from './forecaster.js';
import type { CalibrationSettings } from './model-calibration.js';
import { createOnnxForecaster, readModelMetadata } from './onnx-forecaster.js';

/** About 40 series' worth of past origins (errorWindow + horizon each). */
export const DEFAULT_CACHE_ENTRIES = 10_000;

/**
 * The forecaster the bot serves and the backtest scores as "model": the ONNX Transformer, calibrated on each
 * series' own past (calibrated-forecaster.ts). The metadata is read on the first forecast, as the ONNX
 * forecaster does, so building a runtime never touches the model files.
 */
export function createModelForecaster(options: {
  modelPath: string;
  metadataPath: string;
  fallback: Forecaster;
  intraOpThreads?: number;
  settings?: CalibrationSettings;
  /** Raw answers kept for calibration (11 x 24 numbers each, about 3 KB); 0 turns the cache off. */
  cacheEntries?: number;
}): Forecaster {
  const raw = createOnnxForecaster(options);
  let inner: Forecaster | undefined;
  const calibrated = () => {
    if (inner) return inner;
    const m = readModelMetadata(options.metadataPath);
    inner = createCalibratedForecaster({
      model: raw,
      contextLength: m.contextLength,
      minHistory: m.minHistory,
      maxHorizon: m.horizon,
      cacheEntries: options.cacheEntries ?? DEFAULT_CACHE_ENTRIES,
      ...(options.settings ? { settings: options.settings } : {}),
    });
    return inner;
  };
  return {
    id: raw.id,
    get version() {
      return calibrated().version;
    },
    forecast: (inputs, opts) => calibrated().forecast(inputs, opts),
    close: () => raw.close?.() ?? Promise.resolve(),
  };
}
