import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { RiskXpertError } from '../errors.js';
import { PUBLISHED } from './exchange-published.js';
import { getSession } from './onnx-session.js';

export { PUBLISHED } from './exchange-published.js';

export const EXCHANGE_INPUT = 96;
export const EXCHANGE_HORIZONS = [96, 192, 336, 720] as const;

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
  return {
    train: [0, train] as const,
    val: [train - inputLength, train + val] as const,
    test: [rows - test - inputLength, rows] as const,
  };
}

export interface ExchangeScores {
  /** Series (columns after the date) in the file. */
  columns: number;
  horizons: Record<
    string,
    {
      model?: { mse: number; mae: number };
      repeat: { mse: number; mae: number };
      /**
       * Repeat over the windows a TSLib test loader with batch size 32 and drop_last=True keeps (the first
       * floor(W/32)*32 window starts): how the DLinear paper's 0.305/0.396 at 336 and 0.823/0.681 at 720 arose.
       */
      repeatDropLast32: { mse: number; mae: number };
      /** Test windows over all columns (stride 1). */
      windows: number;
    }
  >;
}

/** The test batch size of the published runs whose incomplete last batch was dropped. */
export const PUBLISHED_TEST_BATCH = 32;

/**
 * The long-horizon protocol on a wide CSV (date column, then one column per series): TSLib borders,
 * z-score per column with training statistics (population std, as sklearn's StandardScaler), every test
 * window (stride 1) of every column, MSE and MAE on the normalised scale averaged over all windows, steps
 * and columns. The model sees each window once (length 96) and is scored on the first H steps of its answer.
 */
export async function evaluateExchange(
  csvText: string,
  model?: ExchangeModel,
  horizons: readonly number[] = EXCHANGE_HORIZONS,
): Promise<ExchangeScores> {
  const rows = parseWide(csvText);
  const n = rows.length;
  const cols = rows[0]!.length;
  const b = splitBorders(n);
  const z = trainScaler(rows, b.train[1]);
  const [lo, hi] = b.test;
  const maxH = Math.max(...horizons);
  const minH = Math.min(...horizons);
  if (hi - lo - EXCHANGE_INPUT - maxH + 1 < 1) {
    throw new RiskXpertError(
      'SERIES_TOO_SHORT',
      `${n} rows leave a test split of ${hi - lo} rows, too short for input ${EXCHANGE_INPUT} + horizon ${maxH}.`,
    );
  }
  // One model call per window start, sliced for every horizon.
  const starts: WindowStart[] = [];
  for (let c = 0; c < cols; c += 1) for (let t = lo; t + EXCHANGE_INPUT + minH <= hi; t += 1) starts.push({ c, t });
  const inputs = starts.map(({ c, t }) => Float32Array.from({ length: EXCHANGE_INPUT }, (_, i) => z(t + i, c)));
  const preds = model ? await model.predict(inputs) : undefined;
  if (preds && preds[0]!.length < maxH)
    throw new RiskXpertError(
      'MODEL_UNAVAILABLE',
      `The exchange model predicts ${preds[0]!.length} steps, fewer than ${maxH}.`,
    );

  if (preds && preds.length !== inputs.length)
    throw new RiskXpertError(
      'MODEL_UNAVAILABLE',
      `The exchange model returned ${preds.length} forecasts for ${inputs.length} windows.`,
    );

  const result: ExchangeScores = { columns: cols, horizons: {} };
  for (const H of horizons) result.horizons[String(H)] = scoreHorizon(H, starts, preds, z, lo, hi);
  return result;
}

interface WindowStart {
  /** Column. */
  c: number;
  /** First row of the input window. */
  t: number;
}

/** The numeric columns after the date of a wide CSV; blanks or non-numbers are refused. */
function parseWide(csvText: string): number[][] {
  const rows = (parse(csvText, { bom: true, skip_empty_lines: true }) as string[][])
    .slice(1)
    .map((r) => r.slice(1).map((v) => (v.trim() === '' ? Number.NaN : Number(v))));
  if (rows.length === 0 || rows.some((r) => r.some((v) => !Number.isFinite(v))))
    throw new RiskXpertError('SERIES_INVALID', 'Exchange CSV has blank or non-numeric values.');
  return rows;
}

/** z-scores per column with the first `trainEnd` rows' mean and population std (sklearn's StandardScaler). */
function trainScaler(rows: readonly number[][], trainEnd: number): (t: number, c: number) => number {
  const cols = rows[0]!.length;
  const mean = new Array<number>(cols).fill(0);
  const std = new Array<number>(cols).fill(0);
  for (let c = 0; c < cols; c += 1) {
    for (let t = 0; t < trainEnd; t += 1) mean[c]! += rows[t]![c]!;
    mean[c]! /= trainEnd;
    for (let t = 0; t < trainEnd; t += 1) std[c]! += (rows[t]![c]! - mean[c]!) ** 2;
    // A column constant over training gets scale 1, as sklearn's StandardScaler does, instead of a division by 0.
    std[c] = Math.sqrt(std[c]! / trainEnd) || 1;
  }
  return (t, c) => (rows[t]![c]! - mean[c]!) / std[c]!;
}

