import express, { type Router } from 'express';
import type { Logger } from '../../src/logger.js';
import type { createDiscordInteractions, Interaction } from './interactions.js';
import { ed25519PublicKey, verifyDiscordSignature } from './verify-signature.js';
import { interactionSchema } from './interaction-schema.js';

/**
 * POST /discord/interactions: the HTTP interactions endpoint (horizontal scale without a gateway connection).
 * Every request's Ed25519 signature is checked on the raw body; a forged one gets 401, as Discord requires.
 */
export function createDiscordInteractionsRouter(deps: {
  publicKeyHex: string;
  handlers: ReturnType<typeof createDiscordInteractions>;
  logger: Logger;
}): Router {
  const key = ed25519PublicKey(deps.publicKeyHex);
  const router = express.Router();
  router.post('/interactions', express.raw({ type: () => true, limit: '256kb' }), async (req, res) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (!verifyDiscordSignature(key, req.header('x-signature-ed25519'), req.header('x-signature-timestamp'), raw)) {
      res.status(401).json({ error: { code: 'UNAUTHORIZED', message: 'Invalid request signature.' } });
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      body = undefined;
    }
    const parsed = interactionSchema.safeParse(body);
    if (!parsed.success) {
      // Signed by Discord yet not an interaction we understand: a 400, logged once, and no handler sees it.
      deps.logger.debug({ issues: parsed.error.issues.length }, 'discord: malformed interaction refused');
      res.status(400).json({ error: { code: 'BAD_REQUEST', message: 'Not an interaction.' } });
      return;
    }
    const interaction = parsed.data as Interaction;
    const { response, background } = await deps.handlers.respond(interaction);
    res.json(response);
    if (background)
      void background().catch((err: unknown) =>
        deps.logger.error({ err, interactionId: interaction.id }, 'discord interaction failed'),
      );
  });
  return router;
}
