import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramBot } from '../../adapters/telegram/create-telegram-bot.js';
import { createWebRiskRouter } from '../../adapters/web/risk-routes.js';
import type { Engine } from '../../src/engine/answer-types.js';
import { createSilentLogger } from '../../src/logger.js';
import { createRiskCommands } from '../../src/risk/risk-commands.js';
import { createLlmRiskRewrite } from '../../src/risk/risk-explainer.js';
import { createFolderReportStore } from '../../src/risk/risk-report.js';
import { syntheticMarket } from '../../src/risk/synthetic-market.js';
import { createPaperTrading } from '../../src/sim/paper-trading.js';
import { createMemoryAccountStore } from '../../src/store/memory-account-store.js';
import { createMemoryRiskProfileStore } from '../../src/store/memory-risk-profile-store.js';
import { startFakeOpenAi } from '../fakes/openai-server.js';
import { startFakeTelegram } from '../fakes/telegram-bot-api.js';
import { TEST_BOT_INFO } from '../fakes/telegram-webhook-harness.js';
import { createPrivateChatUpdates } from '../fakes/telegram-updates.js';

const TOKEN = '9:RISK';
const market = syntheticMarket(3, 1_300, 5);
const ids = ['usdkrw', 'kospi', 'stock:005930'];
const history = async (id: string) => [...market[ids.indexOf(id)]!.points];
const units = (id: string, won: number) => BigInt(Math.floor(won / market[ids.indexOf(id)]!.points.at(-1)!.value));

let tg: Awaited<ReturnType<typeof startFakeTelegram>>;
let llm: Awaited<ReturnType<typeof startFakeOpenAi>>;
let server: Server;
let base = '';
let reportsDir = '';
beforeAll(async () => {
  tg = await startFakeTelegram({ token: TOKEN, perChatMinGapMs: 0 });
  llm = await startFakeOpenAi();
  reportsDir = await mkdtemp(join(tmpdir(), 'rx-reports-'));
  const app = express();
  app.use('/risk', createWebRiskRouter({ reports: createFolderReportStore(reportsDir) }));
  server = createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  await llm.close();
  await tg.close();
});

const { command } = createPrivateChatUpdates({ id: 88, firstName: 'Lee' }, 9000);

describe('Telegram /profile, /risk, /plan against the Bot API and OpenAI stand-ins', () => {
  it('sets a profile, gets the paper portfolio risk and plan, falls back when the LLM is down or ungrounded, and links a report that is served', async () => {
    const trading = createPaperTrading({
      accounts: createMemoryAccountStore(),
      history,
      startingCashWon: 100_000_000n,
      feeBps: 0,
    });
    await trading.buy('telegram:88', 'stock:005930', units('stock:005930', 50_000_000));
    await trading.buy('telegram:88', 'kospi', units('kospi', 30_000_000));
    const risk = createRiskCommands({
      profiles: createMemoryRiskProfileStore(),
      history,
      portfolio: (userId) => trading.portfolio(userId),
      rewrite: createLlmRiskRewrite({
        client: new OpenAI({ apiKey: 'sk-risk', baseURL: llm.url, maxRetries: 0 }),
        model: 'gpt-4o-mini',
      }),
      reports: createFolderReportStore(reportsDir),
      reportUrl: (id) => `${base}/risk/reports/${id}`,
    });
    const bot = createTelegramBot({
      token: TOKEN,
      apiRoot: tg.apiRoot,
      engine: {} as Engine,
      conversations: { listByUser: async () => [] },
      logger: createSilentLogger(),
      botInfo: TEST_BOT_INFO,
      maxQuestionChars: 500,
      answerDeadlineMs: 45_000,
      risk,
    });
    await bot.init();
    const last = () =>
      String(tg.calls.filter((c) => c.method === 'sendMessage' && c.params.chat_id === 88).at(-1)!.params.text);

    await bot.handleUpdate(command('/profile 안정형 3%'));
    expect(last()).toBe('위험 성향을 안정형, 손실 한도를 한 달 3%로 저장했어요.');

    // The LLM stand-in is down: the deterministic explanation arrives, with the report link.
    llm.script({ kind: 'status', status: 500 });
    await bot.handleUpdate(command('/risk'));
    const down = last();
    expect(down).toMatch(/^\d{4}-\d{2}-\d{2} 기준 10,000개 경로 모의실험: 한 달 95% VaR는 −\d+\.\d%/u);
    expect(down).toMatch(/손실 한도 3\.0%를 넘을 확률/u);
    expect(down).toMatch(/비중을 \d+\.\d%에서 \d+\.\d%로 줄이면 95% VaR가 −\d+\.\d%에서 −\d+\.\d%로/u);
    const url = /보고서: (http\S+)/u.exec(down)![1]!;
    const page = await fetch(url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('data:image/png;base64,iVBORw0KGgo');
    expect(html).toContain('교육용');
    expect((await fetch(`${base}/risk/reports/../../etc/passwd`)).status).toBe(404);

    // An LLM text with a number the result does not hold is rejected.
    llm.script({ kind: 'ok', text: '한 달에 최대 87.3%를 잃을 수 있어요.' });
    await bot.handleUpdate(command('/risk'));
    expect(last()).not.toContain('87.3');
    expect(last()).toMatch(/모의실험/u);

    // A grounded LLM text is used as is.
    const firstLine = down.split('\n')[0]!;
    llm.script({ kind: 'ok', text: `쉽게 말하면, ${firstLine}` });
    await bot.handleUpdate(command('/risk'));
    expect(last()).toContain(`쉽게 말하면, ${firstLine}`);

    await bot.handleUpdate(command('/plan'));
    expect(last()).toMatch(/줄이면 95% VaR가/u);
    expect(last()).toMatch(/교육용 예시이며 투자 권유가 아니에요/u);

    await bot.handleUpdate(command('/risk 삼성전자 50%, 코스피 70%'));
    expect(last()).toBe('비중 합계가 120%예요. 100% 이하로 적어 주세요(나머지는 현금으로 봐요).');

    // A threat event on a holding: the alert text carries the portfolio impact and the plan.
    const alert = await risk.threatAlert('telegram:88', 'ko', 'kospi');
    expect(alert).toMatch(/^코스피에 위협 이벤트가 발생했어요\. 포트폴리오 한 달 95% VaR는 −\d+\.\d%예요\./u);
    expect(alert).toMatch(/코스피 비중을 \d+\.\d%에서 \d+\.\d%로 줄이면/u);
    expect(await risk.threatAlert('telegram:88', 'ko', 'usdkrw')).toBeUndefined();
  }, 60_000);
});
