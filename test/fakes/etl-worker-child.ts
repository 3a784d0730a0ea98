// A worker process that takes an ETL job and hangs inside it, so a test can kill it mid-job with SIGKILL.
import { createSilentLogger } from '../../src/logger.js';
import { createMemorySeriesStore } from '../../src/store/memory-series-store.js';
import { createEtlWorker } from '../../workers/etl-queue.js';

const prefix = process.argv[2]!;
// The parent test's own Redis (test/fakes/test-redis.ts).
const redisUrl = new URL(process.argv[3]!);
const worker = createEtlWorker({
  connection: { host: redisUrl.hostname, port: Number(redisUrl.port), maxRetriesPerRequest: null },
  prefix,
  store: createMemorySeriesStore(),
  logger: createSilentLogger(),
  lockDuration: 1_000,
  bindings: {
    kospi: {
      symbol: '0001',
      cron: '* * * * *',
      source: {
        id: 'hangs',
        fetch: () => {
          process.stdout.write('active\n');
          return new Promise(() => undefined);
        },
      },
    },
  },
});
worker.on('error', () => undefined);
