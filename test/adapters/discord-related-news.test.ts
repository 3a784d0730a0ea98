import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp } from '../../adapters/http/create-http-app.js';
import { createDiscordInteractionsFromRuntime } from '../../adapters/discord/interactions.js';
import { createDiscordInteractionsRouter } from '../../adapters/discord/interactions-router.js';
import { loadConfig } from '../../src/config.js';
import { createSilentLogger } from '../../src/logger.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { newsItem } from '../contract/news-store.contract.js';
import { startFakeDiscord } from '../fakes/discord-rest.js';
import { startFakeOpenAi } from '../fakes/openai-server.js';
import { waitUntil } from '../fakes/wait-until.js';

const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const publicKeyHex = publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('hex');

let discord: Awaited<ReturnType<typeof startFakeDiscord>>;
let llm: Awaited<ReturnType<typeof startFakeOpenAi>>;
let runtime: Runtime;
let server: Server;
let base: string;
let home: string;
const recent = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'rx-dc-news-'));
  discord = await startFakeDiscord();
  llm = await startFakeOpenAi();
  // The whole serve path: the runtime's engine (wrapped with related news), its SQLite news store, the signed endpoint.
  runtime = await createRuntime(
    loadConfig({
      FORECASTER: 'drift',
      RISKXPERT_HOME: home,
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: llm.url,
      OPENAI_MAX_RETRIES: '0',
    }),
    { logger: createSilentLogger() },
  );
  await runtime.news.store.upsert([
    newsItem({
      title: 'S&P 500, 기술주 강세에 사상 최고치',
      url: 'https://www.yna.co.kr/view/sp1',
      source: '연합뉴스',
      sources: [{ name: '연합뉴스', url: 'https://www.yna.co.kr/view/sp1', publishedAt: recent(1) }],
      indicators: ['sp500'],
      publishedAt: recent(1),
    }),
    newsItem({
      title: '환율 1,480원 돌파',
      url: 'https://www.mk.co.kr/n/3',
      source: '매일경제',
      indicators: ['usdkrw'],
      publishedAt: recent(2),
    }),
  ]);
  const rest = new REST({ api: discord.api, retries: 1, timeout: 15_000 }).setToken('bot-token');
  const handlers = createDiscordInteractionsFromRuntime(runtime, rest);
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
  await llm.close().catch(() => undefined);
  rmSync(home, { recursive: true, force: true });
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

const interaction = (data: { name: string; options?: { name: string; value: string | number }[] }, token: string) => ({
  id: `${Date.now()}`,
  application_id: '1234',
  type: 2,
  token,
  locale: 'ko',
  member: { user: { id: '78' } },
  data,
});

describe('news on Discord through serve (signed endpoint, runtime, REST stand-in)', () => {
  it('a forecast answer ends with 관련 뉴스 from the store: that indicator only, with source, date and link', async () => {
    llm.script(
      { kind: 'ok', text: '요약: 중앙 전망은 완만한 상승입니다.' },
      { kind: 'ok', text: '시나리오 첫 문장입니다. 두 번째 문장입니다.', chunkSize: 20, delayMs: 10 },
    );
    const token = 'tok-related-1';
    expect(
      await post(
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
      ),
    ).toEqual({ type: 5 });
    await waitUntil(
      () => (discord.texts(token).at(-1) ?? '').includes('관련 뉴스'),
      'the related news on Discord',
      30_000,
    );
    const texts = discord.texts(token);
    expect(discord.calls.some((c) => c.path.includes(token) && c.files.length > 0)).toBe(true);
    expect(texts.join('')).toContain('시나리오 첫 문장입니다. 두 번째 문장입니다.');
    // The last message of the answer is the related news block, as its own follow-up.
    expect(texts.at(-1)).toMatch(
      /^📰 관련 뉴스\n1\. S&P 500, 기술주 강세에 사상 최고치 \(연합뉴스, \d{4}년 \d+월 \d+일\)\nhttps:\/\/www\.yna\.co\.kr\/view\/sp1$/u,
    );
    expect(texts.join('')).not.toContain('환율 1,480원');
    expect(discord.calls.filter((c) => c.path.includes(token)).every((c) => c.status === 200)).toBe(true);
  });

  it('with the LLM stand-in down: the forecast still ends with 관련 뉴스, and /news answers with the deterministic digest', async () => {
    llm.script(...Array.from({ length: 8 }, () => ({ kind: 'status' as const, status: 503 })));
    const token = 'tok-related-down';
    expect(
      await post(
        interaction(
          {
            name: 'forecast',
            options: [
              { name: 'indicator', value: 'sp500' },
              { name: 'months', value: 9 },
            ],
          },
          token,
        ),
      ),
    ).toEqual({ type: 5 });
    await waitUntil(
      () => (discord.texts(token).at(-1) ?? '').includes('관련 뉴스'),
      'the related news on Discord',
      30_000,
    );
    expect(discord.texts(token).at(-1)).toMatch(
      /^📰 관련 뉴스\n1\. S&P 500, 기술주 강세에 사상 최고치 \(연합뉴스, \d{4}년 \d+월 \d+일\)\nhttps:\/\/www\.yna\.co\.kr\/view\/sp1$/u,
    );

    const news = 'tok-news-down';
    expect(await post(interaction({ name: 'news', options: [{ name: 'query', value: 'S&P 500' }] }, news))).toEqual({
      type: 5,
    });
    await waitUntil(() => (discord.texts(news)[0] ?? '').length > 0, 'the /news reply', 30_000);
    expect(discord.texts(news)[0]).toMatch(
      /^📰 주요 헤드라인 1건:\n\[1\] S&P 500, 기술주 강세에 사상 최고치 .*\n\n1\. S&P 500, 기술주 강세에 사상 최고치\n.* · https:\/\/www\.yna\.co\.kr\/view\/sp1$/su,
    );
  });
});
