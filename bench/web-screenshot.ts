/**
 * `npm run docs:screenshot`: starts the real server with the Kakao Login stand-in and a local OpenAI-compatible
 * stand-in, logs in through headless Chromium, asks one question, and writes the answer page to
 * docs/web-answer.png (phone width) and docs/web-answer-desktop.png.
 */
import { mkdirSync } from 'node:fs';
import { startFakeOpenAi } from '../test/fakes/openai-server.js';
import { chromiumPath, launchChromium } from '../test/e2e/chromium.js';
import { startWebHarness } from '../test/e2e/web-harness.js';

// No figures of its own: the narrator's grounding check refuses numbers that are not in the forecast.
const SUMMARY = '중앙 전망은 지금과 비슷한 수준이지만, 위아래로 움직일 수 있는 폭이 꽤 넓어요.';
const SCENARIO = [
  '기본 시나리오에서는 물가가 천천히 안정되며 지수가 완만한 흐름을 이어갈 가능성이 큽니다.',
  '다만 금리 인하 기대가 꺾이면 밸류에이션 부담이 커져 구간의 아래쪽을 시험할 수 있어요.',
  '상방 시나리오는 기업 실적이 예상보다 좋게 나오는 경우로, 이때는 구간의 위쪽에 가까워질 수 있습니다.',
  '어느 경우든 예측은 확률적인 범위일 뿐 투자 권유가 아니라는 점을 기억해 주세요.',
].join(' ');

async function main(): Promise<void> {
  const exe = chromiumPath();
  if (!exe) throw new Error('No Chromium: apt-get install chromium (or set CHROMIUM_PATH)');
  const llm = await startFakeOpenAi();
  const h = await startWebHarness({ LLM_ENABLED: 'true', OPENAI_API_KEY: 'sk-local', OPENAI_BASE_URL: llm.url });
  const browser = await launchChromium(exe);
  try {
    mkdirSync('docs', { recursive: true });
    for (const [file, viewport, scale, months, userId] of [
      ['docs/web-answer.png', { width: 390, height: 844 }, 2, '3', 1001],
      ['docs/web-answer-desktop.png', { width: 1100, height: 900 }, 1, '6', 1002],
    ] as const) {
      h.kakao.setUser({ id: userId, nickname: '리스크엑스퍼트' });
      llm.script({ kind: 'ok', text: SUMMARY }, { kind: 'ok', text: SCENARIO, chunkSize: 20, delayMs: 20 });
      const context = await browser.newContext({ viewport, deviceScaleFactor: scale, locale: 'ko-KR' });
      const page = await context.newPage();
      await page.goto(h.base);
      await page.waitForSelector('body[data-ready="true"]');
      await page.click('#login');
      await page.waitForSelector('#ask-card:not([hidden])');
      await page.selectOption('#months', months);
      await page.fill('#question', `앞으로 ${months}개월 S&P 500 어때?`);
      await page.click('#ask');
      await page.waitForSelector('#status[data-state="done"]', { timeout: 60_000 });
      // Strings: the project's TypeScript has no DOM library.
      await page.waitForFunction(`document.getElementById('chart').naturalWidth > 0`);
      await page.waitForSelector('#history li');
      await page.evaluate('document.fonts.ready.then(() => true)');
      await page.screenshot({ path: file, fullPage: true });
      console.log(`wrote ${file} (${viewport.width}x${viewport.height} @${scale}x, full page)`);
      await page.click('#logout');
      await context.close();
    }
  } finally {
    await browser.close();
    await h.close();
    await llm.close();
  }
}

await main();
