import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { RiskXpertError } from '../errors.js';
import { getSession } from './onnx-session.js';

export const EXCHANGE_INPUT = 96;
export const EXCHANGE_HORIZONS = [96, 192, 336, 720] as const;

/** Published MSE / MAE on Exchange (multivariate, input 96 unless noted), as the papers report them. */
export const PUBLISHED: Record<string, [number, number][]> = {
  'Repeat (DLinear paper)': [[0.081, 0.196], [0.167, 0.289], [0.305, 0.396], [0.823, 0.681]],
  iTransformer: [[0.086, 0.206], [0.177, 0.299], [0.331, 0.417], [0.847, 0.691]],
  PatchTST: [[0.088, 0.205], [0.176, 0.299], [0.301, 0.397], [0.901, 0.714]],
  DLinear: [[0.088, 0.218], [0.176, 0.315], [0.313, 0.427], [0.839, 0.695]],
  TimesNet: [[0.107, 0.234], [0.226, 0.344], [0.367, 0.448], [0.964, 0.746]],
  FEDformer: [[0.148, 0.278], [0.271, 0.38], [0.46, 0.5], [1.195, 0.841]],
  Autoformer: [[0.197, 0.323], [0.3, 0.369], [0.509, 0.524], [1.447, 0.941]],
  Informer: [[0.847, 0.752], [1.204, 0.895], [1.672, 1.036], [2.478, 1.31]],
  'DLinear (input 336)': [[0.081, 0.203], [0.157, 0.293], [0.305, 0.414], [0.643, 0.601]],
};

export interface ExchangeModel {
  /** inputs: z-scored windows of length 96; returns forecasts of length >= 720 in the same units. */
  predict(inputs: Float32Array[]): Promise<Float32Array[]>;
}

export function createExchangeModel(options: { modelPath: string; batchSize?: number }): ExchangeModel {
  return {
    async predict(inputs) {
      const ort = await import('onnxruntime-node');
      const session = await getSession(options.modelPath);
      const out: Float32Array[] = [];
      const bs = options.batchSize ?? 1024;
      for (let i = 0; i < inputs.length; i += bs) {
        const batch = inputs.slice(i, i + bs);
        const data = new Float32Array(batch.length * EXCHANGE_INPUT);
        batch.forEach((x, k) => data.set(x, k * EXCHANGE_INPUT));
        const res = await session.run({ x: new ort.Tensor('float32', data, [batch.length, EXCHANGE_INPUT]) });
        const y = res.y!.data as Float32Array;
        const width = y.length / batch.length;
        for (let k = 0; k < batch.length; k += 1) out.push(y.subarray(k * width, (k + 1) * width));
      }
      return out;
    },
  };
}

/** TSLib Dataset_Custom borders: 70% train, 20% test, the rest validation; val and test start L rows early. */
export function splitBorders(rows: number, inputLength = EXCHANGE_INPUT) {
  const train = Math.floor(rows * 0.7);
  const test = Math.floor(rows * 0.2);
  const val = rows - train - test;
  return { train: [0, train] as const, val: [train - inputLength, train + val] as const, test: [rows - test - inputLength, rows] as const };
}

export interface ExchangeScores {
  horizons: Record<string, { model?: { mse: number; mae: number }; repeat: { mse: number; mae: number }; windows: number }>;
}

/**
 * The long-horizon protocol on a wide CSV (date column, then one column per series): z-score with training
 * statistics, every test window (stride 1) of every column, MSE and MAE on the normalised scale.
 */
