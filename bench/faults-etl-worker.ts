// One ETL worker process for `npm run test:faults`: slow fake sources, and a log line per job start, per finished
// processor run and per completion (acknowledged in Redis), so the parent can tell lost, repeated and finished jobs.
import { appendFileSync } from 'node:fs';
import { CATALOG } from '../src/data/catalog.js';
import type { Point } from '../src/data/series.js';
import { createSilentLogger } from '../src/logger.js';
import { createMemorySeriesStore } from '../src/store/memory-series-store.js';
import { createEtlWorker, type EtlSourceBinding } from '../workers/etl-queue.js';

const [url, prefix, logFile] = process.argv.slice(2) as [string, string, string];
const log = (line: string) => appendFileSync(logFile, `${line} ${process.pid}\n`);
const points: Point[] = Array.from({ length: 36 }, (_, i) => ({
  date: `${2020 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-28`,
  value: 100 + i,
}));
const bindings: Record<string, EtlSourceBinding> = {};
for (const indicator of CATALOG) {
  bindings[indicator.id] = {
    symbol: indicator.id,
    cron: '0 9 * * *',
    source: {
      id: 'faults-source',
      fetch: async () => {
        await new Promise((r) => setTimeout(r, 700));
        return points;
      },
    },
  };
}
const { hostname, port } = new URL(url);
const worker = createEtlWorker({
  connection: { host: hostname, port: Number(port), maxRetriesPerRequest: null },
  prefix,
  store: createMemorySeriesStore(),
  bindings,
  logger: createSilentLogger(),
  lockDuration: 2_000,
  stalledInterval: 1_000,
  onLoaded: (result) => log(`ran ${result.indicatorId}`),
});
worker.on('active', (job) => log(`start ${job.data.indicatorId}`));
worker.on('completed', (job) => log(`done ${job.data.indicatorId}`));
worker.on('error', () => undefined);
process.on('SIGTERM', () => void worker.close().then(() => process.exit(0)));
