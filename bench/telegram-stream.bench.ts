import { pathToFileURL } from 'node:url';
import type { UserFromGetMe } from 'grammy/types';
import { createTelegramBot } from '../adapters/telegram/create-telegram-bot.js';
import { loadConfig } from '../src/config.js';
import { createSilentLogger } from '../src/logger.js';
import { createRuntime } from '../src/runtime.js';
import type { StreamStats } from '../src/streaming/edit-streamer.js';
import { startFakeOpenAi } from '../test/fakes/openai-server.js';
import { startFakeTelegram } from '../test/fakes/telegram-bot-api.js';

const TOKEN = '1:BENCH';

/**
 * A long LLM scenario streamed into Telegram against the Bot API stand-in (1 message or edit per second per chat,
 * 429 otherwise). BENCH_TOKENS tokens at 50 tokens/s (default 3000 = 60 s per chat type).
 */
export async function run(tokens = Number(process.env.BENCH_TOKENS ?? 3000)): Promise<void> {
  console.log(`# telegram streaming (${tokens} tokens at 50 tokens/s through the Bot API stand-in)`);
  for (const chat of [
    { id: -100500, type: 'supergroup' as const },
    { id: 500, type: 'private' as const },
  ]) {
    const llm = await startFakeOpenAi();
    const tg = await startFakeTelegram({ token: TOKEN });
    // ~3 characters a token, a sentence every 8 tokens: the narrator releases text sentence by sentence (grounding).
    const sentence = '시장 심리는 여전히 조심스럽고 변동성이 있습니다. ';
    const text = sentence.repeat(Math.ceil((tokens * 3) / sentence.length)).slice(0, tokens * 3);
    llm.script(
      { kind: 'ok', text: '요약: 중앙 전망은 큰 변화가 없습니다.' },
      { kind: 'ok', text, chunkSize: 3, delayMs: 20 },
    );
    const rt = await createRuntime(
      loadConfig({
        FORECASTER: 'drift',
        OPENAI_API_KEY: 'sk-bench',
        OPENAI_BASE_URL: llm.url,
        LLM_IDLE_TIMEOUT_MS: '10000',
        ANSWER_DEADLINE_MS: '600000',
        STORE: 'memory',
      }),
      {
        logger: createSilentLogger(),
      },
    );
    let result: (StreamStats & { firstTokenAt?: number }) | undefined;
    const bot = createTelegramBot({
      token: TOKEN,
      apiRoot: tg.apiRoot,
      engine: rt.engine,
      conversations: rt.store.conversations,
      logger: createSilentLogger(),
      botInfo: { id: 1, is_bot: true, first_name: 'b', username: 'b' } as UserFromGetMe,
      maxQuestionChars: 500,
      answerDeadlineMs: 600_000,
      onStreamed: (s) => (result = s),
    });
    const started = Date.now();
    await bot.handleUpdate({
      update_id: 1,
      message: {
        message_id: 1,
        date: Math.floor(started / 1000),
        chat:
          chat.type === 'private'
            ? { id: chat.id, type: 'private', first_name: 'k' }
            : { id: chat.id, type: 'supergroup', title: 'g' },
        from: { id: 9, is_bot: false, first_name: 'k', language_code: 'ko' },
        text: '/forecast sp500 6',
        entities: [{ type: 'bot_command', offset: 0, length: 9 }],
      },
    });
    const calls = tg.calls.filter((c) => c.params.chat_id === chat.id && c.method !== 'sendChatAction');
    const limited = tg.calls.filter((c) => c.outcome.startsWith('Too Many Requests')).length;
    const firstVisible =
      result?.firstVisibleAt && result.firstTokenAt ? result.firstVisibleAt - result.firstTokenAt : Number.NaN;
    console.log(
      `${chat.type.padEnd(10)} API calls ${String(calls.length).padStart(3)} (${[...new Set(calls.map((c) => c.method))].join(', ')})  first token -> first visible ${firstVisible.toFixed(0)} ms  largest gap ${result?.largestGapMs ?? 'n/a'} ms  429s ${limited}  messages ${result?.messages}  total ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    await rt.close();
    await llm.close();
    await tg.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
