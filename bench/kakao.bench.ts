import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import express, { type Express } from 'express';
import { readStamp, sourceHash } from '../bin/build-stamp.js';
import type * as HttpApp from '../adapters/http/create-http-app.js';
import type * as KakaoRouter from '../adapters/kakao/create-kakao-router.js';
import type * as ConfigModule from '../src/config.js';
import type * as LoggerModule from '../src/logger.js';
import type * as RuntimeModule from '../src/runtime.js';

/**
 * The modules measured: by default the compiled build in dist/, which is what `riskxpert serve` and the image run
 * (the script builds it first); BENCH_FROM=src measures the TypeScript sources through tsx instead, whose
 * per-closure name helpers cost a few per cent on this route.
 */
async function measuredModules() {
  const fromSources = process.env.BENCH_FROM === 'src';
  const root = fileURLToPath(new URL('..', import.meta.url));
  if (!fromSources && readStamp(root) !== sourceHash(root))
    throw new Error('dist/ is missing or older than the sources: run `npm run build` (npm run bench:kakao does)');
  const base = fromSources ? '..' : '../dist';
  const load = (path: string) => import(`${base}/${path}`);
  return {
    label: fromSources ? 'TypeScript sources through tsx' : 'compiled build in dist/',
    ...((await load('adapters/http/create-http-app.js')) as typeof HttpApp),
    ...((await load('adapters/kakao/create-kakao-router.js')) as typeof KakaoRouter),
    ...((await load('src/config.js')) as typeof ConfigModule),
    ...((await load('src/logger.js')) as typeof LoggerModule),
    ...((await load('src/runtime.js')) as typeof RuntimeModule),
  };
}

const QUESTIONS = ['S&P 500 3개월', 'S&P 500 6개월 전망', 'S&P 500 12개월 어때?', 'S&P 500 1년 뒤'];

function body(utterance: string, user: number): string {
  return JSON.stringify({
    userRequest: {
      timezone: 'Asia/Seoul',
      params: {},
      block: { id: 'b', name: 'forecast' },
      utterance,
      lang: 'ko',
      user: { id: `bench-${user}`, type: 'botUserKey', properties: {} },
    },
    contexts: [],
    bot: { id: 'bot', name: 'RiskXpert' },
    action: { name: 'forecast', clientExtra: null, params: {}, id: 'skill', detailParams: {} },
  });
}

async function listen(handler: Express): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function drive(url: string, path: string, seconds: number) {
  const requests = QUESTIONS.map((q, i) => ({
    method: 'POST' as const,
    path,
    headers: { 'content-type': 'application/json' },
    body: body(q, i),
  }));
  // The server's own cost: busy time of this (main) thread per request, which the client, in its worker thread,
  // does not share; it moves less with the machine's speed than throughput does.
  const before = performance.eventLoopUtilization();
  const result = await autocannon({ url, connections: 64, duration: seconds, requests, workers: 1 });
  const busy = performance.eventLoopUtilization(before);
  return {
    busyUs: (busy.active * 1000) / Math.max(1, result.requests.total),
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
    total: result.requests.total,
  };
}

/** POST /kakao/skill on cached questions vs a bare express JSON route, 64 connections, same machine, alternating rounds. */
export async function run(
  seconds = Number(process.env.BENCH_SECONDS ?? 4),
  rounds = Number(process.env.BENCH_ROUNDS ?? 5),
): Promise<void> {
  const { label, createHttpApp, createKakaoRouter, loadConfig, createSilentLogger, createRuntime } =
    await measuredModules();
  console.log(
    `# kakao skill route (${label}; autocannon in a worker thread, 64 connections, ${rounds} rounds of ${seconds} s on each route after 2 s warm-up, cached answers, ${process.env.BENCH_STORE === 'sqlite' ? 'SQLite' : 'in-memory'} store)`,
  );
  const load0 = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  // BENCH_STORE=sqlite: the embedded database a default install runs on (a fresh file in a temp folder).
  const store = process.env.BENCH_STORE === 'sqlite' ? 'sqlite' : 'memory';
  const home = store === 'sqlite' ? await mkdtemp(join(tmpdir(), 'rx-bench-kakao-')) : undefined;
  const runtime = await createRuntime(
    loadConfig({
      PUBLIC_BASE_URL: 'https://bot.example.com',
      LOG_LEVEL: 'silent',
      STORE: store,
      ...(home ? { RISKXPERT_HOME: home } : {}),
    }),
    { logger: createSilentLogger() },
  );
  const router = createKakaoRouter({
    engine: runtime.engine,
    charts: runtime.charts,
    publicBaseUrl: 'https://bot.example.com',
    inlineBudgetMs: 3_500,
    skillSecretHeader: 'x-riskxpert-skill-secret',
    logger: createSilentLogger(),
  });
  const app = await listen(createHttpApp({ runtime, mounts: [{ path: '/kakao', router }] }));
  // warm the cache: one answer per question
  for (const [i, q] of QUESTIONS.entries()) {
    await fetch(`${app.url}/kakao/skill`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body(q, i),
    });
  }
  const bare = express();
  bare.use(express.json());
  bare.post('/bare', (req, res) => {
    res.json({
      version: '2.0',
      template: {
        outputs: [
          {
            simpleText: {
              text: String((req.body as { userRequest?: { utterance?: string } }).userRequest?.utterance ?? ''),
            },
          },
        ],
      },
    });
  });
  const bareApp = await listen(bare);

  // JIT warm-up of both paths, then rounds that alternate the two routes: a shared machine's speed drifts over a
  // minute, and each round's ratio compares runs made seconds apart.
  await drive(bareApp.url, '/bare', 2);
  await drive(app.url, '/kakao/skill', 2);
  const line = (name: string, r: Awaited<ReturnType<typeof drive>>) =>
    `${name.padEnd(28)} ${Math.round(r.rps).toLocaleString('en-US').padStart(7)} req/s   p50 ${r.p50} ms   p99 ${r.p99} ms   server ${r.busyUs.toFixed(0)} µs/req   errors ${r.errors} / ${r.total}`;
  const ratios: number[] = [];
  const p99s: number[] = [];
  for (let round = 1; round <= rounds; round += 1) {
    const b = await drive(bareApp.url, '/bare', seconds);
    const k = await drive(app.url, '/kakao/skill', seconds);
    ratios.push(k.rps / b.rps);
    p99s.push(k.p99);
    console.log(`round ${round}`);
    console.log(line('  bare express JSON route', b));
    console.log(line('  POST /kakao/skill (cached)', k));
  }
  // The verdict reads the middle round: on a shared machine one slow stretch moves a single round, not the median.
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? Number.NaN;
  const ratio = median(ratios);
  const p99 = median(p99s);
  console.log(
    `kakao / bare throughput: ${ratios.map((r) => `${(r * 100).toFixed(0)}%`).join(', ')}; median ${(ratio * 100).toFixed(0)}%`,
  );
  console.log(`kakao p99: ${p99s.join(', ')} ms; median ${p99} ms, worst ${Math.max(...p99s)} ms`);
  console.log(
    `target: median throughput >= 50% of bare and median p99 <= 50 ms: ${ratio >= 0.5 && p99 <= 50 ? 'met' : 'NOT met'}`,
  );
  console.log(
    `machine: ${cpus().length} CPU(s), load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} (before the runs: ${load0})`,
  );
  app.server.closeAllConnections();
  bareApp.server.closeAllConnections();
  await new Promise<void>((r) => app.server.close(() => r()));
  await new Promise<void>((r) => bareApp.server.close(() => r()));
  await runtime.close();
  if (home) await rm(home, { recursive: true, force: true });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
