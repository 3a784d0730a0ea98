import type OpenAI from 'openai';
import type { Config } from '../config.js';
import type { CompleteText } from './news-digest.js';

/**
 * The digest's LLM call on the process's OpenAI-compatible client (built in the composition root,
 * src/app/clients/openai.ts); undefined when no LLM is configured.
 */
export function openAiComplete(llm: Config['llm'], client: OpenAI | undefined): CompleteText | undefined {
  if (!llm.enabled || !client) return undefined;
  const model = llm.model;
  return async (system, user, signal) => {
    const res = await client.chat.completions.create(
      {
        model,
        temperature: 0.1,
        max_tokens: 400,
        messages: [
          { role: 'system', content: system },
          { role: 'user', content: user },
        ],
      },
      { signal, maxRetries: 0 },
    );
    return res.choices[0]?.message?.content ?? '';
  };
}