export async function evaluateExchange(csvText: string, model?: ExchangeModel, horizons: readonly number[] = EXCHANGE_HORIZONS): Promise<ExchangeScores> {
  const rows = (parse(csvText, { bom: true, skip_empty_lines: true }) as string[][]).slice(1).map((r) => r.slice(1).map(Number));
  if (rows.length === 0 || rows.some((r) => r.some((v) => !Number.isFinite(v)))) throw new RiskXpertError('SERIES_INVALID', 'Exchange CSV has non-numeric values.');
  const n = rows.length;
  const cols = rows[0]!.length;
  const b = splitBorders(n);
  const mean = new Array<number>(cols).fill(0);
  const std = new Array<number>(cols).fill(0);
  for (let c = 0; c < cols; c += 1) {
    for (let t = 0; t < b.train[1]; t += 1) mean[c]! += rows[t]![c]!;
    mean[c]! /= b.train[1];
    for (let t = 0; t < b.train[1]; t += 1) std[c]! += (rows[t]![c]! - mean[c]!) ** 2;
    std[c] = Math.sqrt(std[c]! / b.train[1]);
  }
  const z = (t: number, c: number) => (rows[t]![c]! - mean[c]!) / std[c]!;
  const [lo, hi] = b.test;
  const maxH = Math.max(...horizons);
  // One model call per window start, sliced for every horizon.
  const starts: { c: number; t: number }[] = [];
  for (let c = 0; c < cols; c += 1) for (let t = lo; t + EXCHANGE_INPUT + Math.min(...horizons) <= hi; t += 1) starts.push({ c, t });
  const inputs = starts.map(({ c, t }) => Float32Array.from({ length: EXCHANGE_INPUT }, (_, i) => z(t + i, c)));
  const preds = model ? await model.predict(inputs) : undefined;
  if (preds && preds[0]!.length < maxH) throw new RiskXpertError('MODEL_UNAVAILABLE', `The exchange model predicts ${preds[0]!.length} steps, fewer than ${maxH}.`);

  const result: ExchangeScores = { horizons: {} };
  for (const H of horizons) {
    let se = 0;
    let ae = 0;
    let mse = 0;
    let mae = 0;
    let count = 0;
    let windows = 0;
    starts.forEach(({ c, t }, k) => {
      if (t + EXCHANGE_INPUT + H > hi) return;
      windows += 1;
      const last = z(t + EXCHANGE_INPUT - 1, c);
      for (let h = 0; h < H; h += 1) {
        const y = z(t + EXCHANGE_INPUT + h, c);
        se += (last - y) ** 2;
        ae += Math.abs(last - y);
        if (preds) {
          const p = preds[k]![h]!;
          mse += (p - y) ** 2;
          mae += Math.abs(p - y);
        }
        count += 1;
      }
    });
    result.horizons[String(H)] = {
      repeat: { mse: se / count, mae: ae / count },
      ...(preds ? { model: { mse: mse / count, mae: mae / count } } : {}),
      windows,
    };
  }
  return result;
}

export async function runExchangeBenchmarkCommand(options: { csv: string; json?: boolean; modelPath?: string }, out: (line: string) => void): Promise<ExchangeScores> {
  const text = await readFile(options.csv, 'utf8').catch((err: unknown) => {
    throw new RiskXpertError('BAD_REQUEST', `Cannot read ${options.csv}: ${(err as Error).message}`);
  });
  const scores = await evaluateExchange(text, options.modelPath ? createExchangeModel({ modelPath: options.modelPath }) : undefined);
  if (options.json) {
    const horizons = Object.fromEntries(Object.entries(scores.horizons).map(([h, s]) => [h, { ...(s.model ? { model: s.model } : {}), repeat: s.repeat }]));
    out(`${JSON.stringify({ horizons })}\n`);
    return scores;
  }
  const f = (x: { mse: number; mae: number } | undefined) => (x ? `${x.mse.toFixed(3)}/${x.mae.toFixed(3)}` : '—');
  out('Exchange, input 96, MSE/MAE on z-scored data, every test window (stride 1), all 8 columns\n\n');
  out(`${'method'.padEnd(30)}${EXCHANGE_HORIZONS.map((h) => String(h).padStart(14)).join('')}\n`);
  out(`${'RiskXpert model'.padEnd(30)}${EXCHANGE_HORIZONS.map((h) => f(scores.horizons[String(h)]?.model).padStart(14)).join('')}\n`);
  out(`${'Repeat (measured)'.padEnd(30)}${EXCHANGE_HORIZONS.map((h) => f(scores.horizons[String(h)]?.repeat).padStart(14)).join('')}\n`);
  for (const [name, values] of Object.entries(PUBLISHED)) {
    out(`${`${name} [pub]`.padEnd(30)}${values.map(([mse, mae]) => `${mse.toFixed(3)}/${mae.toFixed(3)}`.padStart(14)).join('')}\n`);
  }
  return scores;
}
