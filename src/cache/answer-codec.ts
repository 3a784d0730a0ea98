import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { AnswerEvent } from '../engine/answer-types.js';

/**
 * Cache entry layout (all integers big-endian):
 *
 *   0..3   magic "RXA" + format version byte
 *   4..7   u32 length L of the JSON part
 *   8..    JSON (UTF-8): { events }, each chart's `png` replaced by its byte length
 *   8+L..  the chart PNGs, raw, in event order
 *
 * Why not plain JSON with base64 (the first format): the PNG is ~90% of an answer, base64 makes it 33% bigger
 * (fewer answers fit in an allkeys-lru Redis) and JSON.parse must scan the whole base64 string; the framing
 * roughly halves decode time (bench/cache.bench.ts). The JSON part stays readable with `redis-cli GET`.
 *
 * Bump VERSION whenever an event shape changes: entries of another version (or of the old JSON format, which
 * starts with "{") read as misses and are simply regenerated.
 */
const MAGIC = [0x52, 0x58, 0x41] as const; // "RXA"
const VERSION = 2;
const HEADER_BYTES = 8;

const num = z.number();
const point = z.object({ date: z.string(), value: num });
const usage = z.object({ promptTokens: num, completionTokens: num }).loose();

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
  z.object({ type: z.literal('chart'), png: z.number().int().nonnegative(), hash: z.string() }),
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

const entrySchema = z.object({ events: z.array(eventSchema).min(2) });

/**
 * Encodes a finished answer. `error` events are not cached. `done` is stored neutral (no conversation id,
 * cached:false): the id belongs to the asker who generated it, and the engine gives each replay its own id
 * and flips `cached`.
 */
export function encodeAnswer(events: readonly AnswerEvent[]): Uint8Array {
  const blobs: Uint8Array[] = [];
  const wire: unknown[] = [];
  for (const e of events) {
    if (e.type === 'error') continue;
    if (e.type === 'chart') {
      blobs.push(e.png);
      wire.push({ type: 'chart', png: e.png.byteLength, hash: e.hash });
    } else if (e.type === 'done') {
      wire.push({ ...e, conversationId: '', cached: false });
    } else {
      wire.push(e);
    }
  }
  const json = Buffer.from(JSON.stringify({ events: wire }), 'utf8');
  const blobBytes = blobs.reduce((n, b) => n + b.byteLength, 0);
  const out = Buffer.allocUnsafe(HEADER_BYTES + json.byteLength + blobBytes);
  out[0] = MAGIC[0];
  out[1] = MAGIC[1];
  out[2] = MAGIC[2];
  out[3] = VERSION;
  out.writeUInt32BE(json.byteLength, 4);
  json.copy(out, HEADER_BYTES);
  let at = HEADER_BYTES + json.byteLength;
  for (const b of blobs) {
    out.set(b, at);
    at += b.byteLength;
  }
  return out;
}

/** The events of a complete cached answer, or undefined for anything else (corrupt, truncated, older format). */
export function decodeAnswer(bytes: Uint8Array): AnswerEvent[] | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (
    buf.byteLength < HEADER_BYTES ||
    buf[0] !== MAGIC[0] ||
    buf[1] !== MAGIC[1] ||
    buf[2] !== MAGIC[2] ||
    buf[3] !== VERSION
  ) {
    return undefined;
  }
  const jsonLength = buf.readUInt32BE(4);
  if (HEADER_BYTES + jsonLength > buf.byteLength) return undefined;

  let json: unknown;
  try {
    json = JSON.parse(buf.toString('utf8', HEADER_BYTES, HEADER_BYTES + jsonLength));
  } catch {
    return undefined;
  }
  const parsed = entrySchema.safeParse(json);
  if (!parsed.success) return undefined;

  let at = HEADER_BYTES + jsonLength;
  const events: AnswerEvent[] = [];
  for (const e of parsed.data.events) {
    if (e.type !== 'chart') {
      events.push(e as AnswerEvent);
      continue;
    }
    if (at + e.png > buf.byteLength) return undefined;
    // A copy, so a replayed PNG does not pin (or alias) the whole entry buffer.
    const png = new Uint8Array(buf.subarray(at, at + e.png));
    at += e.png;
    // The hash names the PNG in chart URLs; a flipped bit must not be served under it.
    if (createHash('sha256').update(png).digest('hex') !== e.hash) return undefined;
    events.push({ type: 'chart', png, hash: e.hash });
  }
  if (at !== buf.byteLength) return undefined;
  // Only complete answers are worth replaying.
  return events[0]?.type === 'forecast' && events.at(-1)?.type === 'done' ? events : undefined;
}
