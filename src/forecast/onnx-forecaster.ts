import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { RiskXpertError } from '../errors.js';
import type { ForecastInput, ForecastOutput, Forecaster } from './forecaster.js';
import { postprocess, preprocess, type ModelSpec } from './model-preprocessing.js';
import { getSession, releaseSession } from './onnx-session.js';

const metadataSchema = z.object({
  modelId: z.string(),
  version: z.string(),
  contextLength: z.number().int().positive(),
  minHistory: z.number().int().positive(),
  horizon: z.number().int().positive(),
  quantileLevels: z.array(z.number()).min(3),
  scaleFloor: z.number().positive(),
  frequencies: z.record(z.string(), z.number().int()),
  servingFrequency: z.string(),
});

export type ModelMetadata = z.infer<typeof metadataSchema>;

export function readModelMetadata(path: string): ModelMetadata {
  try {
    return metadataSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch (err) {
    throw new RiskXpertError(
      'MODEL_UNAVAILABLE',
      `Model metadata ${path} is missing or invalid: ${(err as Error).message}`,
      { cause: err },
    );
  }
}

/**
 * The Transformer forecaster. Inputs the model cannot honestly handle (too short, NaN/Infinity) go to the
 * fallback baseline, and the output says why. Everything else runs in ONE session.run for the whole batch.
 */
export function createOnnxForecaster(options: {
  modelPath: string;
  metadataPath: string;
  fallback: Forecaster;
  intraOpThreads?: number;
}): Forecaster {
  let meta: ModelMetadata | undefined;
  const metadata = () => (meta ??= readModelMetadata(options.metadataPath));

  async function forecast(inputs: ForecastInput[], opts?: { signal?: AbortSignal }): Promise<ForecastOutput[]> {
    const m = metadata();
    const spec: ModelSpec = m;
    const outputs = new Array<ForecastOutput | undefined>(inputs.length);
    const fallbackIdx: { i: number; reason: string }[] = [];
    const modelIdx: number[] = [];
    inputs.forEach((input, i) => {
      if (!Number.isInteger(input.horizon) || input.horizon < 1 || input.horizon > m.horizon) {
        throw new RiskXpertError(
          'HORIZON_OUT_OF_RANGE',
          `The model forecasts 1..${m.horizon} steps, not ${input.horizon}.`,
        );
      }
      const bad = input.values.findIndex((v) => !Number.isFinite(v));
      if (bad >= 0)
        fallbackIdx.push({ i, reason: `the history has a missing or non-finite value at position ${bad + 1}` });
      else if (input.values.length < m.minHistory) {
        fallbackIdx.push({
          i,
          reason: `the history has ${input.values.length} months; the model needs at least ${m.minHistory}`,
        });
      } else modelIdx.push(i);
    });

    if (modelIdx.length > 0) {
      const ort = await import('onnxruntime-node');
      const session = await getSession(options.modelPath, { intraOpThreads: options.intraOpThreads ?? 1 });
      const L = m.contextLength;
      const zs = new Float32Array(modelIdx.length * L);
      const freq = new BigInt64Array(modelIdx.length).fill(BigInt(m.frequencies[m.servingFrequency] ?? 2));
      const prepared = modelIdx.map((i, k) => {
        const p = preprocess(inputs[i]!.values, spec);
        zs.set(p.z, k * L);
        return p;
      });
      if (opts?.signal?.aborted) throw new RiskXpertError('ABORTED', 'Forecast cancelled.');
      const result = await session.run({
        z: new ort.Tensor('float32', zs, [modelIdx.length, L]),
        freq: new ort.Tensor('int64', freq, [modelIdx.length]),
      });
      const raw = result.quantiles!.data as Float32Array;
      const stride = m.horizon * m.quantileLevels.length;
      modelIdx.forEach((i, k) => {
        outputs[i] = {
          method: m.modelId,
          version: m.version,
          levels: [...m.quantileLevels],
          quantiles: postprocess(raw, k * stride, prepared[k]!, spec, inputs[i]!.horizon),
        };
      });
    }

    if (fallbackIdx.length > 0) {
      const usable = fallbackIdx.map(({ i }) => ({ ...inputs[i]!, values: inputs[i]!.values.filter(Number.isFinite) }));
      const results = await options.fallback.forecast(usable, opts);
      fallbackIdx.forEach(({ i, reason }, k) => {
        outputs[i] = { ...results[k]!, fallbackReason: `${reason}, so a ${options.fallback.id} baseline was used` };
      });
    }
    return outputs as ForecastOutput[];
  }

  return {
    id: 'patchtst-q',
    get version() {
      return metadata().version;
    },
    forecast,
    close: () => releaseSession(options.modelPath),
  };
}
