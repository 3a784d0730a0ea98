import { generateKeyPairSync, sign } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { REST } from 'discord.js';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp } from '../../adapters/http/create-http-app.js';
import { registerDiscordCommands } from '../../adapters/discord/discord-commands.js';
import { main } from '../../src/cli.js';
import { createDiscordInteractions } from '../../adapters/discord/interactions.js';
import { createDiscordInteractionsRouter } from '../../adapters/discord/interactions-router.js';
import { loadConfig } from '../../src/config.js';
import { createSilentLogger } from '../../src/logger.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { startFakeDiscord } from '../fakes/discord-rest.js';
import { startFakeOpenAi } from '../fakes/openai-server.js';
import { useTestRedis } from '../fakes/test-redis.js';

const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const publicKeyHex = publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('hex');

let discord: Awaited<ReturnType<typeof startFakeDiscord>>;
let llm: Awaited<ReturnType<typeof startFakeOpenAi>>;
let runtime: Runtime;
let server: Server;
let base: string;
const scenarios: string[] = [];
let done: () => void = () => undefined;

beforeAll(async () => {
  discord = await startFakeDiscord();
  llm = await startFakeOpenAi();
  runtime = await createRuntime(
    loadConfig({ FORECASTER: 'drift', OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: llm.url }),
    { logger: createSilentLogger() },
  );
  const engine = {
    async *answer(...args: Parameters<Runtime['engine']['answer']>) {
      let text = '';
      for await (const e of runtime.engine.answer(...args)) {
        if (e.type === 'scenario-delta') text += e.text;
        if (e.type === 'done') scenarios.push(text);
        yield e;
      }
    },
  };
  const rest = new REST({ api: discord.api, retries: 1, timeout: 15_000 }).setToken('bot-token');
  const handlers = createDiscordInteractions({
    rest,
    engine,
    conversations: runtime.store.conversations,
    logger: createSilentLogger(),
    answerDeadlineMs: 45_000,
    onStreamed: () => done(),
  });
  const app = createHttpApp({
    runtime,
    mounts: [
      {
        path: '/discord',
        router: createDiscordInteractionsRouter({ publicKeyHex, handlers, logger: createSilentLogger() }),
      },
    ],
  });
  server = await new Promise<Server>((r) => {
    const s = app.listen(0, '127.0.0.1', () => r(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  await runtime.close();
  await discord.close();
  await llm.close();
});

async function post(body: object, opts: { forge?: boolean } = {}) {
  const raw = JSON.stringify(body);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = sign(null, Buffer.from(timestamp + raw), privateKey).toString('hex');
  const res = await fetch(`${base}/discord/interactions`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-signature-ed25519': opts.forge ? signature.replace(/^./u, (c) => (c === 'a' ? 'b' : 'a')) : signature,
      'x-signature-timestamp': timestamp,
    },
    body: raw,
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

const interaction = (
  data: { name: string; options?: { name: string; value: string | number; focused?: boolean }[] },
  token: string,
  type = 2,
) => ({ id: `${Date.now()}`, application_id: '1234', type, token, locale: 'ko', member: { user: { id: '77' } }, data });

describe('Discord HTTP interactions against a REST stand-in', () => {
  it('answers PING and refuses a forged signature with 401', async () => {
    expect(await post({ type: 1 })).toEqual({ status: 200, json: { type: 1 } });
    expect((await post({ type: 1 }, { forge: true })).status).toBe(401);
    const unsigned = await fetch(`${base}/discord/interactions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"type":1}',
    });
    expect(unsigned.status).toBe(401);
  });

  it('defers, attaches the chart in an embed, streams the scenario as throttled edits and follow-ups past 2000', async () => {
    const long = '시장 심리는 여전히 조심스럽고 변동성이 커질 수 있습니다. '.repeat(90);
    llm.script(
      { kind: 'ok', text: '요약: 중앙 전망은 큰 변화가 없고 불확실성이 큽니다.' },
      { kind: 'ok', text: long, chunkSize: 300, delayMs: 100 },
    );
    const finished = new Promise<void>((r) => (done = r));
    const token = 'tok-forecast-1';
    const r = await post(
      interaction(
        {
          name: 'forecast',
          options: [
            { name: 'indicator', value: 'sp500' },
            { name: 'months', value: 6 },
          ],
        },
        token,
      ),
    );
    expect(r).toEqual({ status: 200, json: { type: 5 } });
    await finished;
    const calls = discord.calls.filter((c) => c.path.includes(token));
    expect(calls.every((c) => c.status === 200)).toBe(true);
    const withChart = calls.find((c) => c.files.length > 0)!;
    expect(withChart.method).toBe('PATCH');
    expect(withChart.path.endsWith('/messages/@original')).toBe(true);
    expect(withChart.files[0]).toBeGreaterThan(1000);
    expect(JSON.stringify(withChart.body.embeds)).toContain('attachment://chart.png');
    for (let i = 1; i < calls.length; i += 1) expect(calls[i]!.at - calls[i - 1]!.at).toBeGreaterThanOrEqual(950);
    const texts = discord.texts(token).filter((t) => t.length > 0);
    expect(texts.length).toBeGreaterThanOrEqual(2);
    expect(texts.every((t) => t.length <= 2000)).toBe(true);
    expect(texts.join('')).toBe(scenarios.at(-1));
  });

  it('autocompletes indicators and answers bad input ephemerally', async () => {
    const ac = await post(
      interaction({ name: 'forecast', options: [{ name: 'indicator', value: '코스', focused: true }] }, 'tok-ac', 4),
    );
    expect(ac.json).toMatchObject({ type: 8 });
    expect(JSON.stringify(ac.json)).toContain('kospi');
    // Not an indicator: deferred to this user only, and the engine says what it covers (test/adapters/discord-clarify.test.ts).
    const bad = await post(
      interaction(
        {
          name: 'forecast',
          options: [
            { name: 'indicator', value: 'bitcoin' },
            { name: 'months', value: 6 },
          ],
        },
        'tok-bad',
      ),
    );
    expect(bad.json).toMatchObject({ type: 5, data: { flags: 64 } });
    const sub = await post(interaction({ name: 'subscribe' }, 'tok-sub'));
    expect(JSON.stringify(sub.json)).toContain('아직');
    const months = await post(
      interaction(
        {
          name: 'forecast',
          options: [
            { name: 'indicator', value: 'kospi' },
            { name: 'months', value: 36 },
          ],
        },
        'tok-m',
      ),
    );
    expect(months.json).toMatchObject({ type: 4, data: { flags: 64 } });
  });

  it('discord:register puts the localized slash commands to the guild', async () => {
    let out = '';
    const code = await main(
      ['discord:register'],
      [registerDiscordCommands],
      {
        DISCORD_TOKEN: 't',
        DISCORD_APPLICATION_ID: '1234',
        DISCORD_GUILD_ID: '555',
        DISCORD_API_BASE: discord.api,
        LOG_LEVEL: 'silent',
      },
      { out: (t) => (out += t), err: () => undefined },
    );
    expect(code).toBe(0);
    // The first 11, then /risk, /plan, /profile, /apply, /news and /scenario.
    expect(out).toMatch(/registered 17 command\(s\) in guild 555/u);
    const put = discord.calls.find((c) => c.method === 'PUT')!;
    expect(put.path).toBe('/api/v10/applications/1234/guilds/555/commands');
    expect(put.status).toBe(200);
    const names = (put.body as unknown as { name: string }[]).map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['forecast', 'risk', 'plan', 'profile', 'apply', 'news', 'scenario']));
  });

  const limitedHandlers = (extra: Partial<Parameters<typeof createDiscordInteractions>[0]> = {}) =>
    createDiscordInteractions({
      rest: new REST({ api: discord.api }),
      engine: runtime.engine,
      conversations: runtime.store.conversations,
      logger: createSilentLogger(),
      answerDeadlineMs: 1_000,
      questionsPerMinute: 2,
      ...extra,
    });
  const askAs = (handlers: ReturnType<typeof createDiscordInteractions>, user: string) =>
    handlers
      .respond({
        ...interaction(
          {
            name: 'forecast',
            options: [
              { name: 'indicator', value: 'sp500' },
              { name: 'months', value: 3 },
            ],
          },
          `tok-${user}`,
        ),
        member: { user: { id: user } },
      })
      .then((r) => r.response);
  const refused = { type: 4, data: { flags: 64, content: expect.stringMatching(/질문이 너무 많아요/u) } };

  it('limits questions per user politely, decided inside the 3 s response', async () => {
    const handlers = limitedHandlers();
    const ask = (user: string) => askAs(handlers, user);
    expect(await ask('a')).toEqual({ type: 5 });
    expect(await ask('a')).toEqual({ type: 5 });
    expect(await ask('a')).toMatchObject(refused);
    expect(await ask('b')).toEqual({ type: 5 });
  });

  describe('with a Redis of its own', () => {
    const testRedis = useTestRedis();

    it('shares the budget of one user across processes through Redis (the same limiter as Telegram and Kakao)', async () => {
      const redis = new Redis(testRedis.url, { maxRetriesPerRequest: 1 });
      const limiterKeyPrefix = `rx-test-discord-user-${process.pid}-${Date.now()}`;
      try {
        // Ready first: a limiter Redis that is not ready hands the decision to each process's memory (insurance).
        await redis.ping();
        const a = limitedHandlers({ limiterRedis: redis, limiterKeyPrefix });
        const b = limitedHandlers({ limiterRedis: redis, limiterKeyPrefix });
        expect(await askAs(a, 'shared')).toEqual({ type: 5 });
        expect(await askAs(b, 'shared')).toEqual({ type: 5 });
        expect(await askAs(a, 'shared')).toMatchObject(refused);
        expect(await redis.exists(`${limiterKeyPrefix}:shared`)).toBe(1);
      } finally {
        const keys = await redis.keys(`${limiterKeyPrefix}*`);
        if (keys.length) await redis.del(...keys);
        redis.disconnect();
      }
    });
  });

  it('a refused embed and attachment (403 Missing Permissions) leaves the summary as text and the scenario intact', async () => {
    llm.script(
      { kind: 'ok', text: '요약: 중앙 전망은 완만한 상승입니다.' },
      { kind: 'ok', text: '시나리오 첫 문장입니다. 두 번째 문장입니다.', chunkSize: 20, delayMs: 20 },
    );
    const token = 'tok-noembed';
    discord.refuse((c) =>
      c.path.includes(token) && c.method === 'PATCH' && (c.files.length > 0 || c.body.embeds !== undefined)
        ? { status: 403, body: { message: 'Missing Permissions', code: 50013 } }
        : undefined,
    );
    const finished = new Promise<void>((r) => (done = r));
    try {
      const r = await post(
        interaction(
          {
            name: 'forecast',
            options: [
              { name: 'indicator', value: 'sp500' },
              { name: 'months', value: 7 },
            ],
          },
          token,
        ),
      );
      expect(r.json).toEqual({ type: 5 });
      await finished;
    } finally {
      discord.refuse(undefined);
    }
    const refused = discord.calls.filter((c) => c.path.includes(token) && c.status === 403);
    expect(refused).toHaveLength(2); // embed with the chart, then the embed alone
    const [original, ...followUps] = discord.texts(token);
    expect(original).toMatch(/S&P 500 7개월 전망[\s\S]*요약: 중앙 전망은 완만한 상승입니다/u);
    expect(followUps.join('')).toBe(scenarios.at(-1));
  });

  it('a signed but malformed interaction is refused with 400 before any handler, and nothing is sent to Discord', async () => {
    const before = discord.calls.length;
    for (const body of [
      { type: 2, id: 'x', token: 't' },
      { type: 2, id: '1', application_id: '1234', token: '../../users/@me', data: { name: 'forecast' } },
      { type: 2, id: '1', application_id: '1234', token: '..', data: { name: 'indicators' } },
      { type: 2, id: '1', application_id: '1234', token: 'tok', data: { name: 'forecast', options: 'sp500' } },
      { type: 'PING' },
    ]) {
      const r = await post(body);
      expect(r.status).toBe(400);
    }
    expect(discord.calls.length).toBe(before);
  });
});
