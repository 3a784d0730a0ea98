import OpenAI from 'openai';
import type { Config } from '../../config.js';

/**
 * The process's OpenAI client, or undefined when the LLM is off. No SDK retries (the narrators retry on their own
 * clock) and a timeout of our choosing: the SDK's default is 10 minutes, far beyond any platform's patience.
 */
export function createOpenAiClient(llm: Config['llm']): OpenAI | undefined {
  if (!llm.enabled) return undefined;
  return new OpenAI({
    apiKey: llm.apiKey,
    ...(llm.baseUrl ? { baseURL: llm.baseUrl } : {}),
    maxRetries: 0,
    timeout: llm.summaryTimeoutMs,
  });
}
