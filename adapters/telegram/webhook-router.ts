import { timingSafeEqual } from 'node:crypto';
import express, { type Router } from 'express';
import { BotError, type Bot } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from '../../src/logger.js';
import { telegramUpdateSchema, updateIdOf } from './update-schema.js';

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
export function createTelegramWebhookRouter(deps: {
  bot: Bot;
  secretToken?: string;
  logger: Logger;
  onHandled?: (updateId: number) => void;
  onIgnored?: (updateId: number | undefined) => void;
}): Router {
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
    const parsed = telegramUpdateSchema.safeParse(req.body);
    // Telegram re-sends any update not answered 2xx: one we cannot use is acknowledged and dropped, logged once.
    res.status(200).json({ ok: true });
    if (!parsed.success) {
      const updateId = updateIdOf(req.body);
      deps.logger.debug(
        { updateId, issues: parsed.error.issues.length },
        'telegram: malformed or unhandled update acknowledged and dropped',
      );
      deps.onIgnored?.(updateId);
      return;
    }
    const update = parsed.data as unknown as Update;
    void deps.bot
      .handleUpdate(update)
      // handleUpdate rethrows instead of calling bot.catch (only bot.start and the runner do): call the same error
      // boundary, so a failure reaches the user as the apology polling mode gives.
      .catch(async (err: unknown) => {
        if (err instanceof BotError)
          await Promise.resolve(deps.bot.errorHandler(err)).catch((e: unknown) =>
            deps.logger.error({ err: e, updateId: update.update_id }, 'telegram error handler failed'),
          );
        else deps.logger.error({ err, updateId: update.update_id }, 'telegram update failed');
      })
      .finally(() => deps.onHandled?.(update.update_id));
  });
  return router;
}
