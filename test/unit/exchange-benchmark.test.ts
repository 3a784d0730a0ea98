import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  evaluateExchange,
  runExchangeBenchmarkCommand,
  splitBorders,
  type ExchangeModel,
} from '../../src/forecast/exchange-benchmark.js';

/** 600 rows: column a = t (a line), column b = t % 2 (alternating 0, 1). */
const ROWS = 600;
const csv = `date,a,b\n${Array.from({ length: ROWS }, (_, t) => `2000-01-01,${t},${t % 2}`).join('\n')}\n`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'riskxpert-exchange-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('Exchange long-horizon protocol', () => {
  it('uses the TSLib Dataset_Custom borders', () => {
    expect(splitBorders(7588)).toEqual({ train: [0, 5311], val: [5215, 6071], test: [5975, 7588] });
    // 600 rows: train 420, test 120, val 60; val and test start 96 rows early for the first input window
    expect(splitBorders(600)).toEqual({ train: [0, 420], val: [324, 480], test: [384, 600] });
  });

  it('scores Repeat as computed by hand on a line and an alternating series', async () => {
    const H = 24;
    const s = await evaluateExchange(csv, undefined, [H]);
    // column a: z = (t - 209.5) / std with std = sqrt((420^2 - 1) / 12); Repeat misses step h by h / std
    const std = Math.sqrt((420 ** 2 - 1) / 12);
    const mseA = ((H + 1) * (2 * H + 1)) / 6 / std ** 2;
    const maeA = (H + 1) / 2 / std;
    // column b: mean 0.5, std 0.5, so z = +-1; Repeat misses odd steps by 2 and hits even ones
    const mseB = 2;
    const maeB = 1;
    const r = s.horizons[String(H)]!;
    expect(r.windows).toBe(2 * (216 - 96 - H + 1)); // 97 windows per column in the 216-row test split
    expect(r.repeat.mse).toBeCloseTo((mseA + mseB) / 2, 10);
    expect(r.repeat.mae).toBeCloseTo((maeA + maeB) / 2, 10);
    expect(r.model).toBeUndefined();
  });

  it('also scores Repeat over the windows a batch-32 loader with drop_last keeps', async () => {
    // a curve, so that which windows count matters
    const rows = Array.from({ length: ROWS }, (_, t) => Math.sqrt(t) + Math.sin(t / 5));
    const s = await evaluateExchange(`date,x\n${rows.map((v) => `d,${v}`).join('\n')}\n`, undefined, [24]);
    const train = rows.slice(0, 420);
    const mean = train.reduce((a, v) => a + v, 0) / 420;
    const std = Math.sqrt(train.reduce((a, v) => a + (v - mean) ** 2, 0) / 420);
    const z = (t: number) => (rows[t]! - mean) / std;
    const errs = (windows: number) => {
      let se = 0;
      let n = 0;
      for (let w = 0; w < windows; w += 1)
        for (let h = 0; h < 24; h += 1, n += 1) se += (z(384 + w + 95) - z(384 + w + 96 + h)) ** 2;
      return se / n;
    };
    expect(s.horizons['24']!.repeat.mse).toBeCloseTo(errs(97), 12);
    expect(s.horizons['24']!.repeatDropLast32.mse).toBeCloseTo(errs(96), 12);
    expect(s.horizons['24']!.repeatDropLast32.mse).not.toBeCloseTo(s.horizons['24']!.repeat.mse, 12);
  });

  it('gives the model every window once, z-scored with training statistics, and scores its first H steps', async () => {
    const seen: Float32Array[][] = [];
    const model: ExchangeModel = {
      async predict(inputs) {
        seen.push(inputs);
        // extends the last step: exact on the line, wrong on the alternating column
        return inputs.map((x) => Float32Array.from({ length: 48 }, (_, h) => x[95]! + (x[95]! - x[94]!) * (h + 1)));
      },
    };
    const s = await evaluateExchange(csv, model, [24, 48]);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toHaveLength(2 * (216 - 96 - 24 + 1));
    const std = Math.sqrt((420 ** 2 - 1) / 12);
    seen[0]![0]!.forEach((v, i) => expect(v).toBeCloseTo((384 + i - 209.5) / std, 5));
    expect(seen[0]![0]).toHaveLength(96);
    // column b: x95 - x94 = +-2, so the forecast runs away: (2(h+1)) off plus the alternation
    let se = 0;
    for (let h = 1; h <= 24; h += 1) {
      // last z is s = +-1; forecast s + 2s h; truth s when h even, -s when h odd
      const err = h % 2 === 0 ? 2 * h : 2 * h + 2;
      se += err ** 2;
    }
    expect(s.horizons['24']!.model!.mse).toBeCloseTo(se / 24 / 2, 3); // column a contributes ~0
    await expect(
      evaluateExchange(csv, { predict: async (x) => x.map(() => new Float32Array(10)) }, [24]),
    ).rejects.toMatchObject({ code: 'MODEL_UNAVAILABLE' });
  });

  it('refuses blank cells and a file too short for the horizon', async () => {
    await expect(evaluateExchange('date,a\nd,1\nd,\n', undefined, [1])).rejects.toMatchObject({
      code: 'SERIES_INVALID',
    });
    await expect(evaluateExchange(csv, undefined, [200])).rejects.toMatchObject({ code: 'SERIES_TOO_SHORT' });
  });

  it('the command prints exactly {"horizons": {H: {model, repeat}}} with --json, beside the published table otherwise', async () => {
    const file = join(dir, 'exchange.csv');
    await writeFile(file, csv.replace('date,a,b', '\ufeffdate,a,b'));
    const model: ExchangeModel = { predict: async (inputs) => inputs.map((x) => new Float32Array(720).fill(x[95]!)) };
    // 600 rows cannot hold 96 + 720; the 7588-row file can. Here: the horizons that fit.
    const lines: string[] = [];
    await expect(
      runExchangeBenchmarkCommand({ csv: file, json: true, model }, (l) => lines.push(l)),
    ).rejects.toMatchObject({ code: 'SERIES_TOO_SHORT' });
    const big = `date,a\n${Array.from({ length: 5000 }, (_, t) => `d,${Math.sin(t / 40) + t / 1000}`).join('\n')}\n`;
    const bigFile = join(dir, 'big.csv');
    await writeFile(bigFile, big);
    await runExchangeBenchmarkCommand({ csv: bigFile, json: true, model }, (l) => lines.push(l));
    const parsed = JSON.parse(lines[0]!) as { horizons: Record<string, Record<string, { mse: number; mae: number }>> };
    expect(Object.keys(parsed)).toEqual(['horizons']);
    expect(Object.keys(parsed.horizons)).toEqual(['96', '192', '336', '720']);
    for (const h of Object.values(parsed.horizons)) {
      expect(Object.keys(h)).toEqual(['model', 'repeat']);
      expect(Object.keys(h.model!)).toEqual(['mse', 'mae']);
      // this "model" is Repeat
      expect(h.model!.mse).toBeCloseTo(h.repeat!.mse, 5);
    }
    let text = '';
    await runExchangeBenchmarkCommand({ csv: bigFile, modelPath: join(dir, 'absent.onnx') }, (l) => (text += l));
    expect(text).toMatch(/No exchange model at .*absent\.onnx: Repeat only/u);
    expect(text).toMatch(/Repeat \(measured\)/u);
    expect(text).toMatch(/iTransformer \[pub\]\s+0\.086\/0\.206\s+0\.177\/0\.299\s+0\.331\/0\.417\s+0\.847\/0\.691/u);
    expect(text).not.toMatch(/RiskXpert model/u);
  });
});
