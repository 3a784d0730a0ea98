import { LRUCache } from 'lru-cache';
import type { Cache } from '../cache/cache.js';
import { decodeAnswer, encodeAnswer } from '../cache/answer-codec.js';
import { toRiskXpertError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { AnswerEvent } from './answer-types.js';

/**
 * The events to keep for replays, with each run of scenario deltas joined into one. A replay delivers everything
 * at once, so the pieces only cost: every event passes through several async generators on the hot path of a cached
 * answer, and a streaming adapter would spend one message edit on each.
 */
export function joinScenarioDeltas(events: readonly AnswerEvent[]): AnswerEvent[] {
  const out: AnswerEvent[] = [];
  for (const event of events) {
    const last = out[out.length - 1];
    if (event.type === 'scenario-delta' && last?.type === 'scenario-delta')
      out[out.length - 1] = { type: 'scenario-delta', text: last.text + event.text };
    else out.push(event);
  }
  return out;
}

/**
 * The answer cache as the engine uses it: the shared cache's bytes, plus decoded copies kept in this process. Keys
 * name immutable content (data, model and prompt versions are in them), so a decoded copy may be reused for as long
 * as the shared cache would have kept the bytes. A failing cache is a miss, never a failed answer.
 */
export function createAnswerCache(deps: { cache: Cache; ttlSeconds: number; decodedEntries?: number | undefined }) {
  const decoded = new LRUCache<string, AnswerEvent[]>({
    max: Math.max(1, deps.decodedEntries ?? 200),
    ttl: deps.ttlSeconds * 1000,
  });
  return {
    /** `log`: the asker's logger, so a cache failure is logged with the request it slowed. */
    async read(key: string, log: Logger): Promise<AnswerEvent[] | undefined> {
      const hot = decoded.get(key);
      if (hot) return hot;
      try {
        const bytes = await deps.cache.get(key);
        const events = bytes ? decodeAnswer(bytes) : undefined;
        if (events) decoded.set(key, events);
        return events;
      } catch (err) {
        log.warn({ err: toRiskXpertError(err).toJSON() }, 'cache read failed; answering without cache');
        return undefined;
      }
    },
    write(key: string, events: AnswerEvent[], log: Logger): void {
      deps.cache.set(key, encodeAnswer(joinScenarioDeltas(events)), deps.ttlSeconds).catch((err: unknown) => {
        log.warn({ err: toRiskXpertError(err).toJSON() }, 'cache write failed');
      });
    },
  };
}
