import type { AnswerEvent, AnswerOptions, AnswerRequest, Engine } from '../../src/engine/answer-types.js';
import type { ErrorCode } from '../../src/errors.js';
import { sampleAnswer } from './sample-answer.js';

/**
 * How one scripted answer behaves. The shapes mirror what the real engine can do at the adapter boundary:
 * - `replay`: the events, each after `delayMs` (a fast generation, or a cache hit when `cached`);
 * - `llm-hangs`: forecast and chart at once, then the LLM never answers; like the resilient narrator, the
 *   deterministic summary and scenario come `reserveMs` before the deadline (never, without a deadline);
 * - `engine-hangs`: forecast and chart, then nothing, deadline or not (a stuck forecaster or data provider);
 *   only the abort signal ends it;
 * - `error`: one error event, as the engine sends for refusals and failures.
 */
export type Script =
  | { kind: 'replay'; events: AnswerEvent[]; delayMs?: number; cached?: boolean }
  | { kind: 'llm-hangs'; events: AnswerEvent[]; reserveMs?: number }
  | { kind: 'engine-hangs'; events: AnswerEvent[] }
  | { kind: 'error'; code: ErrorCode; message: string; retryable?: boolean; delayMs?: number };

export interface EngineCall {
  request: AnswerRequest;
  options: AnswerOptions;
  startedAt: number;
  /** Set when the caller aborted the answer through `options.signal`. */
  abortedAt?: number;
  finishedAt?: number;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, Math.max(0, ms));
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** A real Engine that answers from scripts chosen per request; it records every call for the test to inspect. */
export function createScriptedEngine(pick: (request: AnswerRequest) => Script): Engine & { calls: EngineCall[] } {
  const calls: EngineCall[] = [];
  async function* answer(request: AnswerRequest, options: AnswerOptions = {}): AsyncGenerator<AnswerEvent> {
    const call: EngineCall = { request, options, startedAt: Date.now() };
    calls.push(call);
    const { signal } = options;
    signal?.addEventListener('abort', () => (call.abortedAt = Date.now()), { once: true });
    const script = pick(request);
    try {
      if (script.kind === 'error') {
        await sleep(script.delayMs ?? 0, signal);
        yield { type: 'error', code: script.code, message: script.message, retryable: script.retryable ?? false };
        return;
      }
      const head = script.events.filter((e) => e.type === 'forecast' || e.type === 'chart');
      const tail = script.events.filter((e) => e.type !== 'forecast' && e.type !== 'chart');
      if (script.kind === 'replay') {
        for (const event of script.events) {
          await sleep(script.delayMs ?? 0, signal);
          if (signal?.aborted) return;
          yield event.type === 'done' ? { ...event, cached: script.cached ?? false } : event;
        }
        return;
      }
      for (const event of head) yield event;
      if (script.kind === 'engine-hangs' || options.deadline === undefined) {
        // Never returns on its own: exactly the case an adapter must not wait on forever.
        await new Promise<void>((resolve) => signal?.addEventListener('abort', () => resolve(), { once: true }));
        return;
      }
      await sleep(options.deadline - (script.reserveMs ?? 1_500) - Date.now(), signal);
      if (signal?.aborted) return;
      for (const event of tail) {
        if (event.type === 'summary') yield { ...event, narrator: 'deterministic' };
        else if (event.type === 'done') yield { ...event, narrator: 'deterministic', cached: false };
        else yield event;
      }
    } finally {
      call.finishedAt = Date.now();
    }
  }
  return { answer, calls };
}

/** Korean sentences of a realistic scenario, about `chars` characters long, ending at a sentence end. */
export function scenarioText(chars: number): string {
  const sentences = [
    '기본 시나리오에서는 금리 인하 기대가 이어지며 지수가 완만하게 오를 가능성이 큽니다. ',
    '다만 환율이 다시 오르면 외국인 자금이 빠져나가 상승 폭이 줄어들 수 있어요. ',
    '하방 시나리오는 수출 둔화가 확인되는 경우로, 80% 예측구간의 아래쪽 끝에 가까워질 수 있습니다. ',
    '상방 시나리오는 반도체 업황 회복이 예상보다 빠를 때이며, 이 경우 구간의 위쪽을 시험할 수 있어요. ',
    '어느 경우든 예측은 확률적인 범위일 뿐 투자 권유가 아니라는 점을 기억해 주세요.\n\n',
  ];
  let text = '';
  for (let i = 0; Array.from(text).length < chars; i += 1) text += sentences[i % sentences.length]!;
  return text.trim();
}

/**
 * A whole answer in engine order (forecast, real chart PNG, summary, scenario in small deltas, done), built on
 * the project's sample answer, with a scenario of about `scenarioChars` characters.
 */
export async function scriptedEvents(
  options: { horizonMonths?: number; scenarioChars?: number; summary?: string } = {},
): Promise<AnswerEvent[]> {
  const base = await sampleAnswer({ horizonMonths: options.horizonMonths ?? 6, deltas: 0 });
  const forecast = base.find((e) => e.type === 'forecast')!;
  const chart = base.find((e) => e.type === 'chart')!;
  const done = base.find((e) => e.type === 'done')!;
  const scenario = scenarioText(options.scenarioChars ?? 600);
  const chunks = scenario.match(/[\s\S]{1,40}/gu) ?? [];
  return [
    forecast,
    chart,
    {
      type: 'summary',
      text: options.summary ?? '코스피는 6개월 뒤 2,650 안팎이 중앙값이고, 80% 구간은 2,400~2,900입니다.',
      narrator: 'openai:gpt',
    },
    ...chunks.map((text): AnswerEvent => ({ type: 'scenario-delta', text })),
    done,
  ];
}

/** The scenario text an event list carries. */
export function scenarioOf(events: AnswerEvent[]): string {
  return events.map((e) => (e.type === 'scenario-delta' ? e.text : '')).join('');
}
