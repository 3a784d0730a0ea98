import OpenAI from 'openai';
import { RiskXpertError } from '../errors.js';
import { ungroundedNumbers, leaksSystemPrompt } from './grounding.js';
import type {
  NarrationFacts,
  NarrationOptions,
  Narrator,
  ScenarioChunk,
  ScenarioStream,
  SummaryResult,
  TokenUsage,
} from './narrator.js';
import { PROMPT_VERSION, scenarioMessages, summaryMessages } from './prompts.js';

export interface OpenAiNarratorOptions {
  client: OpenAI;
  model: string;
  temperature?: number;
  maxTokens?: number;
  /** Per-request timeout when no deadline is given. Never the SDK's 10-minute default. */
  timeoutMs: number;
  /** Retries, each only if it still fits before the deadline. */
  maxRetries: number;
}

/** Maps SDK errors onto our codes; LLM failures are always retryable from the user's point of view. */
export function toLlmError(err: unknown): RiskXpertError {
  if (err instanceof RiskXpertError) return err;
  if (err instanceof OpenAI.APIUserAbortError)
    return new RiskXpertError('ABORTED', 'LLM request aborted.', { cause: err });
  if (err instanceof OpenAI.APIConnectionTimeoutError)
    return new RiskXpertError('LLM_TIMEOUT', 'LLM request timed out.', { cause: err });
  if (err instanceof OpenAI.RateLimitError)
    return new RiskXpertError('LLM_RATE_LIMITED', 'LLM rate limit reached (429).', { cause: err });
  if (err instanceof OpenAI.APIError) {
    return new RiskXpertError('LLM_UNAVAILABLE', `LLM error${err.status ? ` ${err.status}` : ''}: ${err.message}`, {
      cause: err,
    });
  }
  if (err instanceof SyntaxError)
    return new RiskXpertError('LLM_BAD_OUTPUT', `LLM sent malformed data: ${err.message}`, { cause: err });
  return new RiskXpertError('LLM_UNAVAILABLE', `LLM failed: ${(err as Error)?.message ?? String(err)}`, { cause: err });
}

function checkOutput(text: string, facts: NarrationFacts): void {
  if (leaksSystemPrompt(text)) throw new RiskXpertError('LLM_BAD_OUTPUT', 'The LLM output repeated the system prompt.');
  const bad = ungroundedNumbers(text, facts);
  if (bad.length > 0) {
    throw new RiskXpertError(
      'LLM_BAD_OUTPUT',
      `The LLM cited numbers that are not in the forecast: ${bad.slice(0, 5).join(', ')}.`,
      { details: { bad } },
    );
  }
}

/** Sentence ends (Korean and English) and paragraph breaks: the unit checked for grounding before it is shown. */
const SENTENCE_END = /([.!?。]\s|\n)/u;

/** The request's timeout and retries, cut to what is left before the answer's deadline. */
function requestOptions(options: OpenAiNarratorOptions, opts: NarrationOptions) {
  const remaining = opts.deadline === undefined ? options.timeoutMs : Math.max(1, opts.deadline - Date.now());
  const timeout = Math.min(options.timeoutMs, remaining);
  // Retry only if a second attempt of the same length still fits before the deadline.
  const maxRetries = remaining >= timeout * 2 ? options.maxRetries : 0;
  return { timeout, maxRetries, ...(opts.signal ? { signal: opts.signal } : {}) };
}

async function summarize(
  options: OpenAiNarratorOptions,
  id: string,
  facts: NarrationFacts,
  opts: NarrationOptions,
): Promise<SummaryResult> {
  try {
    const res = await options.client.chat.completions.create(
      {
        model: options.model,
        messages: summaryMessages(facts),
        temperature: options.temperature ?? 0.3,
        max_tokens: options.maxTokens ?? 300,
      },
      requestOptions(options, opts),
    );
    const text = res.choices[0]?.message?.content?.trim() ?? '';
    if (!text) throw new RiskXpertError('LLM_BAD_OUTPUT', 'The LLM returned an empty summary.');
    checkOutput(text, facts);
    const usage = res.usage
      ? { promptTokens: res.usage.prompt_tokens, completionTokens: res.usage.completion_tokens }
      : undefined;
    return { text, narrator: id, ...(usage ? { usage } : {}) };
  } catch (err) {
    throw toLlmError(err);
  }
}

/**
 * Narration through any OpenAI-compatible chat completions endpoint. The scenario streams sentence by
 * sentence: each sentence is checked for invented numbers and prompt leaks before the user sees it.
 */
export function createOpenAiNarrator(options: OpenAiNarratorOptions): Narrator {
  const id = `openai:${options.model}`;

  return {
    id,
    version: PROMPT_VERSION,
    summary: (facts, opts = {}) => summarize(options, id, facts, opts),

    scenario(facts, summary, opts = {}): ScenarioStream {
      let usage: TokenUsage | undefined;
      async function* run(): AsyncGenerator<ScenarioChunk> {
        let stream;
        try {
          stream = await options.client.chat.completions.create(
            {
              model: options.model,
              messages: scenarioMessages(facts, summary),
              temperature: options.temperature ?? 0.5,
              max_tokens: options.maxTokens ?? 900,
              stream: true,
              stream_options: { include_usage: true },
            },
            // A stream cannot be retried halfway; the resilient narrator finishes it instead.
            requestOptions(options, opts),
          );
        } catch (err) {
          throw toLlmError(err);
        }
        let pending = '';
        try {
          for await (const chunk of stream) {
            if (chunk.usage)
              usage = { promptTokens: chunk.usage.prompt_tokens, completionTokens: chunk.usage.completion_tokens };
            pending += chunk.choices[0]?.delta?.content ?? '';
            for (;;) {
              const m = SENTENCE_END.exec(pending);
              if (!m) break;
              const end = m.index + m[0].length;
              const sentence = pending.slice(0, end);
              pending = pending.slice(end);
              checkOutput(sentence, facts);
              yield { delta: sentence };
            }
          }
        } catch (err) {
          throw toLlmError(err);
        }
        if (pending) {
          checkOutput(pending, facts);
          yield { delta: pending };
        }
      }
      const generator = run();
      return { [Symbol.asyncIterator]: () => generator, usage: () => usage, narrator: () => id };
    },
  };
}
