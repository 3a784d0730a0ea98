import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeAnswer, encodeAnswer } from '../../src/cache/answer-codec.js';
import type { AnswerEvent } from '../../src/engine/answer-types.js';
import { sampleAnswer } from '../fakes/sample-answer.js';

let events: AnswerEvent[];
let encoded: Uint8Array;
beforeAll(async () => {
  events = await sampleAnswer();
  encoded = encodeAnswer(events);
});

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe('answer codec', () => {
  it('round-trips a whole answer with a real chart PNG byte for byte', () => {
    const chart = events[1]!;
    expect(chart.type === 'chart' && Array.from(chart.png.subarray(0, 8))).toEqual(PNG_SIGNATURE);
    expect(chart.type === 'chart' && chart.png.byteLength).toBeGreaterThan(40_000);

    const back = decodeAnswer(encoded)!;
    expect(back).toHaveLength(events.length);
    const backChart = back[1]!;
    expect(backChart.type).toBe('chart');
    if (backChart.type === 'chart' && chart.type === 'chart') {
      expect(backChart.png).toBeInstanceOf(Uint8Array);
      expect(Buffer.from(backChart.png).equals(Buffer.from(chart.png))).toBe(true);
      expect(backChart.hash).toBe(chart.hash);
    }
    // Everything else exactly as streamed, except the neutral `done` (next test).
    expect(back.slice(0, -1).filter((e) => e.type !== 'chart')).toEqual(
      events.slice(0, -1).filter((e) => e.type !== 'chart'),
    );
    const scenario = (list: AnswerEvent[]) => list.map((e) => (e.type === 'scenario-delta' ? e.text : '')).join('');
    expect(scenario(back)).toBe(scenario(events));
  });

  it('stores done neutral: no conversation id, cached false, the rest kept', () => {
    const done = decodeAnswer(encodeAnswer(events.map((e) => (e.type === 'done' ? { ...e, cached: true } : e))))!.at(
      -1,
    )!;
    const original = events.at(-1)!;
    expect(done.type).toBe('done');
    if (done.type === 'done' && original.type === 'done') {
      expect(done.conversationId).toBe('');
      expect(done.cached).toBe(false);
      expect(done.narrator).toBe(original.narrator);
      expect(done.usage).toEqual(original.usage);
      expect(done.timings).toEqual(original.timings);
    }
  });

  it('is smaller than the same answer as JSON with a base64 chart', () => {
    const chart = events[1]!;
    const asJson = Buffer.byteLength(
      JSON.stringify(
        events.map((e) => (e.type === 'chart' ? { ...e, png: Buffer.from(e.png).toString('base64') } : e)),
      ),
    );
    expect(encoded.byteLength).toBeLessThan(asJson);
    // Header + JSON part + the raw PNG: the PNG is stored once, not inflated.
    expect(chart.type === 'chart' && encoded.byteLength - chart.png.byteLength).toBeLessThan(30_000);
  });

  it('does not cache error events', () => {
    const withError: AnswerEvent[] = [
      ...events.slice(0, -1),
      { type: 'error', code: 'LLM_TIMEOUT', message: 'x', retryable: true },
      events.at(-1)!,
    ];
    expect(decodeAnswer(encodeAnswer(withError))!.some((e) => e.type === 'error')).toBe(false);
  });

  it('reads entries of the old JSON format, another version or foreign bytes as a miss', () => {
    // The first format: JSON with the chart as base64.
    const oldFormat = Buffer.from(
      JSON.stringify({
        format: 'rx-answer-1',
        events: events.map((e) => (e.type === 'chart' ? { ...e, png: Buffer.from(e.png).toString('base64') } : e)),
      }),
    );
    expect(decodeAnswer(oldFormat)).toBeUndefined();
    const otherVersion = Buffer.from(encoded);
    otherVersion[3] = otherVersion[3]! + 1;
    expect(decodeAnswer(otherVersion)).toBeUndefined();
    expect(decodeAnswer(new Uint8Array(0))).toBeUndefined();
    expect(decodeAnswer(Buffer.from('RXA'))).toBeUndefined();
    expect(decodeAnswer(Buffer.from('not json at all'))).toBeUndefined();
  });

  it('reads a truncated, extended or bit-flipped entry as a miss', () => {
    for (const cut of [8, 100, 2_000, encoded.byteLength - 30_000, encoded.byteLength - 1]) {
      expect(decodeAnswer(encoded.subarray(0, cut))).toBeUndefined();
    }
    expect(decodeAnswer(Buffer.concat([encoded, Buffer.from([0])]))).toBeUndefined();
    // A flipped bit inside the PNG: the hash check catches what JSON validation cannot see.
    const flipped = Buffer.from(encoded);
    flipped[flipped.byteLength - 5_000] = flipped[flipped.byteLength - 5_000]! ^ 0x01;
    expect(decodeAnswer(flipped)).toBeUndefined();
    // The JSON length pointing past the end.
    const badLength = Buffer.from(encoded);
    badLength.writeUInt32BE(encoded.byteLength, 4);
    expect(decodeAnswer(badLength)).toBeUndefined();
  });

  it('reads well-framed entries with the wrong shapes as a miss', () => {
    const frame = (json: unknown, tail: Uint8Array = new Uint8Array(0)) => {
      const body = Buffer.from(JSON.stringify(json));
      const head = Buffer.from([0x52, 0x58, 0x41, 2, 0, 0, 0, 0]);
      head.writeUInt32BE(body.byteLength, 4);
      return Buffer.concat([head, body, tail]);
    };
    const wire = events.map((e) => (e.type === 'chart' ? { ...e, png: e.png.byteLength } : e));
    const chart = events[1]!;
    const png = chart.type === 'chart' ? chart.png : new Uint8Array(0);
    // Sanity: the hand-made frame of the right shapes decodes.
    expect(decodeAnswer(frame({ events: wire }, png))).toBeDefined();
    expect(
      decodeAnswer(frame({ events: wire.map((e) => (e.type === 'forecast' ? { ...e, median: ['1'] } : e)) }, png)),
    ).toBeUndefined();
    expect(
      decodeAnswer(frame({ events: wire.map((e) => (e.type === 'summary' ? { type: 'summary' } : e)) }, png)),
    ).toBeUndefined();
    expect(
      decodeAnswer(frame({ events: wire.map((e) => (e.type === 'summary' ? { ...e, type: 'shell' } : e)) }, png)),
    ).toBeUndefined();
    // Incomplete answers (no forecast first, or no done last) are not replayed.
    expect(decodeAnswer(frame({ events: wire.slice(1) }, png))).toBeUndefined();
    expect(decodeAnswer(frame({ events: wire.slice(0, -1) }, png))).toBeUndefined();
    // A chart whose bytes do not match its hash.
    const other = new Uint8Array(png.byteLength).fill(7);
    expect(createHash('sha256').update(other).digest('hex')).not.toBe(chart.type === 'chart' ? chart.hash : '');
    expect(decodeAnswer(frame({ events: wire }, other))).toBeUndefined();
    expect(decodeAnswer(frame(null))).toBeUndefined();
    expect(decodeAnswer(frame({ events: 'x' }))).toBeUndefined();
  });

  it('never throws, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.boolean(), (bytes, withHeader) => {
        const input = withHeader ? Buffer.concat([Buffer.from([0x52, 0x58, 0x41, 2]), bytes]) : bytes;
        expect(decodeAnswer(input)).toBeUndefined();
      }),
      { numRuns: 500 },
    );
  });
});
