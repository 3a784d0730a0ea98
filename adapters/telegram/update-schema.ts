import { z } from 'zod';

/*
 * The part of a Telegram Update that RiskXpert's handlers (and grammY's routing on their behalf: sequentialize reads
 * chat.id, command matching reads text/caption and entities) rely on. Anything else Telegram adds is kept (`loose`),
 * but an update that lies about these fields is refused before a handler sees it.
 */
const user = z.looseObject({
  id: z.number().int(),
  is_bot: z.boolean(),
  first_name: z.string(),
  language_code: z.string().optional(),
});
const chat = z.looseObject({ id: z.number().int(), type: z.enum(['private', 'group', 'supergroup', 'channel']) });
const entity = z.looseObject({ type: z.string(), offset: z.number().int().min(0), length: z.number().int().min(0) });
const message = z.looseObject({
  message_id: z.number().int(),
  date: z.number().int(),
  chat,
  from: user.optional(),
  sender_chat: chat.optional(),
  text: z.string().max(10_000).optional(),
  caption: z.string().max(10_000).optional(),
  entities: z.array(entity).max(200).optional(),
  caption_entities: z.array(entity).max(200).optional(),
});
const callbackQuery = z.looseObject({
  id: z.string(),
  from: user,
  chat_instance: z.string().optional(),
  data: z.string().max(256).optional(),
  message: z.looseObject({ message_id: z.number().int(), date: z.number().int(), chat }).optional(),
});

/** Only the kinds the bot handles: a message or a callback query (one of them, as Telegram sends). */
export const telegramUpdateSchema = z.union([
  z.looseObject({ update_id: z.number().int().min(0), message }),
  z.looseObject({ update_id: z.number().int().min(0), callback_query: callbackQuery }),
]);

export type ValidUpdate = z.infer<typeof telegramUpdateSchema>;

/** The update id when there is a numeric one (for logs and acknowledgements of an update we drop). */
export function updateIdOf(body: unknown): number | undefined {
  const id = (body as { update_id?: unknown } | null)?.update_id;
  return typeof id === 'number' ? id : undefined;
}
