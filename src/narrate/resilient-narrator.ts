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
  /** Usage and fallbacks, with the request they happened in (NarrationOptions.requestId) for the log line. */
  onEvent?: (event: NarrationEvent, context: { requestId?: string | undefined }) => void;
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

/** What both narrations share: the two narrators, the time limits and the event sink. */
interface Resilience {
  primary?: Narrator | undefined;
  fallback: Narrator;
  options: ResilientNarratorOptions;
  reserve: number;
  emit(e: NarrationEvent, opts: NarrationOptions): void;
  /** A stage's limit, cut to the time left before the deadline less the reserve. */
  budget(limit: number, deadline: number | undefined): number;
}

/**
 * The narrator the engine uses: the LLM when it answers in time, the deterministic narrator otherwise.
 * The deadline always wins. A scenario the LLM starts but does not finish (error, stall) is completed by the
 * fallback after a short notice, so the user always receives a whole narrative.
 */
export function createResilientNarrator(options: ResilientNarratorOptions): Narrator {
  const { primary, fallback } = options;
  const reserve = options.reserveMs ?? 1_500;
  const r: Resilience = {
    primary,
    fallback,
    options,
    reserve,
    emit: (e, opts) => options.onEvent?.(e, { requestId: opts.requestId }),
    budget: (limit, deadline) => (deadline === undefined ? limit : Math.min(limit, deadline - Date.now() - reserve)),
  };
  return {
    id: primary ? `${primary.id}|${fallback.id}` : fallback.id,
    // '+track': LLM summaries cached before the track-record line was appended are not served again.
    version: primary ? `${primary.version}|${fallback.version}+track` : fallback.version,
    summary: (facts, opts = {}) => narrateSummary(r, facts, opts),
    scenario: (facts, summaryText, opts = {}) => narrateScenario(r, facts, summaryText, opts),
  };
}

async function narrateSummary(r: Resilience, facts: NarrationFacts, opts: NarrationOptions): Promise<SummaryResult> {
  const { primary, fallback } = r;
  const emit = (e: NarrationEvent) => r.emit(e, opts);
  const ms = r.budget(r.options.summaryTimeoutMs, opts.deadline);
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

interface ScenarioState {
  used: string;
  usage?: TokenUsage | undefined;
}

function narrateScenario(
  r: Resilience,
  facts: NarrationFacts,
  summaryText: string,
  opts: NarrationOptions,
): ScenarioStream {
  const state: ScenarioState = { used: r.primary ? r.primary.id : r.fallback.id };
  const generator = scenarioChunks(r, { facts, summaryText, opts }, state);
  return {
    [Symbol.asyncIterator]: () => generator,
    usage: () => state.usage,
    narrator: () => state.used,
  };
}

async function* scenarioChunks(
  r: Resilience,
  input: { facts: NarrationFacts; summaryText: string; opts: NarrationOptions },
  state: ScenarioState,
): AsyncGenerator<ScenarioChunk> {
  const { primary, fallback } = r;
  const { facts, summaryText, opts } = input;
  const emit = (e: NarrationEvent) => r.emit(e, opts);
  const firstMs = r.budget(r.options.firstTokenTimeoutMs, opts.deadline);
  if (!primary || firstMs <= 0) {
    if (primary) emit({ type: 'fallback', stage: 'scenario', reason: 'no time left before the deadline' });
    state.used = fallback.id;
    yield* fallback.scenario(facts, summaryText, opts);
    return;
  }
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const stream = primary.scenario(facts, withoutTrackRecordLine(summaryText, facts.trackRecord, facts.locale), {
    signal: controller.signal,
    ...(opts.deadline ? { deadline: opts.deadline - r.reserve } : {}),
  });
  const iterator = stream[Symbol.asyncIterator]();
  const relay: Relay = { produced: '', ended: 'failed', reason: '' };
  try {
    yield* relayPrimary(r, iterator, firstMs, opts.deadline, relay);
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    if (relay.ended !== 'done') {
      controller.abort();
      void iterator.return?.().catch(() => undefined);
    }
  }
  state.usage = stream.usage();
  if (state.usage) emit({ type: 'usage', usage: state.usage });
  const { produced, reason, code } = relay;
  if (relay.ended === 'done' && produced.trim().length > 0) {
    state.used = stream.narrator();
    return;
  }
  if (produced.trim().length === 0) {
    emit({ type: 'fallback', stage: 'scenario', reason: reason || 'empty response', ...(code ? { code } : {}) });
    state.used = fallback.id;
    yield* fallback.scenario(facts, summaryText, opts);
    return;
  }
  emit({ type: 'cut', reason, ...(code ? { code } : {}) });
  state.used = `${stream.narrator()}+${fallback.id}`;
  yield { delta: cutNotice(facts.locale) };
  yield* fallback.scenario(facts, summaryText, opts);
}

interface Relay {
  produced: string;
  ended: 'done' | 'failed';
  reason: string;
  code?: string;
}

/** Passes the primary's chunks on until it ends, fails, stalls or the deadline comes; `relay` says which. */
async function* relayPrimary(
  r: Resilience,
  iterator: AsyncIterator<ScenarioChunk>,
  firstMs: number,
  deadline: number | undefined,
  relay: Relay,
): AsyncGenerator<ScenarioChunk> {
  let first = true;
  for (;;) {
    const ms = first ? firstMs : r.budget(r.options.idleTimeoutMs, deadline);
    if (ms <= 0) {
      relay.reason = 'deadline reached';
      return;
    }
    const step = await stepWithin(iterator, ms);
    if (step.kind === 'done') {
      relay.ended = 'done';
      return;
    }
    if (step.kind === 'timeout') {
      relay.reason = first ? `no first token within ${ms} ms` : `stream stalled for ${ms} ms`;
      return;
    }
    if (step.kind === 'error') {
      const e = toRiskXpertError(step.error, 'LLM_UNAVAILABLE');
      relay.reason = e.message;
      relay.code = e.code;
      return;
    }
    first = false;
    if (step.value.delta) {
      relay.produced += step.value.delta;
      yield step.value;
    }
  }
}
