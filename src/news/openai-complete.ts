import OpenAI from 'openai';
import type { Config } from '../config.js';
import type { CompleteText } from './news-digest.js';

/** The digest's LLM call on the configured OpenAI-compatible endpoint; undefined when no LLM is configured. */
export function openAiComplete(llm: Config['llm'], client?: OpenAI): CompleteText | undefined {
  if (!llm.enabled) return undefined;
  const c = client ?? new OpenAI({ apiKey: llm.apiKey, ...(llm.baseUrl ? { baseURL: llm.baseUrl } : {}), maxRetries: 0, timeout: llm.summaryTimeoutMs });
  return async (system, user, signal) => {
    const res = await c.chat.completions.create(
      { model: llm.model, temperature: 0.1, max_tokens: 400, messages: [{ role: 'system', content: system }, { role: 'user', content: user }] },
      { signal, maxRetries: 0 },
    );
    return res.choices[0]?.message?.content ?? '';
  };
}
