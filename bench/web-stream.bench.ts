/**
 * `npm run bench:web`: POST /api/forecast as Server-Sent Events through the real server (login via the Kakao
 * stand-in, JWT check and session lookup on every request). Prints time to the first event and to `done`, for
 * cached answers under concurrency and for fresh answers (every horizon once). Figures depend on the machine and
 * on whatever else runs on it; load averages are printed with them.
 */
import { cpus, loadavg } from 'node:os';
import { startWebHarness } from '../test/e2e/web-harness.js';
import { loginOverHttp, readSse } from '../test/e2e/web-login-helper.js';

const USERS = Number(process.env.BENCH_USERS ?? 16);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 400);

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function one(base: string, token: string, body: object): Promise<{ first: number; done: number; ok: boolean }> {
  const t0 = performance.now();
  const res = await fetch(`${base}/api/forecast`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  let first = NaN;
  const events = await readSse(res, () => {
    if (Number.isNaN(first)) first = performance.now() - t0;
    return false;
  });
  return { first, done: performance.now() - t0, ok: res.status === 200 && events.at(-1)?.event === 'done' };
}

function report(name: string, rows: { first: number; done: number; ok: boolean }[], wallMs: number): void {
  const firsts = rows.map((r) => r.first);
  const dones = rows.map((r) => r.done);
  console.log(
    `${name}: ${rows.length} answers, ${rows.filter((r) => !r.ok).length} failed, ${((rows.length / wallMs) * 1000).toFixed(1)} answers/s | first event p50 ${ms(pct(firsts, 50))} p95 ${ms(pct(firsts, 95))} | done p50 ${ms(pct(dones, 50))} p95 ${ms(pct(dones, 95))} max ${ms(Math.max(...dones))}`,
  );
}

async function main(): Promise<void> {
  console.log(
    `# web SSE (/api/forecast), ${cpus().length} CPUs, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}; drift forecaster, deterministic narrator, in-memory stores`,
  );
  const h = await startWebHarness({ WEB_FORECASTS_PER_MINUTE: '1000' });
  try {
    const tokens: string[] = [];
    for (let u = 0; u < USERS; u += 1) {
      h.kakao.setUser({ id: 10_000 + u, nickname: `bench-${u}` });
      tokens.push((await loginOverHttp(h.base)).accessToken);
    }

    // Fresh answers: every horizon once, 4 at a time (each one forecasts, renders a chart and narrates).
    const fresh: { first: number; done: number; ok: boolean }[] = [];
    let t0 = performance.now();
    const horizons = Array.from({ length: 24 }, (_, i) => i + 1);
    for (let i = 0; i < horizons.length; i += 4) {
      fresh.push(
        ...(await Promise.all(
          horizons
            .slice(i, i + 4)
            .map((m, j) => one(h.base, tokens[j % USERS]!, { question: 'S&P 500 전망', horizonMonths: m })),
        )),
      );
    }
    report('fresh (24 horizons, 4 concurrent)', fresh, performance.now() - t0);

    // Cached answers under concurrency: what a busy page sees once popular questions are in the cache.
    let next = 0;
    const cached: { first: number; done: number; ok: boolean }[] = [];
    t0 = performance.now();
    await Promise.all(
      tokens.map(async (token) => {
        while (next < REQUESTS) {
          next += 1;
          cached.push(await one(h.base, token, { question: 'S&P 500 전망', horizonMonths: 1 + (next % 24) }));
        }
      }),
    );
    report(`cached (${REQUESTS} answers, ${USERS} concurrent users)`, cached, performance.now() - t0);
  } finally {
    await h.close();
  }
}

await main();
