// `npm run test:faults`: scripted faults against real processes. `riskxpert serve` runs as a child with a
// private redis-server (AOF on, as the queue Redis in production) for cache, queue and conversation buffer, a
// MongoDB URL pointing at a closed port, and the OpenAI stand-in hanging and then returning garbage. Redis is
// killed and restarted while questions arrive; ETL worker processes are killed mid-job and Redis is killed
// during the pass. Checks, and exits 1 on any violation: every answer arrived (a valid Kakao reply within 5 s),
// every conversation is stored exactly once once the store is back, every ETL job completed exactly once.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { CATALOG } from '../src/data/catalog.js';
import { createDurableConversationWriter } from '../src/store/durable-conversation-writer.js';
import { createMemoryStore } from '../src/store/memory-store.js';
import { createEtlQueue } from '../workers/etl-queue.js';
import { startFakeOpenAi } from '../test/fakes/openai-server.js';
import { freePort } from '../test/fakes/private-redis.js';

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}
const checks: Check[] = [];
function check(name: string, ok: boolean, detail: string): void {
  checks.push({ name, ok, detail });
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}: ${detail}`);
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: () => Promise<boolean> | boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  for (;;) {
    if (await what()) return true;
    if (Date.now() > end) return false;
    await sleep(200);
  }
}

/** A redis-server with AOF (fsync always) in a folder of its own: killed with SIGKILL, it comes back with its data. */
async function startDurableRedis(dir: string, port?: number) {
  const p = port ?? (await freePort());
  mkdirSync(dir, { recursive: true });
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(p),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--appendfsync',
      'always',
      '--save',
      '',
    ],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const up = await until(
    () =>
      new Promise<boolean>((resolve) => {
        const s = connect(p, '127.0.0.1');
        s.once('connect', () => (s.destroy(), resolve(true)));
        s.once('error', () => resolve(false));
      }),
    10_000,
  );
  if (!up) throw new Error('redis-server did not start');
  return {
    port: p,
    url: `redis://127.0.0.1:${p}`,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

function startServe(env: Record<string, string>) {
  const child: ChildProcess = spawn(process.execPath, ['bin/riskxpert.js', 'serve'], {
    env: { ...baseEnv(), ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-50_000)));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, exited, stderr: () => stderr };
}

function baseEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of [
    'RISKXPERT_DATA_DIR',
    'REDIS_URL',
    'QUEUE_REDIS_URL',
    'MONGODB_URL',
    'OPENAI_API_KEY',
    'OPENAI_BASE_URL',
    'TELEGRAM_BOT_TOKEN',
    'DISCORD_TOKEN',
    'DISCORD_PUBLIC_KEY',
  ])
    delete env[k];
  return env;
}

const QUESTIONS = ['S&P 500 3개월', 'S&P 500 6개월 전망', 'S&P 500 12개월 어때?'];

interface Answer {
  userId: string;
  ms: number;
  ok: boolean;
  chart?: boolean;
  why: string;
}

async function ask(base: string, userId: string, utterance: string): Promise<Answer> {
  const t0 = Date.now();
  try {
    const res = await fetch(`${base}/kakao/skill`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        userRequest: { utterance, user: { id: userId, type: 'botUserKey' }, params: {} },
        action: { params: {} },
      }),
      signal: AbortSignal.timeout(10_000),
    });
    const ms = Date.now() - t0;
    const body = (await res.json()) as {
      version?: string;
      template?: { outputs?: { simpleImage?: unknown; simpleText?: { text: string } }[] };
    };
    const outputs = body.template?.outputs ?? [];
    const hasChart = outputs.some((o) => o.simpleImage);
    const text = outputs.map((o) => o.simpleText?.text ?? '').join(' ');
    // The chart image lives in the cache Redis: while that is down an answer may come without it, never without the forecast.
    const hasForecast = /중앙 전망/u.test(text);
    const ok = res.status === 200 && body.version === '2.0' && hasForecast && ms <= 5_000;
    return {
      userId,
      ms,
      ok,
      chart: hasChart,
      why: ok ? '' : `status ${res.status}, chart ${hasChart}, ${ms} ms, "${text.slice(0, 80)}"`,
    };
  } catch (err) {
    return { userId, ms: Date.now() - t0, ok: false, why: (err as Error).message };
  }
}

/** Asks `n` questions, `concurrency` at a time, calling `during(i)` before question i (to inject faults). */
async function askMany(
  base: string,
  tag: string,
  n: number,
  concurrency: number,
  during?: (i: number) => Promise<void>,
): Promise<Answer[]> {
  const answers: Answer[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const i = next++;
        await during?.(i);
        // Every fourth question is a never-seen one, so both cached and generated answers meet the faults.
        const q = i % 4 === 3 ? `S&P 500 ${1 + (i % 24)}개월 전망 ${tag}${i}` : QUESTIONS[i % QUESTIONS.length]!;
        answers.push(await ask(base, `fault-${tag}-${i}`, q));
      }
    }),
  );
  return answers;
}

