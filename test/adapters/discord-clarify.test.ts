import { generateKeyPairSync, sign } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordInteractions } from '../../adapters/discord/interactions.js';
import { createDiscordInteractionsRouter } from '../../adapters/discord/interactions-router.js';
import { createHttpApp } from '../../adapters/http/create-http-app.js';
import { loadConfig } from '../../src/config.js';
import { createSilentLogger } from '../../src/logger.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { writeClarifySeriesDir } from '../fakes/clarify-series-dir.js';
import { startFakeDiscord } from '../fakes/discord-rest.js';

const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const publicKeyHex = publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('hex');

let discord: Awaited<ReturnType<typeof startFakeDiscord>>;
let runtime: Runtime;
let server: Server;
let base: string;
let removeData: () => Promise<void>;
const streamed: number[] = [];

beforeAll(async () => {
  const data = await writeClarifySeriesDir();
  removeData = data.remove;
  discord = await startFakeDiscord();
  runtime = await createRuntime(loadConfig({ FORECASTER: 'drift', RISKXPERT_DATA_DIR: data.dir }), {
    logger: createSilentLogger(),
  });
  const rest = new REST({ api: discord.api, retries: 1, timeout: 15_000 }).setToken('bot-token');
  const handlers = createDiscordInteractions({
    rest,
    engine: runtime.engine,
    conversations: runtime.store.conversations,
    logger: createSilentLogger(),
    answerDeadlineMs: 45_000,
    onStreamed: () => streamed.push(Date.now()),
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
  await removeData();
});

async function post(body: object) {
  const raw = JSON.stringify(body);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = sign(null, Buffer.from(timestamp + raw), privateKey).toString('hex');
  const res = await fetch(`${base}/discord/interactions`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-signature-ed25519': signature,
      'x-signature-timestamp': timestamp,
    },
    body: raw,
  });
  return (await res.json()) as Record<string, unknown>;
}

async function waitFor(pred: () => boolean, ms = 60_000) {
  const until = Date.now() + ms;
  while (!pred() && Date.now() < until) await new Promise((r) => setTimeout(r, 25));
  expect(pred()).toBe(true);
}

const common = { application_id: '1234', locale: 'ko', member: { user: { id: '88' } } };

describe('Discord asks back with buttons, and a pressed button completes the answer', () => {
  it('/forecast indicator:금리 months:12 -> buttons for the rates with data -> the pressed one answered for 12 months', async () => {
    const asked = await post({
      ...common,
      id: '501',
      type: 2,
      token: 'tok-clarify',
      data: {
        name: 'forecast',
        options: [
          { name: 'indicator', value: '금리' },
          { name: 'months', value: 12 },
        ],
      },
    });
    expect(asked).toEqual({ type: 5, data: { flags: 64 } });
    await waitFor(() => discord.calls.some((c) => c.path.includes('tok-clarify') && c.method === 'PATCH'));
    const patch = discord.calls.find((c) => c.path.includes('tok-clarify') && c.method === 'PATCH')!;
    expect(patch.status).toBe(200);
    expect(String(patch.body.content)).toMatch(/어떤 금리를 볼까요\?/u);
    const buttons = (patch.body.components as { components: { label: string; custom_id: string }[] }[]).flatMap(
      (r) => r.components,
    );
    expect(buttons.map((b) => [b.label, b.custom_id])).toEqual([
      ['한은 기준금리', 'rx-clarify:kr_base_rate:12'],
      ['미국 10년물', 'rx-clarify:us10y:12'],
    ]);

    // The press arrives as a message-component interaction (type 3) with its own token.
    const pressed = await post({
      ...common,
      id: '502',
      type: 3,
      token: 'tok-pressed',
      data: { custom_id: buttons[0]!.custom_id, component_type: 2 },
    });
    expect(pressed).toEqual({ type: 5 });
    await waitFor(() => discord.calls.some((c) => c.path.includes('tok-pressed') && c.files.length > 0));
    const answer = discord.calls.find((c) => c.path.includes('tok-pressed') && c.files.length > 0)!;
    expect(answer.status).toBe(200);
    expect(JSON.stringify(answer.body.embeds)).toContain('한국은행 기준금리 12개월 전망');
  });

  it('an unsupported subject is told what is covered, to that user only', async () => {
    const asked = await post({
      ...common,
      id: '503',
      type: 2,
      token: 'tok-stock',
      data: {
        name: 'forecast',
        options: [
          { name: 'indicator', value: '테슬라' },
          { name: 'months', value: 6 },
        ],
      },
    });
    expect(asked).toEqual({ type: 5, data: { flags: 64 } });
    await waitFor(() => discord.calls.some((c) => c.path.includes('tok-stock') && c.method === 'PATCH'));
    const patch = discord.calls.find((c) => c.path.includes('tok-stock') && c.method === 'PATCH')!;
    expect(String(patch.body.content)).toMatch(
      /해외 개별 종목은 예측하지 않아요.*한국은행 기준금리.*미국 10년 국채금리/u,
    );
  });
});
