import { pathToFileURL } from 'node:url';
import { createMemoryCache } from '../src/cache/memory-cache.js';
import { createChartRenderer } from '../src/chart/chartjs-renderer.js';
import { createSampleRepository } from '../src/data/sample-repository.js';
import type { AnswerEvent, Engine } from '../src/engine/answer-types.js';
import { createEngine } from '../src/engine/create-engine.js';
import { createBaselineForecaster } from '../src/forecast/baselines/index.js';
import type { Forecaster } from '../src/forecast/forecaster.js';
import { createOnnxForecaster } from '../src/forecast/onnx-forecaster.js';
import { createSilentLogger } from '../src/logger.js';
import { createDeterministicNarrator } from '../src/narrate/deterministic-narrator.js';
import { createResilientNarrator } from '../src/narrate/resilient-narrator.js';
import { createMemoryStore } from '../src/store/memory-store.js';
import { createRetryingConversationWriter } from '../src/store/retrying-writer.js';
import { percentile } from './stats.js';

async function drain(it: AsyncIterable<AnswerEvent>): Promise<AnswerEvent | undefined> {
  let last: AnswerEvent | undefined;
  for await (const e of it) last = e;
  return last;
}

function build(forecaster: Forecaster): Engine {
  const store = createMemoryStore();
  return createEngine({
    series: createSampleRepository(),
    forecaster,
    narrator: createResilientNarrator({
      fallback: createDeterministicNarrator(),
      summaryTimeoutMs: 0,
      firstTokenTimeoutMs: 0,
      idleTimeoutMs: 0,
    }),
    chart: createChartRenderer({}),
    cache: createMemoryCache({ maxEntries: 10_000 }),
    cacheTtlSeconds: 3600,
    conversations: createRetryingConversationWriter({ store, maxQueue: 100_000, baseDelayMs: 10, maxDelayMs: 100 }),
    logger: createSilentLogger(),
    maxQuestionChars: 500,
  });
}

async function measure(label: string, engine: Engine, n: number, question: (i: number) => string): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const t = performance.now();
    const last = await drain(engine.answer({ platform: 'cli', userId: 'bench:1', question: question(i) }));
    times.push(performance.now() - t);
    if (last?.type !== 'done') throw new Error(`${label}: no answer (${JSON.stringify(last)})`);
  }
  console.log(
    `${label.padEnd(52)} n=${n}  p50 ${percentile(times, 50).toFixed(2)} ms  p99 ${percentile(times, 99).toFixed(2)} ms`,
  );
}

/** Engine answer latency with the deterministic narrator: cache misses (full pipeline incl. chart) and cached replays. */
export async function run(): Promise<void> {
  console.log('# engine (offline S&P 500 sample, deterministic narrator, in-memory cache/store)');
  const drift = createBaselineForecaster('drift');
  const forecasters: [string, Forecaster][] = [
    [
      'model',
      createOnnxForecaster({
        modelPath: 'models/forecaster.onnx',
        metadataPath: 'models/metadata.json',
        fallback: drift,
      }),
    ],
    ['drift', drift],
  ];
  for (const [name, forecaster] of forecasters) {
    const engine = build(forecaster);
    // Warm-up: font registration, ONNX session, JIT.
    for (let i = 0; i < 5; i += 1)
      await drain(engine.answer({ platform: 'cli', userId: 'bench:w', question: `S&P 500 ${i + 1}개월 워밍업` }));
    // Distinct questions defeat the cache: every answer runs forecast, chart and narration.
    await measure(
      `answer, cache miss (${name} forecaster)`,
      engine,
      200,
      (i) => `S&P 500 ${(i % 24) + 1}개월 질문 ${i}`,
    );
    await measure(
      `answer, cached replay (${name} forecaster)`,
      engine,
      500,
      (i) => `S&P 500 ${((i % 200) % 24) + 1}개월 질문 ${i % 200}`,
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
