import { dirname, join } from 'node:path';
import type { Config } from '../config.js';
import { createBaselineForecaster } from '../forecast/baselines/index.js';
import { defaultModelPath } from '../forecast/evaluation-methods.js';
import type { Forecaster } from '../forecast/forecaster.js';
import { createModelForecaster } from '../forecast/model-forecaster.js';
import { createSelectionForecaster } from '../forecast/selection/selection-forecaster.js';

/** The forecaster FORECASTER names; the model's ONNX session opens lazily inside it, on the first forecast. */
export function buildForecaster(config: Config['forecast']): Forecaster {
  if (config.forecaster === 'selection') {
    // The served method for every indicator (models/MODEL_CARD.md): menu selection with out-of-sample bands.
    return createSelectionForecaster();
  }
  if (config.forecaster === 'model') {
    const modelPath = config.modelPath ?? defaultModelPath();
    // The calibrated model (model-calibration.ts): the same numbers the backtest and MODEL_CARD.md report.
    return createModelForecaster({
      modelPath,
      metadataPath: join(dirname(modelPath), 'metadata.json'),
      fallback: createBaselineForecaster('drift'),
    });
  }
  return createBaselineForecaster(config.forecaster);
}
