import { timingSafeEqual } from 'node:crypto';
import express, { type Router } from 'express';
import type { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from '../../src/logger.js';

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * POST /telegram/webhook. Telegram retries a webhook that does not answer, and an answer takes up to ~30 s, so the
 * update is acknowledged at once and handled in the background (grammY's webhookCallback would hold the request
 * until the handler ends). Per-chat ordering comes from the bot's `sequentialize` middleware.
 */
export function createTelegramWebhookRouter(deps: { bot: Bot; secretToken?: string; logger: Logger; onHandled?: (updateId: number) => void }): Router {
  const router = express.Router();
  // The secret is checked before the body is even parsed: an unauthenticated caller learns nothing.
  const checkSecret: express.RequestHandler = (req, res, next) => {
    if (deps.secretToken) {
      const got = req.header('x-telegram-bot-api-secret-token');
      if (typeof got !== 'string' || !same(got, deps.secretToken)) {
        res.status(401).json({ error: { code: 'UNAUTHORIZED', message: 'Wrong secret token.' } });
        return;
      }
    }
    next();
  };
  router.post('/webhook', checkSecret, express.json({ limit: '1mb' }), (req, res) => {
    const update = req.body as Update;
    if (typeof update !== 'object' || update === null || typeof update.update_id !== 'number') {
      res.status(400).json({ error: { code: 'BAD_REQUEST', message: 'Not a Telegram update.' } });
      return;
    }
    res.status(200).json({ ok: true });
    void deps.bot
      .handleUpdate(update)
      .catch((err: unknown) => deps.logger.error({ err, updateId: update.update_id }, 'telegram update failed'))
      .finally(() => deps.onHandled?.(update.update_id));
  });
  return router;
}
