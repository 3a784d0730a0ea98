import { pathToFileURL } from 'node:url';
import { Redis } from 'ioredis';
import { decodeAnswer, encodeAnswer } from '../src/cache/answer-codec.js';
import { createMemoryCache } from '../src/cache/memory-cache.js';
import { createRedisCache } from '../src/cache/redis-cache.js';
import { sampleAnswer } from '../test/fakes/sample-answer.js';
import { percentile } from './stats.js';

function measure(iterations: number, fn: () => void): { p50: number; p95: number } {
  for (let i = 0; i < Math.min(50, iterations); i += 1) fn(); // warm-up (JIT)
  const samples: number[] = [];
  for (let i = 0; i < iterations; i += 1) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

async function measureAsync(iterations: number, fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < Math.min(50, iterations); i += 1) await fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i += 1) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

const ms = (v: number) => `${v.toFixed(3)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/** `npx tsx bench/cache.bench.ts`: answer codec cost and cache read latency for a typical answer. */
export async function run(): Promise<void> {
  const events = await sampleAnswer();
  const chart = events.find((e) => e.type === 'chart');
  const pngBytes = chart?.type === 'chart' ? chart.png.byteLength : 0;
  const encoded = encodeAnswer(events);
  if (!decodeAnswer(encoded)) throw new Error('codec round-trip failed');
  const N = 1_000;

  console.log(
    `cache bench: typical answer = ${events.length} events, chart PNG ${kb(pngBytes)} (real, from the chart renderer)`,
  );
  console.log(`  entry size, binary framing (current) : ${kb(encoded.byteLength)}`);
  // The first format, for comparison: JSON with the chart as base64 (validation not included in its timings).
  const asJson = () =>
    Buffer.from(
      JSON.stringify({
        format: 'rx-answer-1',
        events: events.map((e) => (e.type === 'chart' ? { ...e, png: Buffer.from(e.png).toString('base64') } : e)),
      }),
    );
  const jsonEntry = asJson();
  console.log(`  entry size, JSON + base64 (old)      : ${kb(jsonEntry.byteLength)}`);

  const enc = measure(N, () => encodeAnswer(events));
  const dec = measure(N, () => decodeAnswer(encoded));
  const both = measure(N, () => decodeAnswer(encodeAnswer(events)));
  console.log(`  encode            p50 ${ms(enc.p50)}  p95 ${ms(enc.p95)}`);
  console.log(`  decode (+zod, +sha256 of the PNG) p50 ${ms(dec.p50)}  p95 ${ms(dec.p95)}`);
  console.log(`  encode + decode   p50 ${ms(both.p50)}  p95 ${ms(both.p95)}`);
  const jsonEnc = measure(N, asJson);
  const jsonDec = measure(N, () => {
    const parsed = JSON.parse(jsonEntry.toString('utf8')) as { events: { type: string; png?: string }[] };
    for (const e of parsed.events) if (e.type === 'chart' && e.png) Buffer.from(e.png, 'base64');
  });
  console.log(
    `  old JSON+base64: encode p50 ${ms(jsonEnc.p50)}, decode p50 ${ms(jsonDec.p50)} (parse + base64 only, no validation)`,
  );

  const memory = createMemoryCache({ maxEntries: 100 });
  await memory.set('k', encoded, 60);
  const memGet = await measureAsync(N, () => memory.get('k'));
  console.log(`  memory cache get  p50 ${ms(memGet.p50)}`);

  const redis = new Redis({
    host: '127.0.0.1',
    port: 6379,
    maxRetriesPerRequest: 1,
    lazyConnect: true,
    connectTimeout: 1_000,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
  } catch {
    console.log('  redis: not reachable at 127.0.0.1:6379, Redis figures not measured');
    redis.disconnect();
    return;
  }
  const prefix = `rx-bench-cache:${process.pid}:`;
  const cache = createRedisCache({ redis, keyPrefix: prefix, commandTimeoutMs: 2_000 });
  try {
    await cache.set('answer', encoded, 120);
    const get = await measureAsync(N, () => cache.get('answer'));
    const set = await measureAsync(N / 2, () => cache.set('answer', encoded, 120));
    const hit = await measureAsync(N, async () => decodeAnswer((await cache.get('answer'))!));
    const miss = await measureAsync(N, () => cache.get('absent'));
    console.log(`  redis GET ${kb(encoded.byteLength)} over loopback  p50 ${ms(get.p50)}  p95 ${ms(get.p95)}`);
    console.log(`  redis SET ${kb(encoded.byteLength)} over loopback  p50 ${ms(set.p50)}  p95 ${ms(set.p95)}`);
    console.log(`  redis miss (GET of an absent key)  p50 ${ms(miss.p50)}`);
    console.log(`  cache hit path (GET + decode)      p50 ${ms(hit.p50)}  p95 ${ms(hit.p95)}`);
  } finally {
    await redis.del(`${prefix}answer`);
    await redis.quit();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run();
}
