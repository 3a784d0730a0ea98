import { createCalibratedForecaster } from './calibrated-forecaster.js';
import type { Forecaster } from './forecaster.js';
import type { CalibrationSettings } from './model-calibration.js';
import { createOnnxForecaster, readModelMetadata } from './onnx-forecaster.js';

/**
 * The forecaster the bot serves and the backtest scores as "model": the ONNX Transformer, calibrated on each
 * series' own past (calibrated-forecaster.ts). The metadata is read on the first forecast, as the ONNX
 * forecaster does, so building a runtime never touches the model files.
 */
export function createModelForecaster(options: { modelPath: string; metadataPath: string; fallback: Forecaster; intraOpThreads?: number; settings?: CalibrationSettings }): Forecaster {
  const raw = createOnnxForecaster(options);
  let inner: Forecaster | undefined;
  const calibrated = () => {
    if (inner) return inner;
    const m = readModelMetadata(options.metadataPath);
    inner = createCalibratedForecaster({ model: raw, contextLength: m.contextLength, minHistory: m.minHistory, maxHorizon: m.horizon, ...(options.settings ? { settings: options.settings } : {}) });
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
