import type OpenAI from 'openai';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { createDeterministicNarrator } from '../narrate/deterministic-narrator.js';
import { createLlmProbe, type LlmProbe } from '../narrate/llm-probe.js';
import type { Narrator } from '../narrate/narrator.js';
import { createOpenAiNarrator } from '../narrate/openai-narrator.js';
import { createResilientNarrator } from '../narrate/resilient-narrator.js';

/** The narrator of every answer: the LLM when there is a client, always backed by the deterministic ko/en text. */
export function buildNarrator(
  llm: Config['llm'],
  deps: { openai: OpenAI | undefined; metrics: Metrics; logger: Logger },
): { narrator: Narrator; primary?: Narrator; llmProbe?: LlmProbe } {
  const { openai, metrics, logger } = deps;
  const primary =
    openai && llm.enabled
      ? createOpenAiNarrator({
          client: openai,
          model: llm.model,
          timeoutMs: llm.summaryTimeoutMs,
          maxRetries: llm.maxRetries,
        })
      : undefined;
  const llmProbe =
    openai && llm.enabled ? createLlmProbe({ client: openai, timeoutMs: 2_000, intervalMs: 30_000 }) : undefined;
  const narrator = createResilientNarrator({
    ...(primary ? { primary } : {}),
    fallback: createDeterministicNarrator(),
    summaryTimeoutMs: llm.enabled ? llm.summaryTimeoutMs : 0,
    firstTokenTimeoutMs: llm.enabled ? llm.firstTokenTimeoutMs : 0,
    idleTimeoutMs: llm.enabled ? llm.idleTimeoutMs : 0,
    onEvent: (event, { requestId }) => {
      metrics.onNarration(event);
      // Token counts and fallbacks only: never prompt or completion text at info level.
      if (event.type === 'usage')
        logger.info(
          { requestId, promptTokens: event.usage.promptTokens, completionTokens: event.usage.completionTokens },
          'llm usage',
        );
      else
        logger.warn(
          { requestId, stage: event.type === 'cut' ? 'scenario-cut' : event.stage, code: event.code },
          'llm gave way to the deterministic narrator',
        );
    },
  });
  return { narrator, ...(primary ? { primary } : {}), ...(llmProbe ? { llmProbe } : {}) };
}
