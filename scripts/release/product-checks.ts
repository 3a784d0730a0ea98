import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startPrivateRedis, freePort } from '../../test/fakes/private-redis.js';
import { startFakeTelegram } from '../../test/fakes/telegram-bot-api.js';
import { tail, track, type Launch } from './launcher.js';

export type Outcome =
  { status: 'pass'; detail: string } | { status: 'fail'; detail: string } | { status: 'skipped'; detail: string };
export type Check = { name: string; run: () => Promise<Outcome> };

const QUESTION = 'S&P 500 앞으로 6개월 어때?';
/** One table row: a month and three numbers (10%, median, 90%). */
const TABLE_ROW = /^\d{4}-\d{2}\s+[\d,]+\.\d+\s+[\d,]+\.\d+\s+[\d,]+\.\d+\s*$/gmu;
const PNG_SIGNATURE = '89504e470d0a1a0a';

function must(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

async function outcome(body: () => Promise<string>): Promise<Outcome> {
  try {
    return { status: 'pass', detail: await body() };
  } catch (err) {
    return { status: 'fail', detail: (err as Error).message };
  }
}

/** `riskxpert ask`: a real forecast table from the shipped model, the offline sample and the shipped fonts. */
export function askCheck(launch: Launch): Check {
  return {
    name: 'ask',
    run: () =>
      outcome(async () => {
        const p = track(launch(['ask', QUESTION], { LOG_LEVEL: 'warn' }));
        const code = await Promise.race([
          p.exited,
          new Promise<string>((r) => setTimeout(() => r('timeout'), 120_000).unref()),
        ]);
        if (code === 'timeout') await p.stop(5_000);
        const out = p.output();
        must(code === 0, `exit ${String(code)}:\n${tail(out)}`);
        const rows = out.match(TABLE_ROW) ?? [];
        must(rows.length === 6, `expected a 6-month forecast table, found ${rows.length} rows:\n${tail(out)}`);
        must(/중앙값/u.test(out), `no table header:\n${tail(out)}`);
        must(!/일시적인 문제|MODEL_UNAVAILABLE/u.test(out), `answered with an error:\n${tail(out)}`);
        return `6-month table, last row "${rows.at(-1)!.trim().replace(/\s+/gu, ' ')}"`;
      }),
  };
}

interface SkillJson {
  template?: { outputs?: { simpleImage?: { imageUrl?: string }; simpleText?: { text?: string } }[] };
}

/**
 * `riskxpert serve`: health, readiness, a Telegram webhook answer delivered to the Bot API stand-in, a Kakao skill
 * answer whose chart URL downloads a PNG, the web page and its script, then a clean SIGTERM.
 */
export function serveCheck(launch: Launch, repo: string): Check {
  return {
    name: 'serve',
    run: () =>
      outcome(async () => {
        const token = '424242:release-check';
        const secret = 'release-check-secret';
        // The image runs with NODE_ENV=production, where the Kakao skill route is served only behind its shared secret.
        const skillSecret = 'release-check-skill-secret';
        const tg = await startFakeTelegram({ token });
        const port = await freePort();
        const base = `http://127.0.0.1:${port}`;
        const env = {
          PORT: String(port),
          PUBLIC_BASE_URL: base,
          TELEGRAM_BOT_TOKEN: token,
          TELEGRAM_API_ROOT: tg.apiRoot,
          TELEGRAM_WEBHOOK_SECRET: secret,
          KAKAO_INLINE_BUDGET_MS: '4500',
          KAKAO_SKILL_SECRET: skillSecret,
          LOG_LEVEL: 'info',
        };
        const p = track(launch(['serve'], env));
        const seen: string[] = [];
        try {
          await p.waitFor(/serve listening/u, 90_000);
          const health = await fetch(`${base}/healthz`);
          must(health.ok, `/healthz ${health.status}`);
          const ready = await fetch(`${base}/readyz`);
          const readyBody = await ready.text();
          must(ready.ok, `/readyz ${ready.status}: ${readyBody}`);
          seen.push('/healthz', '/readyz');

          // Telegram first: it also warms the model, so the Kakao answer fits Kakao's inline budget on a busy machine.
          const chat = 7001;
          const update = {
            update_id: 9001,
            message: {
              message_id: 1,
              date: Math.floor(Date.now() / 1000),
              chat: { id: chat, type: 'private', first_name: 'R' },
              from: { id: chat, is_bot: false, first_name: 'R', language_code: 'ko' },
              text: QUESTION,
            },
          };
          const hook = await fetch(`${base}/telegram/webhook`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
            body: JSON.stringify(update),
          });
          must(hook.ok, `telegram webhook ${hook.status}`);
          // Waits on the stand-in's own request log: the answer is there when the photo and the final text are.
          const deadline = Date.now() + 90_000;
          const delivered = () => {
            const mine = tg.calls.filter((c) => Number(c.params.chat_id) === chat && c.outcome === 'ok');
            return (
              mine.some((c) => c.method === 'sendPhoto' && (c.photoBytes ?? 0) > 1000) &&
              mine.some((c) => c.method === 'sendMessage')
            );
          };
          while (!delivered()) {
            must(
              Date.now() < deadline,
              `telegram: no photo and answer delivered; calls: ${JSON.stringify(tg.calls.map((c) => [c.method, c.outcome]))}\n${tail(p.output())}`,
            );
            await new Promise((r) => setTimeout(r, 100));
          }
          const caption = String(tg.calls.find((c) => c.method === 'sendPhoto')?.params.caption ?? '');
          must(/\d/u.test(caption), `telegram caption holds no number: ${caption}`);
          seen.push('telegram webhook → photo + answer');

          const payload = JSON.parse(
            readFileSync(join(repo, 'test/fixtures/kakao/skill-payload-official.json'), 'utf8'),
          ) as { userRequest: Record<string, unknown> };
          payload.userRequest.utterance = QUESTION;
          payload.userRequest.user = { id: 'release-check', type: 'botUserKey', properties: {} };
          delete payload.userRequest.callbackUrl;
          const unsigned = await fetch(`${base}/kakao/skill`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(payload),
          });
          must(unsigned.status === 401, `kakao skill without its secret answered ${unsigned.status}, not 401`);
          const skill = await fetch(`${base}/kakao/skill`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-riskxpert-skill-secret': skillSecret },
            body: JSON.stringify(payload),
          });
          must(skill.ok, `kakao skill ${skill.status}`);
          const json = (await skill.json()) as SkillJson;
          const outputs = json.template?.outputs ?? [];
          const text = outputs.map((o) => o.simpleText?.text ?? '').join('\n');
          must(
            /6개월/u.test(text) && /\d[\d,]*\.\d/u.test(text),
            `kakao answer holds no forecast: ${JSON.stringify(json).slice(0, 600)}`,
          );
          const imageUrl = outputs.find((o) => o.simpleImage)?.simpleImage?.imageUrl;
          must(
            imageUrl !== undefined && imageUrl.startsWith(`${base}/charts/`),
            `kakao answer has no chart URL: ${JSON.stringify(json).slice(0, 600)}`,
          );
          const png = await fetch(imageUrl);
          const bytes = Buffer.from(await png.arrayBuffer());
          must(
            png.ok && png.headers.get('content-type') === 'image/png',
            `chart ${png.status} ${png.headers.get('content-type')}`,
          );
          must(
            bytes.subarray(0, 8).toString('hex') === PNG_SIGNATURE && bytes.length > 5_000,
            `chart is not a real PNG (${bytes.length} bytes)`,
          );
          seen.push(`kakao skill → 401 without its secret; with it, forecast + ${bytes.length}-byte PNG`);

          const page = await fetch(`${base}/`);
          const html = await page.text();
          must(page.ok && /<html/iu.test(html), `web page ${page.status}`);
          const script = /<script[^>]+src="([^"]+)"/u.exec(html)?.[1];
          must(script, 'web page names no script');
          const js = await fetch(new URL(script, base));
          must(js.ok && (await js.text()).length > 100, `web page script ${script}: ${js.status}`);
          seen.push('web page + script');

          const code = await p.stop(20_000);
          must(code === 0, `serve exited ${String(code)} after SIGTERM:\n${tail(p.output())}`);
          seen.push('SIGTERM → exit 0');
          return seen.join(', ');
        } catch (err) {
          await p.stop(5_000);
          throw new Error(`${(err as Error).message}${seen.length ? `\n(passed before: ${seen.join(', ')})` : ''}`);
        } finally {
          await tg.close();
        }
      }),
  };
}

/** `riskxpert worker`: starts its queues on a private Redis, then finishes cleanly on SIGTERM. */
export function workerCheck(launch: Launch, options: { redisRequired: boolean }): Check {
  return {
    name: 'worker',
    run: async () => {
      let redis;
      try {
        redis = await startPrivateRedis();
      } catch (err) {
        const detail = `no redis-server to start a private Redis (${(err as Error).message})`;
        return options.redisRequired ? { status: 'fail', detail } : { status: 'skipped', detail };
      }
      try {
        return await outcome(async () => {
          const metricsPort = await freePort();
          const p = track(
            launch(['worker'], { REDIS_URL: redis.url, WORKER_METRICS_PORT: String(metricsPort), LOG_LEVEL: 'info' }),
          );
          try {
            await p.waitFor(/etl worker running/u, 90_000);
          } catch (err) {
            await p.stop(5_000);
            throw err;
          }
          const code = await p.stop(20_000);
          must(code === 0, `worker exited ${String(code)} after SIGTERM:\n${tail(p.output())}`);
          must(/finishing the job in flight/u.test(p.output()), 'worker did not log its shutdown');
          return 'started on a private Redis, SIGTERM → exit 0';
        });
      } finally {
        await redis.stop();
      }
    },
  };
}