/** Repeat (and the model, if it answered) over every test window long enough for H, and over the drop-last ones. */
function scoreHorizon(
  H: number,
  starts: readonly WindowStart[],
  preds: Float32Array[] | undefined,
  z: (t: number, c: number) => number,
  lo: number,
  hi: number,
): ExchangeScores['horizons'][string] {
  const perColumn = hi - lo - EXCHANGE_INPUT - H + 1;
  const kept = Math.floor(perColumn / PUBLISHED_TEST_BATCH) * PUBLISHED_TEST_BATCH;
  const repeat = { se: 0, ae: 0 };
  const dropLast = { se: 0, ae: 0, count: 0 };
  const mdl = { se: 0, ae: 0 };
  let count = 0;
  let windows = 0;
  starts.forEach(({ c, t }, k) => {
    if (t - lo >= perColumn) return;
    windows += 1;
    const inBatch = t - lo < kept;
    const last = z(t + EXCHANGE_INPUT - 1, c);
    const pred = preds?.[k];
    for (let h = 0; h < H; h += 1) {
      const y = z(t + EXCHANGE_INPUT + h, c);
      const e = last - y;
      repeat.se += e * e;
      repeat.ae += Math.abs(e);
      if (inBatch) {
        dropLast.se += e * e;
        dropLast.ae += Math.abs(e);
        dropLast.count += 1;
      }
      if (pred) {
        const d = pred[h]! - y;
        mdl.se += d * d;
        mdl.ae += Math.abs(d);
      }
      count += 1;
    }
  });
  return {
    repeat: { mse: repeat.se / count, mae: repeat.ae / count },
    repeatDropLast32: { mse: dropLast.se / dropLast.count, mae: dropLast.ae / dropLast.count },
    ...(preds ? { model: { mse: mdl.se / count, mae: mdl.ae / count } } : {}),
    windows,
  };
}

export interface ExchangeBenchmarkOptions {
  csv: string;
  json?: boolean;
  /** A model to score; takes precedence over modelPath. */
  model?: ExchangeModel;
  /** ONNX file for createExchangeModel; when the file is not there, only Repeat is measured and the output says so. */
  modelPath?: string;
}

/**
 * `riskxpert benchmark exchange`: Repeat and the model under the protocol, beside the published figures.
 * With json, prints exactly {"horizons":{"96":{"model":{"mse","mae"},"repeat":{"mse","mae"}},...}}.
 */
export async function runExchangeBenchmarkCommand(
  options: ExchangeBenchmarkOptions,
  out: (line: string) => void,
): Promise<ExchangeScores> {
  const text = await readFile(options.csv, 'utf8').catch((err: unknown) => {
    throw new RiskXpertError('BAD_REQUEST', `Cannot read ${options.csv}: ${(err as Error).message}`, { cause: err });
  });
  let model = options.model;
  let note: string | undefined;
  if (!model && options.modelPath) {
    if (existsSync(options.modelPath)) model = createExchangeModel({ modelPath: options.modelPath });
    else note = `No exchange model at ${options.modelPath}: Repeat only.`;
  }
  const scores = await evaluateExchange(text, model);
  if (options.json) {
    const horizons = Object.fromEntries(
      Object.entries(scores.horizons).map(([h, s]) => [
        h,
        { ...(s.model ? { model: s.model } : {}), repeat: s.repeat },
      ]),
    );
    out(`${JSON.stringify({ horizons })}\n`);
    return scores;
  }
  const f = (x: { mse: number; mae: number } | undefined) => (x ? `${x.mse.toFixed(3)}/${x.mae.toFixed(3)}` : '—');
  const windows = EXCHANGE_HORIZONS.map((h) => scores.horizons[String(h)]?.windows ?? 0);
  out(
    `Exchange, input ${EXCHANGE_INPUT}, MSE/MAE on z-scored data (training statistics), every test window (stride 1), all columns\n`,
  );
  out(
    `test windows per column at ${EXCHANGE_HORIZONS.join('/')}: ${windows.map((w) => w / (scores.columns || 1)).join('/')}\n`,
  );
  if (note) out(`${note}\n`);
  out('\n');
  out(`${'method'.padEnd(30)}${EXCHANGE_HORIZONS.map((h) => String(h).padStart(14)).join('')}\n`);
  if (model)
    out(
      `${'RiskXpert model'.padEnd(30)}${EXCHANGE_HORIZONS.map((h) => f(scores.horizons[String(h)]?.model).padStart(14)).join('')}\n`,
    );
  out(
    `${'Repeat (measured)'.padEnd(30)}${EXCHANGE_HORIZONS.map((h) => f(scores.horizons[String(h)]?.repeat).padStart(14)).join('')}\n`,
  );
  out(
    `${`Repeat (drop_last, batch ${PUBLISHED_TEST_BATCH})`.padEnd(30)}${EXCHANGE_HORIZONS.map((h) => f(scores.horizons[String(h)]?.repeatDropLast32).padStart(14)).join('')}\n`,
  );
  for (const [name, values] of Object.entries(PUBLISHED)) {
    out(
      `${`${name} [pub]`.padEnd(30)}${values.map(([mse, mae]) => `${mse.toFixed(3)}/${mae.toFixed(3)}`.padStart(14)).join('')}\n`,
    );
  }
  return scores;
}
