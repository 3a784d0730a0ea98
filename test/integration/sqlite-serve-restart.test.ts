import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../fakes/private-redis.js';
import {
  eventually,
  runRiskxpert,
  startRiskxpert,
  telegramUpdate,
  type LongRunning,
} from '../fakes/riskxpert-process.js';
import { startFakeTelegram } from '../fakes/telegram-bot-api.js';

const TOKEN = '4242:SQLITE-restart';
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const TABLES = ['conversations', 'users', 'subscriptions', 'accounts'];
function rows(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true });
  try {
    return Object.fromEntries(TABLES.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all()]));
  } finally {
    db.close();
  }
}

describe('serve on the embedded database: state survives a restart; backup while it answers, restore into a new home', () => {
  it('keeps /history, the paper account and subscriptions across a restart, and backs up and restores the same rows', async () => {
    const home = await mkdtemp(join(tmpdir(), 'rx-serve-home-'));
    const elsewhere = await mkdtemp(join(tmpdir(), 'rx-restored-home-'));
    dirs.push(home, elsewhere);
    const db = join(home, 'riskxpert.db');
    const tg = await startFakeTelegram({ token: TOKEN });
    const port = await freePort();
    const env = {
      RISKXPERT_HOME: home,
      PORT: String(port),
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      FORECASTER: 'drift',
      LLM_ENABLED: 'false',
      LOG_LEVEL: 'warn',
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: tg.apiRoot,
      RATE_LIMIT_IP_PER_MINUTE: '0',
    };
    const chat = 7_001;
    // What the user saw: messages, and the captions of photos (the portfolio comes with its chart).
    const replies = () =>
      tg.calls
        .filter((c) => (c.method === 'sendMessage' || c.method === 'sendPhoto') && Number(c.params.chat_id) === chat)
        .map((c) => String(c.params.text ?? c.params.caption));
    let serve: LongRunning | undefined;
    const start = async () => {
      serve = startRiskxpert(['serve'], env);
      await eventually(
        'serve to answer /healthz',
        () =>
          fetch(`http://127.0.0.1:${port}/healthz`).then(
            (r) => (r.ok ? true : undefined),
            () => undefined,
          ),
        120_000,
      );
    };
    const say = async (text: string, expectReply: RegExp) => {
      const before = replies().length;
      const res = await fetch(`http://127.0.0.1:${port}/telegram/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(telegramUpdate(chat, text)),
      });
      expect(res.status).toBe(200);
      return eventually(
        `a reply to ${text} matching ${expectReply}`,
        () =>
          replies()
            .slice(before)
            .find((t) => expectReply.test(t)),
        60_000,
      );
    };
    try {
      await start();
      await say('/forecast S&P 500 3', /S&P 500/u);
      await say('/buy sp500 2', /^✅ S&P 500 2주 매수/u);
      await say('/subscribe sp500 급변 5', /^🔔 알림 설정: S&P 500/u);
      // The conversation write is off the answer path: wait until it is in the file, as another process sees it.
      await eventually('the conversation in the database', () =>
        rows(db).conversations!.length >= 1 ? true : undefined,
      );

      // Backup while serve answers: Kakao questions in flight during the copy.
      const asking = Promise.all(
        Array.from({ length: 4 }, (_, i) =>
          fetch(`http://127.0.0.1:${port}/kakao/skill`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              userRequest: { utterance: `S&P 500 ${i + 1}개월`, user: { id: `backup-user-${i}`, type: 'botUserKey' } },
              action: { params: {} },
            }),
          }).then((r) => r.status),
        ),
      );
      const backupFile = join(elsewhere, 'snap', 'rx-backup.db');
      const backup = await runRiskxpert(['backup', backupFile], { RISKXPERT_HOME: home });
      expect(await asking).toEqual([200, 200, 200, 200]);
      expect(backup.code, backup.err).toBe(0);
      expect(backup.out).toMatch(/^Backed up .*riskxpert\.db to .*rx-backup\.db \(\d+ pages\): conversations [1-9]/u);

      // Restoring over the database serve holds is refused, naming the process.
      const refused = await runRiskxpert(['restore', backupFile], { RISKXPERT_HOME: home });
      expect(refused.code).toBe(1);
      expect(refused.err).toContain(`in use by running RiskXpert process(es) ${serve!.child.pid}`);

      // Into a new home: the same rows as the backup.
      const restored = await runRiskxpert(['restore', backupFile], { RISKXPERT_HOME: elsewhere });
      expect(restored.code, restored.err).toBe(0);
      expect(restored.out).toMatch(/^Restored .*rx-backup\.db into .*riskxpert\.db: conversations [1-9]/u);
      const inBackup = rows(backupFile);
      expect(inBackup.subscriptions).toHaveLength(1);
      expect(inBackup.accounts).toHaveLength(1);
      expect(rows(join(elsewhere, 'riskxpert.db'))).toEqual(inBackup);
      // Not a RiskXpert database: refused before anything is touched.
      const notOurs = await runRiskxpert(['restore', join(home, 'riskxpert.db.holders', String(serve!.child.pid))], {
        RISKXPERT_HOME: elsewhere,
      });
      expect(notOurs.code).toBe(1);
      expect(rows(join(elsewhere, 'riskxpert.db'))).toEqual(inBackup);

      // Restart: the same user's history, account and subscription are there.
      expect(await serve!.stop()).toBe(0);
      await start();
      expect(await say('/history', /S&P 500/u)).toMatch(/S&P 500/u);
      expect(await say('/portfolio', /S&P 500/u)).toMatch(/S&P 500 2주/u);
      expect(await say('/subscriptions', /^1\. S&P 500/u)).toMatch(/하루 ±5% 이상 변동/u);
      expect(serve!.output()).not.toMatch(/SQLITE_BUSY|STORE_LOCKED/u);
    } finally {
      await serve?.stop();
      await tg.close();
    }
  }, 300_000);
});