async function serveScenario(workDir: string): Promise<void> {
  console.log(
    '\n# serve: Redis killed and restarted during answers, MongoDB unreachable, LLM hanging then returning garbage',
  );
  let redis = await startDurableRedis(join(workDir, 'redis-serve'));
  const openai = await startFakeOpenAi();
  // Every LLM call of the first answers hangs; then every call returns a broken stream or an empty completion.
  openai.script(
    ...Array.from({ length: 40 }, () => ({ kind: 'hang' as const })),
    ...Array.from({ length: 400 }, () => ({ kind: 'garbage' as const, text: 'ignore the numbers' })),
  );
  const port = await freePort();
  const closedPort = await freePort();
  const prefix = `rx-faults-${process.pid}:`;
  const serve = startServe({
    PORT: String(port),
    LOG_LEVEL: 'warn',
    FORECASTER: 'model',
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    REDIS_URL: redis.url,
    QUEUE_REDIS_URL: redis.url,
    CACHE_KEY_PREFIX: prefix,
    MONGODB_URL: `mongodb://127.0.0.1:${closedPort}/?directConnection=true`,
    OPENAI_API_KEY: 'sk-faults-stand-in',
    OPENAI_BASE_URL: openai.url,
    LLM_SUMMARY_TIMEOUT_MS: '1200',
    LLM_FIRST_TOKEN_TIMEOUT_MS: '1200',
    LLM_IDLE_TIMEOUT_MS: '1200',
    LLM_MAX_RETRIES: '0',
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    const up = await until(
      () =>
        fetch(`${base}/healthz`).then(
          (r) => r.ok,
          () => false,
        ),
      60_000,
    );
    if (!up) throw new Error(`serve did not start:\n${serve.stderr()}`);
    const ready = (await (await fetch(`${base}/readyz`)).json()) as {
      checks: { name: string; ok: boolean; detail: string }[];
    };
    const storeCheck = ready.checks.find((c) => c.name === 'store');
    check('readyz names the store outage', storeCheck?.ok === false, JSON.stringify(storeCheck));

    const answers: Answer[] = [];
    answers.push(...(await askMany(base, 'llm-hang', 8, 2)));
    let killedAt = 0;
    let restartedAt = 0;
    answers.push(
      ...(await askMany(base, 'redis', 24, 3, async (i) => {
        if (i === 6) {
          await redis.kill();
          killedAt = Date.now();
        }
        if (i === 16) {
          redis = await startDurableRedis(join(workDir, 'redis-serve'), redis.port);
          restartedAt = Date.now();
        }
      })),
    );
    answers.push(...(await askMany(base, 'llm-garbage', 8, 2)));
    const bad = answers.filter((a) => !a.ok);
    const slowest = Math.max(...answers.map((a) => a.ms));
    check(
      'every answer arrived (valid SkillResponse with the forecast, within 5 s)',
      bad.length === 0,
      `${answers.length - bad.length}/${answers.length} (${answers.filter((a) => a.chart).length} with the chart image), slowest ${slowest} ms, Redis down for ${restartedAt - killedAt} ms${bad.length ? `; ${bad.map((b) => `${b.userId}: ${b.why}`).join('; ')}` : ''}`,
    );
    const metrics = await (await fetch(`${base}/metrics`)).text();
    const fallbacks = [...metrics.matchAll(/riskxpert_llm_fallbacks_total\{([^}]*)\} (\d+)/gu)].map(
      (m) => `${m[1]}=${m[2]}`,
    );
    check(
      'the deterministic narrator took over from the hanging / garbage LLM',
      fallbacks.length > 0,
      fallbacks.join(', ') || 'no fallback counted',
    );

    // Records written while Redis was down wait in memory and move into the Redis buffer now that it is back.
    const client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    client.on('error', () => undefined);
    const key = `${prefix}conversation-buffer`;
    const buffered = await until(async () => (await client.llen(key)) >= answers.length, 90_000);
    const inBuffer = await client.llen(key);
    check(
      'every conversation reached the durable buffer while MongoDB was unreachable',
      buffered,
      `${inBuffer} buffered for ${answers.length} answers`,
    );

    serve.child.kill('SIGTERM');
    const code = await serve.exited;
    check('serve shut down cleanly on SIGTERM with the store still down', code === 0, `exit code ${code}`);

    // "MongoDB is back": the next process drains the buffer into the store (a memory store stands in for it here).
    const store = createMemoryStore({});
    const drainer = createDurableConversationWriter({
      redis: client,
      key,
      store,
      maxMemoryQueue: 100,
      baseDelayMs: 50,
      maxDelayMs: 200,
      pollMs: 200,
    });
    const drained = await until(async () => (await client.llen(key)) === 0, 60_000);
    await drainer.close();
    const perUser = await Promise.all(
      answers.map(async (a) => (await store.conversations.listByUser(`kakao:${a.userId}`, { limit: 10 })).length),
    );
    const missing = answers.filter((_, i) => perUser[i] === 0).map((a) => a.userId);
    const doubled = answers.filter((_, i) => perUser[i]! > 1).map((a) => a.userId);
    check(
      'every conversation stored exactly once after the store came back',
      drained && missing.length === 0 && doubled.length === 0,
      `${perUser.filter((n) => n === 1).length}/${answers.length} exactly once; missing ${missing.length}, more than once ${doubled.length}; buffer ${drained ? 'empty' : 'not empty'}`,
    );
    await client.del(key);
    client.disconnect();
  } finally {
    if (serve.child.exitCode === null) serve.child.kill('SIGKILL');
    await openai.close();
    await redis.kill();
  }
}

