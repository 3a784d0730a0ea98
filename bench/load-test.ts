// `npm run test:load`: a bounded load test of `riskxpert serve` as a real process over loopback.
// Kakao skill calls, Telegram webhook updates and web API answers (SSE, after a real Kakao Login), a mix of cached and never-seen questions, at a fixed rate;
// prints throughput, p50/p99, errors and the server's RSS before and after. Exits 1 on any error, any
// non-2xx, a Telegram answer that never arrived, or RSS growth above --max-rss-growth.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { startKakaoOAuthFake } from '../test/fakes/kakao-oauth-server.js';
import { startFakeTelegram } from '../test/fakes/telegram-bot-api.js';
import { freePort } from '../test/fakes/private-redis.js';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '60' },
    // Long enough for the bounded caches (answers, charts, per-user state) to fill before "RSS before" is read.
    warmup: { type: 'string', default: '60' },
    'kakao-rate': { type: 'string', default: '40' },
    'telegram-rate': { type: 'string', default: '4' },
    'web-rate': { type: 'string', default: '4' },
    uncached: { type: 'string', default: '0.1' },
    connections: { type: 'string', default: '16' },
    'max-rss-growth': { type: 'string', default: '0.10' },
    redis: { type: 'string' },
    // Users repeat in real traffic; a bounded pool also lets the bounded per-user caches (Kakao's recent answers,
    // Telegram's chat gates) reach their steady size during the warm-up instead of growing through the measurement.
    users: { type: 'string', default: '500' },
  },
});
const duration = Number(args.duration);
const warmup = Number(args.warmup);
const kakaoRate = Number(args['kakao-rate']);
const telegramRate = Number(args['telegram-rate']);
const webRate = Number(args['web-rate']);
const uncachedShare = Number(args.uncached);
const connections = Number(args.connections);
const maxRssGrowth = Number(args['max-rss-growth']);
const users = Number(args.users);

const KAKAO_SECRET = 'load-test-kakao-secret';
const TG_TOKEN = '123456:LOADTEST';
const TG_SECRET = 'load-test-telegram-secret';
// The offline sample has S&P 500 only (RISKXPERT_DATA_DIR unset), so questions vary by horizon and wording.
const CACHED = [
  'S&P 500 3개월',
  'S&P 500 6개월 전망',
  'S&P 500 12개월 어때?',
  'S&P 500 1년 뒤',
  'S&P 500 next 9 months',
  'S&P 500 24개월 전망',
];
const letters = () =>
  Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');
const question = () =>
  Math.random() < uncachedShare
    ? `S&P 500 ${1 + Math.floor(Math.random() * 24)}개월 전망 (${letters()})`
    : CACHED[Math.floor(Math.random() * CACHED.length)]!;
