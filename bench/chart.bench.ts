import { pathToFileURL } from 'node:url';
import { createChartRenderer } from '../src/chart/chartjs-renderer.js';
import type { ChartSpec } from '../src/chart/chart-renderer.js';
import { percentile } from './stats.js';

/** Chart render time: the first (cold: font registration, chart.js set-up) and warm p50/p99. */
export async function run(): Promise<void> {
  console.log('# chart (chart.js on @napi-rs/canvas, 800x450 PNG)');
  const spec: ChartSpec = {
    locale: 'ko',
    title: '코스피 12개월 전망',
    unit: '포인트',
    history: Array.from({ length: 60 }, (_, i) => ({
      date: `${2020 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-28`,
      value: 2400 + 300 * Math.sin(i / 6),
    })),
    forecast: Array.from({ length: 12 }, (_, i) => ({
      date: `2025-${String(i + 1).padStart(2, '0')}-28`,
      median: 2500 + i * 3,
      low: 2500 - 60 * Math.sqrt(i + 1),
      high: 2500 + 70 * Math.sqrt(i + 1),
    })),
    footnote: '자료: 벤치마크 · 음영: 80% 예측구간',
  };
  let t = performance.now();
  const renderer = createChartRenderer({});
  const png = await renderer.render(spec);
  console.log(
    `cold first render (incl. font registration): ${(performance.now() - t).toFixed(1)} ms, ${png.byteLength} bytes`,
  );
  for (let i = 0; i < 5; i += 1) await renderer.render(spec);
  const times: number[] = [];
  for (let i = 0; i < 50; i += 1) {
    t = performance.now();
    await renderer.render(spec);
    times.push(performance.now() - t);
  }
  console.log(`warm render: p50 ${percentile(times, 50).toFixed(1)} ms  p99 ${percentile(times, 99).toFixed(1)} ms`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