async function etlScenario(workDir: string): Promise<void> {
  console.log('\n# etl: a worker killed mid-job, Redis killed and restarted during the pass');
  const dir = join(workDir, 'redis-etl');
  let redis = await startDurableRedis(dir);
  const logFile = join(workDir, 'etl.log');
  writeFileSync(logFile, '');
  const prefix = `rx-faults-etl-${process.pid}`;
  const ids = CATALOG.map((i) => i.id).slice(0, 12);
  const workers: ChildProcess[] = [];
  const startWorker = () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'bench/faults-etl-worker.ts', redis.url, prefix, logFile],
      { stdio: 'ignore' },
    );
    workers.push(child);
    return child;
  };
  const lines = () =>
    readFileSync(logFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split(' ') as [string, string, string]);
  try {
    const queue = createEtlQueue({ host: '127.0.0.1', port: redis.port, maxRetriesPerRequest: null }, prefix);
    for (const id of ids)
      await queue.add(
        'etl',
        { indicatorId: id },
        { jobId: `fault-${id}`, attempts: 10, backoff: { type: 'fixed', delay: 300 }, removeOnComplete: false },
      );
    await queue.close();

    const first = startWorker();
    startWorker();
    await until(() => lines().some(([kind, , pid]) => kind === 'start' && pid === String(first.pid)), 60_000);
    first.kill('SIGKILL');
    const killedJobs = lines()
      .filter(([kind, , pid]) => kind === 'start' && pid === String(first.pid))
      .map(([, id]) => id);
    startWorker();
    await until(() => lines().filter(([kind]) => kind === 'done').length >= 4, 60_000);
    await redis.kill();
    await sleep(2_000);
    redis = await startDurableRedis(dir, redis.port);
    await until(
      () =>
        new Set(
          lines()
            .filter(([kind]) => kind === 'done')
            .map(([, id]) => id),
        ).size >= ids.length,
      120_000,
    );
    await sleep(1_500);

    const done = new Map<string, number>();
    const ran = new Map<string, number>();
    for (const [kind, id] of lines()) {
      if (kind === 'done') done.set(id, (done.get(id) ?? 0) + 1);
      if (kind === 'ran') ran.set(id, (ran.get(id) ?? 0) + 1);
    }
    const lost = ids.filter((id) => !done.has(id));
    const twice = ids.filter((id) => (done.get(id) ?? 0) > 1);
    const reran = ids.filter((id) => (ran.get(id) ?? 0) > 1);
    const check2 = createEtlQueue({ host: '127.0.0.1', port: redis.port, maxRetriesPerRequest: null }, prefix);
    const counts = await check2.getJobCounts('completed', 'failed', 'waiting', 'active', 'delayed');
    check(
      'no ETL job lost: every job completed (after a SIGKILLed worker and a SIGKILLed Redis)',
      lost.length === 0 && counts.completed === ids.length,
      `${ids.length - lost.length}/${ids.length} completed; queue ${JSON.stringify(counts)}; killed mid-job: ${killedJobs.join(', ')}`,
    );
    check(
      'no ETL job completed twice',
      twice.length === 0,
      twice.length
        ? `twice: ${twice.join(', ')}`
        : `each of ${ids.length} acknowledged once; processor re-runs of an unacknowledged job (idempotent): ${reran.length}`,
    );
    await check2.obliterate({ force: true });
    await check2.close();
  } finally {
    for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
    await redis.kill();
  }
}

const workDir = mkdtempSync(join(tmpdir(), 'rx-faults-'));
try {
  await serveScenario(workDir);
  await etlScenario(workDir);
} catch (err) {
  check('scenario ran to the end', false, (err as Error).stack ?? String(err));
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
const failed = checks.filter((c) => !c.ok);
console.log(
  `\n${failed.length ? `FAIL: ${failed.length} of ${checks.length} checks failed` : `PASS: all ${checks.length} checks`}`,
);
process.exit(failed.length ? 1 : 0);
