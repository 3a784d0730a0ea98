import { toRiskXpertError } from '../errors.js';
import { cutNotice } from './deterministic-narrator.js';
import type {
  NarrationFacts,
  NarrationOptions,
  Narrator,
  ScenarioChunk,
  ScenarioStream,
  SummaryResult,
  TokenUsage,
} from './narrator.js';
import { withoutTrackRecordLine, withTrackRecordLine } from './track-record-line.js';

export type NarrationEvent =
  | { type: 'fallback'; stage: 'summary' | 'scenario'; reason: string; code?: string }
  | { type: 'cut'; reason: string; code?: string }
  | { type: 'usage'; usage: TokenUsage };

export interface ResilientNarratorOptions {
  primary?: Narrator;
  fallback: Narrator;
  summaryTimeoutMs: number;
  firstTokenTimeoutMs: number;
  idleTimeoutMs: number;
  /** Time kept back before the deadline for the fallback to write its text and the adapter to send it. */
  reserveMs?: number;
  onEvent?: (event: NarrationEvent) => void;
}

type Step<T> = { kind: 'value'; value: T } | { kind: 'done' } | { kind: 'timeout' } | { kind: 'error'; error: unknown };

async function stepWithin<T>(iterator: AsyncIterator<T>, ms: number): Promise<Step<T>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Step<T>>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'timeout' }), Math.max(0, ms));
  });
  const next = iterator.next().then(
    (r): Step<T> => (r.done ? { kind: 'done' } : { kind: 'value', value: r.value }),
    (error: unknown): Step<T> => ({ kind: 'error', error }),
  );
  try {
    return await Promise.race([next, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The narrator the engine uses: the LLM when it answers in time, the deterministic narrator otherwise.
 * The deadline always wins. A scenario the LLM starts but does not finish (error, stall) is completed by the
 * fallback after a short notice, so the user always receives a whole narrative.
 */
export function createResilientNarrator(options: ResilientNarratorOptions): Narrator {
  const { primary, fallback } = options;
  const reserve = options.reserveMs ?? 1_500;
  const emit = (e: NarrationEvent) => options.onEvent?.(e);
  const budget = (limit: number, deadline: number | undefined) =>
    deadline === undefined ? limit : Math.min(limit, deadline - Date.now() - reserve);

  async function summary(facts: NarrationFacts, opts: NarrationOptions = {}): Promise<SummaryResult> {
    const ms = budget(options.summaryTimeoutMs, opts.deadline);
    if (!primary || ms <= 0) {
      if (primary) emit({ type: 'fallback', stage: 'summary', reason: 'no time left before the deadline' });
      return fallback.summary(facts, opts);
    }
    const controller = new AbortController();
    const onAbort = () => controller.abort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    let timer: NodeJS.Timeout | undefined;
    try {
      const result = await Promise.race([
        primary.summary(facts, { signal: controller.signal, deadline: Date.now() + ms }),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`summary took longer than ${ms} ms`)), ms);
        }),
      ]);
      if (result.usage) emit({ type: 'usage', usage: result.usage });
      // Every answer says what forecasted it and how well, whoever wrote the text.
      return { ...result, text: withTrackRecordLine(result.text, facts.trackRecord, facts.locale) };
    } catch (err) {
      controller.abort();
      const e = toRiskXpertError(err, 'LLM_UNAVAILABLE');
      emit({ type: 'fallback', stage: 'summary', reason: e.message, code: e.code });
      return fallback.summary(facts, opts);
    } finally {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
    }
  }

  function scenario(facts: NarrationFacts, summaryText: string, opts: NarrationOptions = {}): ScenarioStream {
    let used = primary ? primary.id : fallback.id;
    let usage: TokenUsage | undefined;

    async function* fromFallback(): AsyncGenerator<ScenarioChunk> {
      const stream = fallback.scenario(facts, summaryText, opts);
      yield* stream;
    }

    async function* run(): AsyncGenerator<ScenarioChunk> {
      const firstMs = budget(options.firstTokenTimeoutMs, opts.deadline);
      if (!primary || firstMs <= 0) {
        if (primary) emit({ type: 'fallback', stage: 'scenario', reason: 'no time left before the deadline' });
        used = fallback.id;
        yield* fromFallback();
        return;
      }
      const controller = new AbortController();
      const onAbort = () => controller.abort();
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      const stream = primary.scenario(facts, withoutTrackRecordLine(summaryText, facts.trackRecord, facts.locale), {
        signal: controller.signal,
        ...(opts.deadline ? { deadline: opts.deadline - reserve } : {}),
      });
      const iterator = stream[Symbol.asyncIterator]();
      let produced = '';
      let ended: 'done' | 'failed' = 'failed';
      let reason = '';
      let code: string | undefined;
      try {
        let first = true;
        for (;;) {
          const ms = first ? firstMs : budget(options.idleTimeoutMs, opts.deadline);
          if (ms <= 0) {
            reason = 'deadline reached';
            break;
          }
          const step = await stepWithin(iterator, ms);
          if (step.kind === 'done') {
            ended = 'done';
            break;
          }
          if (step.kind === 'timeout') {
            reason = first ? `no first token within ${ms} ms` : `stream stalled for ${ms} ms`;
            break;
          }
          if (step.kind === 'error') {
            const e = toRiskXpertError(step.error, 'LLM_UNAVAILABLE');
            reason = e.message;
            code = e.code;
            break;
          }
          first = false;
          if (step.value.delta) {
            produced += step.value.delta;
            yield step.value;
          }
        }
      } finally {
        opts.signal?.removeEventListener('abort', onAbort);
        if (ended !== 'done') {
          controller.abort();
          void iterator.return?.().catch(() => undefined);
        }
      }
      usage = stream.usage();
      if (usage) emit({ type: 'usage', usage });
      if (ended === 'done' && produced.trim().length > 0) {
        used = stream.narrator();
        return;
      }
      if (produced.trim().length === 0) {
        emit({ type: 'fallback', stage: 'scenario', reason: reason || 'empty response', ...(code ? { code } : {}) });
        used = fallback.id;
        yield* fromFallback();
        return;
      }
      emit({ type: 'cut', reason, ...(code ? { code } : {}) });
      used = `${stream.narrator()}+${fallback.id}`;
      yield { delta: cutNotice(facts.locale) };
      yield* fromFallback();
    }

    const generator = run();
    return {
      [Symbol.asyncIterator]: () => generator,
      usage: () => usage,
      narrator: () => used,
    };
  }

  return {
    id: primary ? `${primary.id}|${fallback.id}` : fallback.id,
    // '+track': LLM summaries cached before the track-record line was appended are not served again.
    version: primary ? `${primary.version}|${fallback.version}+track` : fallback.version,
    summary,
    scenario,
  };
}
