import Bottleneck from 'bottleneck';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { Api as GrammyApi, GrammyError, HttpError, InputFile, type Api } from 'grammy';
import { certainlyUnsent, type AlertSender } from '../../src/alerts/delivery.js';

export type AlertOutcome = 'sent' | 'blocked' | 'failed';

/**
 * Pushes alerts within Telegram's broadcast limits: about 30 messages/s overall, 1/s per private chat and
 * 20/min per group (negative chat ids). A 429 waits `retry_after` once; 403 (blocked, kicked, deactivated)
 * returns 'blocked' so the caller deactivates the subscription instead of retrying forever.
 */
export function createTelegramAlertSender(options: {
  api: Api;
  perSecond?: number;
  privateGapMs?: number;
  groupGapMs?: number;
}) {
  const global = new Bottleneck({ minTime: Math.ceil(1000 / (options.perSecond ?? 30)), maxConcurrent: 10 });
  // One send at a time per chat; the gap itself is timed below from when the previous send ended, because
  // Bottleneck's minTime spaces job starts, and a job may then wait longer in the global queue than the next one.
  const perChat = new Bottleneck.Group({ maxConcurrent: 1 });
  const lastEnd = new Map<number, number>();

  async function deliver(chatId: number, text: string, png?: Uint8Array): Promise<void> {
    if (png) await options.api.sendPhoto(chatId, new InputFile(png, 'alert.png'), { caption: text.slice(0, 1024) });
    else await options.api.sendMessage(chatId, text.slice(0, 4096));
  }

  return {
    async send(chatId: number, text: string, png?: Uint8Array): Promise<AlertOutcome> {
      const gap = chatId < 0 ? (options.groupGapMs ?? 3_100) : (options.privateGapMs ?? 1_050);
      const attempt = () =>
        perChat.key(String(chatId)).schedule(async () => {
          const wait = (lastEnd.get(chatId) ?? 0) + gap - Date.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          try {
            await global.schedule(() => deliver(chatId, text, png));
          } finally {
            lastEnd.set(chatId, Date.now());
          }
        });
      try {
        await attempt();
        return 'sent';
      } catch (err) {
        if (err instanceof GrammyError && err.error_code === 403) return 'blocked';
        if (err instanceof GrammyError && err.error_code === 429) {
          await new Promise((r) => setTimeout(r, (err.parameters.retry_after ?? 1) * 1000));
          try {
            await attempt();
            return 'sent';
          } catch (again) {
            return again instanceof GrammyError && again.error_code === 403 ? 'blocked' : 'failed';
          }
        }
        return 'failed';
      }
    },
    async stop(): Promise<void> {
      await global.stop({ dropWaitingJobs: false }).catch(() => undefined);
    },
  };
}

/**
 * One attempt, no pacing of its own: the notify queue paces every worker process together (BullMQ limiter for
 * the ~30/s, a Redis key per chat for 1/s). The outcome says whether a retry is safe.
 */
export function createTelegramAlertDelivery(options: { api: Api }): AlertSender {
  return {
    async send(target, text, png) {
      const chatId = Number(target);
      if (!Number.isSafeInteger(chatId)) return { kind: 'failed', reason: 'not a chat id' };
      try {
        if (png) await options.api.sendPhoto(chatId, new InputFile(png, 'alert.png'), { caption: text.slice(0, 1024) });
        else await options.api.sendMessage(chatId, text.slice(0, 4096));
        return { kind: 'sent' };
      } catch (err) {
        if (err instanceof GrammyError) {
          if (err.error_code === 403) return { kind: 'blocked' };
          if (err.error_code === 429)
            return { kind: 'retry', afterMs: (err.parameters.retry_after ?? 1) * 1000, reason: '429' };
          if (err.error_code >= 500) return { kind: 'retry', reason: String(err.error_code) };
          return { kind: 'failed', reason: `${err.error_code} ${err.description}`.slice(0, 200) };
        }
        if (err instanceof HttpError && certainlyUnsent(err.error)) return { kind: 'retry', reason: 'unreachable' };
        return { kind: 'in-doubt', reason: (err as Error).message.slice(0, 200) };
      }
    },
  };
}

/**
 * The Bot API client for pushes. grammY's default keep-alive agent never drops an idle socket, so after a quiet
 * spell a send can go out on a socket the server is closing at that moment: the request fails with no answer and
 * is in doubt. Sockets idle for 3 s are closed here first (servers keep them at least 5 s).
 */
export function createTelegramAlertApi(token: string, apiRoot: string): Api {
  const agent = apiRoot.startsWith('https:')
    ? new HttpsAgent({ keepAlive: true, timeout: 3_000 })
    : new HttpAgent({ keepAlive: true, timeout: 3_000 });
  return new GrammyApi(token, { apiRoot, baseFetchConfig: { agent } });
}
