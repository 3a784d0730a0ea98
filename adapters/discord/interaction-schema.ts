import { z } from 'zod';

/*
 * The parts of a Discord interaction the handlers read (adapters/discord/interactions.ts `Interaction`), checked once
 * here after the signature: ids and the token are strings (the token goes into webhook URLs, so only the characters
 * Discord uses), options are name/value pairs. Anything else Discord adds is kept.
 */
const snowflake = z.string().regex(/^\d{1,25}$/u);
const option = z.looseObject({
  name: z.string().max(100),
  type: z.number().int().optional(),
  value: z.union([z.string().max(6_000), z.number(), z.boolean()]).optional(),
  focused: z.boolean().optional(),
});

const command = z.looseObject({
  id: snowflake,
  application_id: snowflake,
  type: z.number().int().min(1).max(5),
  // One path segment, never "." or ".." (it is joined into /webhooks/{app}/{token}/messages/...).
  token: z.string().regex(/^(?!\.+$)[A-Za-z0-9._-]{1,500}$/u),
  locale: z.string().max(10).optional(),
  // Commands carry a name and options; a pressed button (type 3) carries its custom_id instead.
  data: z
    .looseObject({
      name: z.string().max(100).optional(),
      options: z.array(option).max(25).optional(),
      custom_id: z.string().max(100).optional(),
      component_type: z.number().int().optional(),
    })
    .optional(),
  member: z.looseObject({ user: z.looseObject({ id: snowflake }) }).optional(),
  user: z.looseObject({ id: snowflake }).optional(),
});

/** PING (type 1) carries nothing the handlers read; every other type must be a full interaction. */
export const interactionSchema = z.union([z.looseObject({ type: z.literal(1) }), command]);
