import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** `npm run bench`: every benchmark in turn, each printing its own figures. */
// The forecaster runs first so that the RSS it reports for loading the ONNX session is measured on a fresh process.
const benches = [
  'forecaster.bench.ts',
  'engine.bench.ts',
  'chart.bench.ts',
  'baselines.bench.ts',
  'cache.bench.ts',
  'demo-rss.bench.ts',
];

let failed = 0;
for (const file of benches) {
  const url = new URL(`./${file}`, import.meta.url);
  if (!existsSync(url)) continue;
  const mod = (await import(pathToFileURL(url.pathname).href)) as { run?: () => Promise<void> };
  try {
    await mod.run?.();
  } catch (err) {
    failed += 1;
    console.error(`${file} failed:`, err);
  }
  console.log('');
}
process.exitCode = failed ? 1 : 0;