// Many clients behind the trusted loopback proxy, so the per-IP limit is exercised but no client exceeds it.
const clientIp = () =>
  `10.${Math.floor(Math.random() * 4)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;

function kakaoBody(utterance: string): string {
  return JSON.stringify({
    userRequest: {
      timezone: 'Asia/Seoul',
      params: {},
      block: { id: 'b', name: 'fallback' },
      utterance,
      lang: 'ko',
      user: { id: `load-${Math.floor(Math.random() * users)}`, type: 'botUserKey', properties: {} },
    },
    contexts: [],
    bot: { id: 'bot', name: 'RiskXpert' },
    action: { name: 'forecast', clientExtra: null, params: {}, id: 'skill', detailParams: {} },
  });
}

let updateId = 1;
/** Every update the webhook acknowledged, warm-up included: each must end in exactly one photo answer. */
const ackedUpdates = new Set<number>();
function telegramBody(text: string): { body: string; chatId: number } {
  const chatId = 1_000_000 + Math.floor(Math.random() * users);
  updateId += 1;
  const u = {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, type: 'private', first_name: 'Load' },
      from: { id: chatId, is_bot: false, first_name: 'Load', language_code: 'ko' },
      text,
    },
  };
  return { body: JSON.stringify(u), chatId };
}

async function rssKb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/u.exec(status)?.[1] ?? Number.NaN);
}

/** The server's own view of its memory, from its /metrics (prom-client default metrics). */
async function heapMiB(base: string): Promise<{ used: number; external: number }> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const read = (name: string) =>
    Number(new RegExp(`^${name} (\\S+)$`, 'mu').exec(text)?.[1] ?? Number.NaN) / 1024 / 1024;
  return {
    used: read('riskxpert_nodejs_heap_size_used_bytes'),
    external: read('riskxpert_nodejs_external_memory_bytes'),
  };
}

interface Tally {
  kakaoInvalid: number;
  kakaoUnfinished: number;
  /** Updates the webhook acknowledged; each must get its photo answer (the stand-in sees the update's message id as reply). */
  telegramUpdates: Set<number>;
  webUnfinished: number;
}

function kakaoRequest(tally: Tally): autocannon.Request {
  return {
    method: 'POST',
    path: '/kakao/skill',
    setupRequest: (req) => ({
      ...req,
      headers: {
        'content-type': 'application/json',
        'x-riskxpert-skill-secret': KAKAO_SECRET,
        'x-forwarded-for': clientIp(),
      },
      body: kakaoBody(question()),
    }),
    onResponse: (status, body) => {
      if (status !== 200) return;
      let parsed: { version?: string; template?: { outputs?: { simpleImage?: unknown }[] } } | undefined;
      try {
        parsed = JSON.parse(body) as typeof parsed;
      } catch {
        parsed = undefined;
      }
      if (parsed?.version !== '2.0') tally.kakaoInvalid += 1;
      // An inline answer with no chart means the engine missed Kakao's budget.
      else if (!parsed.template?.outputs?.some((o) => o.simpleImage)) tally.kakaoUnfinished += 1;
    },
  };
}

function telegramRequest(tally: Tally): autocannon.Request {
  return {
    method: 'POST',
    path: '/telegram/webhook',
    setupRequest: (req, context: { updateId?: number }) => {
      const { body } = telegramBody(question());
      // One request in flight per connection: the context carries this request's update to its response.
      context.updateId = updateId;
      return {
        ...req,
        headers: {
          'content-type': 'application/json',
          'x-telegram-bot-api-secret-token': TG_SECRET,
          'x-forwarded-for': clientIp(),
        },
        body,
      };
    },
    onResponse: (status, _body, context: { updateId?: number }) => {
      if (status !== 200 || context.updateId === undefined) return;
      tally.telegramUpdates.add(context.updateId);
      ackedUpdates.add(context.updateId);
    },
  };
}

/** The web API's answer is a Server-Sent Events stream; it must end with `done`, not `error`. */
function webRequest(tally: Tally, accessToken: string): autocannon.Request {
  return {
    method: 'POST',
    path: '/api/forecast',
    setupRequest: (req) => ({
      ...req,
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${accessToken}`,
        'x-forwarded-for': clientIp(),
      },
      body: JSON.stringify({ question: question() }),
    }),
    onResponse: (status, body) => {
      if (status === 200 && !/event: done/u.test(body)) tally.webUnfinished += 1;
    },
  };
}

/** Logs in through the real Kakao Login redirects (against the OAuth stand-in) and returns a web access token. */
async function webLogin(base: string): Promise<string> {
  const cookies = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [name, value] = pair!.split('=') as [string, string];
      cookies.set(name.trim(), value);
    }
  };
  const cookieHeader = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const login = await fetch(`${base}/auth/kakao/login`, { redirect: 'manual' });
  keep(login);
  const authorize = await fetch(login.headers.get('location')!, { redirect: 'manual' });
  const callback = await fetch(authorize.headers.get('location')!, {
    redirect: 'manual',
    headers: { cookie: cookieHeader() },
  });
  keep(callback);
  const refreshed = await fetch(`${base}/auth/refresh`, {
    method: 'POST',
    headers: { cookie: cookieHeader(), 'x-riskxpert-web': '1' },
  });
  if (!refreshed.ok) throw new Error(`web login failed: ${refreshed.status} ${await refreshed.text()}`);
  return ((await refreshed.json()) as { accessToken: string }).accessToken;
}

function drive(url: string, request: autocannon.Request, rate: number, seconds: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: Math.max(1, Math.min(connections, rate)),
        overallRate: rate,
        duration: seconds,
        requests: [request],
        timeout: 10,
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
    instance.on('error', reject);
  });
}

