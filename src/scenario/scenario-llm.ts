import type OpenAI from 'openai';
import { instrumentOpenAi, type LlmUsage } from '../ops/llm-usage.js';
import type { ScenarioLlm } from './scenario-narration.js';

/**
 * The scenario explanation on the process's OpenAI-compatible client (the forecast narrator's), streamed; every call
 * is recorded as feature "scenario" by the LLM usage recorder. No retries: the deterministic text is the fallback.
 */
export function createOpenAiScenarioLlm(options: {
  client: OpenAI;
  model: string;
  usage?: LlmUsage;
  maxTokens?: number;
}): ScenarioLlm {
  const client = options.usage ? instrumentOpenAi(options.client, options.usage, () => 'explanation') : options.client;
  return {
    async *stream({ system, user, signal }) {
      const stream = await client.chat.completions.create(
        {
          model: options.model,
          temperature: 0.2,
          max_tokens: options.maxTokens ?? 700,
          stream: true,
          stream_options: { include_usage: true },
          messages: [
            { role: 'system', content: system },
            { role: 'user', content: user },
          ],
        },
        { signal, maxRetries: 0 },
      );
      for await (const chunk of stream) {
        const delta = chunk.choices[0]?.delta?.content;
        if (delta) yield delta;
      }
    },
  };
}
