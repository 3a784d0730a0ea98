import { pathToFileURL } from 'node:url';
import { REST } from 'discord.js';
import { createDiscordInteractions } from '../adapters/discord/interactions.js';
import { loadConfig } from '../src/config.js';
import { createSilentLogger } from '../src/logger.js';
import { createRuntime } from '../src/runtime.js';
import type { StreamStats } from '../src/streaming/edit-streamer.js';
import { startFakeDiscord } from '../test/fakes/discord-rest.js';
import { startFakeOpenAi } from '../test/fakes/openai-server.js';

/** A long LLM scenario streamed into a Discord interaction against the REST stand-in (1 write/s per token). */
export async function run(tokens = Number(process.env.BENCH_TOKENS ?? 3000)): Promise<void> {
  console.log(`# discord streaming (${tokens} tokens at 50 tokens/s through the REST stand-in)`);
  const discord = await startFakeDiscord();
  const llm = await startFakeOpenAi();
  const sentence = '시장 심리는 여전히 조심스럽고 변동성이 있습니다. ';
  const text = sentence.repeat(Math.ceil((tokens * 3) / sentence.length)).slice(0, tokens * 3);
  llm.script(
    { kind: 'ok', text: '요약: 중앙 전망은 큰 변화가 없습니다.' },
    { kind: 'ok', text, chunkSize: 3, delayMs: 20 },
  );
  const rt = await createRuntime(
    loadConfig({
      FORECASTER: 'drift',
      OPENAI_API_KEY: 'sk',
      OPENAI_BASE_URL: llm.url,
      LLM_IDLE_TIMEOUT_MS: '10000',
      STORE: 'memory',
    }),
    { logger: createSilentLogger() },
  );
  let firstTokenAt: number | undefined;
  const engine = {
    async *answer(...args: Parameters<typeof rt.engine.answer>) {
      for await (const e of rt.engine.answer(...args)) {
        if (e.type === 'scenario-delta') firstTokenAt ??= Date.now();
        yield e;
      }
    },
  };
  let stats: StreamStats | undefined;
  const handlers = createDiscordInteractions({
    rest: new REST({ api: discord.api }).setToken('t'),
    engine,
    conversations: rt.store.conversations,
    logger: createSilentLogger(),
    answerDeadlineMs: 600_000,
    onStreamed: (s) => (stats = s),
  });
  const started = Date.now();
  const { background } = await handlers.respond({
    id: '1',
    application_id: '99',
    type: 2,
    token: 'bench',
    locale: 'ko',
    member: { user: { id: '1' } },
    data: {
      name: 'forecast',
      options: [
        { name: 'indicator', value: 'sp500' },
        { name: 'months', value: 6 },
      ],
    },
  });
  await background!();
  const limited = discord.calls.filter((c) => c.status === 429).length;
  console.log(
    `interaction API calls ${discord.calls.length}  first token -> first visible ${stats?.firstVisibleAt && firstTokenAt ? stats.firstVisibleAt - firstTokenAt : 'n/a'} ms  largest gap ${stats?.largestGapMs} ms  429s ${limited}  messages ${stats?.messages}  total ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  await rt.close();
  await llm.close();
  await discord.close();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