async function main(): Promise<number> {
  const tg = await startFakeTelegram({ token: TG_TOKEN, perChatMinGapMs: 1000 });
  const port = await freePort();
  const kakaoLogin = await startKakaoOAuthFake({
    clientId: 'load-test-rest-key',
    redirectUris: [`http://127.0.0.1:${port}/auth/kakao/callback`],
    user: { id: 4242, nickname: 'load' },
  });
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of [
    'RISKXPERT_DATA_DIR',
    'REDIS_URL',
    'QUEUE_REDIS_URL',
    'MONGODB_URL',
    'OPENAI_API_KEY',
    'DISCORD_TOKEN',
    'DISCORD_PUBLIC_KEY',
  ])
    delete env[k];
  Object.assign(env, {
    PORT: String(port),
    LOG_LEVEL: 'warn',
    FORECASTER: 'model',
    LLM_ENABLED: 'false',
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    KAKAO_SKILL_SECRET: KAKAO_SECRET,
    TELEGRAM_BOT_TOKEN: TG_TOKEN,
    TELEGRAM_API_ROOT: tg.apiRoot,
    TELEGRAM_WEBHOOK_SECRET: TG_SECRET,
    CACHE_MAX_ENTRIES: '200',
    // The in-memory store keeps every conversation up to its bound (10,000 by default, ~4 KB each): a smaller bound is
    // reached in the warm-up, so the RSS figures show steady state instead of the store filling up.
    // The in-memory store, bounded, as the figures in the README were measured (the embedded database is measured by bench:store).
    STORE: 'memory',
    MEMORY_STORE_MAX_CONVERSATIONS: '1000',
    KAKAO_REST_API_KEY: 'load-test-rest-key',
    KAKAO_REDIRECT_URI: `http://127.0.0.1:${port}/auth/kakao/callback`,
    KAKAO_OAUTH_BASE: kakaoLogin.url,
    KAKAO_API_BASE: kakaoLogin.url,
    WEB_JWT_SECRET: 'load-test-web-jwt-secret-0123456789abcdef',
    // One logged-in load-test user asks everything on the web: lift its per-user limit to the most allowed.
    WEB_FORECASTS_PER_MINUTE: '1000',
    ...(args.redis ? { REDIS_URL: args.redis, CACHE_KEY_PREFIX: `rx-load-${process.pid}-${Date.now()}:` } : {}),
  });
  const child: ChildProcess = spawn(process.execPath, ['bin/riskxpert.js', 'serve'], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-20_000)));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const base = `http://127.0.0.1:${port}`;
  try {
    let up = false;
    for (let i = 0; i < 600 && !up; i += 1) {
      up = await fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (!up) await new Promise((r) => setTimeout(r, 100));
    }
    if (!up) throw new Error(`server did not start:\n${stderr}`);
    for (const q of CACHED) {
      await fetch(`${base}/kakao/skill`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-riskxpert-skill-secret': KAKAO_SECRET },
        body: kakaoBody(q),
      });
    }
    console.log(
      `# load test: riskxpert serve (model forecaster, deterministic narrator, in-memory ${args.redis ? 'store, Redis cache' : 'cache and store'}), ${cpus().length} CPU(s)`,
    );
    console.log(
      `# mix: Kakao ${kakaoRate}/s + Telegram webhook ${telegramRate}/s + web SSE ${webRate}/s, ${(uncachedShare * 100).toFixed(0)}% never-seen questions; warm-up ${warmup} s, measured ${duration} s`,
    );
    const warm: Tally = { kakaoInvalid: 0, kakaoUnfinished: 0, telegramUpdates: new Set(), webUnfinished: 0 };
    const accessToken = await webLogin(base);
    if (warmup > 0)
      await Promise.all([
        drive(base, kakaoRequest(warm), kakaoRate, warmup),
        drive(base, telegramRequest(warm), telegramRate, warmup),
        drive(base, webRequest(warm, accessToken), webRate, warmup),
      ]);
    const pid = child.pid!;
    const rssBefore = await rssKb(pid);
    const heapBefore = await heapMiB(base);
    let rssMax = rssBefore;
    const timeline: number[] = [];
    let ticks = 0;
    const sampler = setInterval(
      () =>
        void rssKb(pid).then(
          (v) => {
            rssMax = Math.max(rssMax, v);
            if (++ticks % 15 === 0) timeline.push(v);
          },
          () => undefined,
        ),
      2_000,
    );
    const tally: Tally = { kakaoInvalid: 0, kakaoUnfinished: 0, telegramUpdates: new Set(), webUnfinished: 0 };
    const [k, t, w] = await Promise.all([
      drive(base, kakaoRequest(tally), kakaoRate, duration),
      drive(base, telegramRequest(tally), telegramRate, duration),
      drive(base, webRequest(tally, accessToken), webRate, duration),
    ]);
    clearInterval(sampler);
    const rssAfter = await rssKb(pid);
    const heapAfter = await heapMiB(base);

    // Webhook answers run in the background: wait (bounded) until every measured chat got its photo.
    const deadline = Date.now() + 60_000;
    const answered = () => tg.calls.filter((call) => call.method === 'sendPhoto' && call.outcome === 'ok').length;
    let delivered = answered();
    while (delivered < ackedUpdates.size && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      delivered = answered();
    }
    const metrics = await (await fetch(`${base}/metrics`)).text();
    const hits = Number(/riskxpert_cache_lookups_total\{result="hit"\} (\d+)/u.exec(metrics)?.[1] ?? 0);
    const misses = Number(/riskxpert_cache_lookups_total\{result="miss"\} (\d+)/u.exec(metrics)?.[1] ?? 0);

    const line = (name: string, r: autocannon.Result) => {
      const codes = Object.entries(r.statusCodeStats ?? {})
        .map(([code, s]) => `${code}:${(s as { count: number }).count}`)
        .join(' ');
      return `${name.padEnd(20)} ${r.requests.total.toString().padStart(6)} req  ${(r.requests.total / duration).toFixed(1).padStart(6)} req/s  p50 ${String(r.latency.p50).padStart(4)} ms  p99 ${String(r.latency.p99).padStart(5)} ms  errors ${r.errors}  timeouts ${r.timeouts}  non-2xx ${r.non2xx}  [${codes}]`;
    };
    console.log(line('POST /kakao/skill', k));
    console.log(line('POST /telegram/webhook', t));
    console.log(line('POST /api/forecast', w));
    console.log(`web answers (SSE) that did not end with "done": ${tally.webUnfinished}`);
    console.log(
      `kakao replies: ${tally.kakaoInvalid} not a SkillResponse 2.0, ${tally.kakaoUnfinished} without the chart (answer not ready in the inline budget)`,
    );
    console.log(
      `telegram: ${tally.telegramUpdates.size} updates acknowledged in the measured run; chart answers delivered to the Bot API stand-in ${delivered} for ${ackedUpdates.size} acknowledged in all`,
    );
    console.log(
      `cache: ${hits} hits, ${misses} misses (hit ratio ${((hits / Math.max(1, hits + misses)) * 100).toFixed(1)}%, since start)`,
    );
    const growth = (rssAfter - rssBefore) / rssBefore;
    console.log(
      `server RSS: before ${(rssBefore / 1024).toFixed(1)} MiB, after ${(rssAfter / 1024).toFixed(1)} MiB (${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)}%), peak ${(rssMax / 1024).toFixed(1)} MiB`,
    );
    console.log(
      `server JS heap used: before ${heapBefore.used.toFixed(1)} MiB, after ${heapAfter.used.toFixed(1)} MiB; external (native buffers): ${heapBefore.external.toFixed(1)} -> ${heapAfter.external.toFixed(1)} MiB`,
    );
    console.log(`server RSS every 30 s: ${timeline.map((v) => (v / 1024).toFixed(0)).join(' ')} MiB`);
    console.log(
      `machine: load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} (shared with other work: figures are indicative)`,
    );

    const problems: string[] = [];
    if (tally.webUnfinished > 0) problems.push(`${tally.webUnfinished} web answers did not finish`);
    for (const [name, r] of [
      ['kakao', k],
      ['telegram', t],
      ['web', w],
    ] as const)
      if (r.errors + r.timeouts + r.non2xx > 0)
        problems.push(`${name}: ${r.errors} errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx`);
    if (tally.kakaoInvalid > 0) problems.push(`${tally.kakaoInvalid} invalid Kakao replies`);
    // At least: an update whose acknowledgement autocannon did not wait for at the end may be answered too.
    if (delivered < ackedUpdates.size) problems.push(`${ackedUpdates.size - delivered} Telegram answers never arrived`);
    if (growth > maxRssGrowth)
      problems.push(`RSS grew ${(growth * 100).toFixed(1)}% (limit ${(maxRssGrowth * 100).toFixed(0)}%)`);
    console.log(
      problems.length ? `FAIL: ${problems.join('; ')}` : 'PASS: no errors, every answer arrived, RSS within bounds',
    );
    return problems.length ? 1 : 0;
  } finally {
    child.kill('SIGTERM');
    const code = await exited;
    if (code !== 0) console.log(`server exit code ${code}:\n${stderr.slice(-4_000)}`);
    await tg.close();
    await kakaoLogin.close();
  }
}

process.exitCode = await main();
