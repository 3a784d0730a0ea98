import { z } from 'zod';
import type { AnswerEvent } from '../engine/answer-types.js';

/** Bumped whenever the event shapes change, so entries written by an older release read as misses. */
const FORMAT = 'rx-answer-1';

const num = z.number();
const point = z.object({ date: z.string(), value: num });
const usage = z.object({ promptTokens: num, completionTokens: num });

// Validated on the way out of the cache: a corrupt or foreign entry must be a miss, never a crash.
const eventSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('forecast'),
      indicator: z.object({ id: z.string(), nameKo: z.string(), nameEn: z.string(), unit: z.string() }),
      horizonMonths: num,
      locale: z.enum(['ko', 'en']),
      history: z.array(point),
      dates: z.array(z.string()),
      median: z.array(num),
      levels: z.array(num),
      quantiles: z.array(z.array(num)),
      method: z.string(),
      modelVersion: z.string(),
      fallbackReason: z.string().optional(),
      dataSource: z.string(),
      sampleData: z.boolean(),
      facts: z.record(z.string(), z.unknown()),
    })
    .loose(),
  z.object({ type: z.literal('chart'), png: z.string(), hash: z.string() }),
  z.object({ type: z.literal('summary'), text: z.string(), narrator: z.string() }),
  z.object({ type: z.literal('scenario-delta'), text: z.string() }),
  z.object({
    type: z.literal('done'),
    conversationId: z.string(),
    cached: z.boolean(),
    narrator: z.string(),
    usage: usage.optional(),
    timings: z.record(z.string(), num),
  }),
]);

const entrySchema = z.object({ format: z.literal(FORMAT), events: z.array(eventSchema).min(1) });

/** JSON with the chart as base64: ~1.33x the PNG size, and readable with redis-cli when debugging. */
export function encodeAnswer(events: readonly AnswerEvent[]): Uint8Array {
  const wire = events
    .filter((e) => e.type !== 'error')
    .map((e) => (e.type === 'chart' ? { ...e, png: Buffer.from(e.png).toString('base64') } : e));
  return Buffer.from(JSON.stringify({ format: FORMAT, events: wire }), 'utf8');
}

export function decodeAnswer(bytes: Uint8Array): AnswerEvent[] | undefined {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
  } catch {
    return undefined;
  }
  const parsed = entrySchema.safeParse(json);
  if (!parsed.success) return undefined;
  const events = parsed.data.events.map((e) => (e.type === 'chart' ? { ...e, png: new Uint8Array(Buffer.from(e.png, 'base64')) } : e)) as AnswerEvent[];
  // Only complete answers are worth replaying.
  return events.at(-1)?.type === 'done' && events[0]?.type === 'forecast' ? events : undefined;
}
