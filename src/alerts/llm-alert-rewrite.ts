import type OpenAI from 'openai';

const SYSTEM = [
  'You rewrite one-line market alerts so they read naturally, in the same language as the input (Korean or English).',
  'Keep every number, date, unit and sign exactly as written. One line, at most 200 characters. No advice, no new facts.',
].join(' ');

/**
 * The LLM's rewrite of an alert line, for `explainAlert` (which keeps the deterministic line unless this answers in
 * time with every number intact). The line is our own text, never user input.
 */
export function createLlmAlertRewrite(options: {
  client: OpenAI;
  model: string;
}): (line: string, signal: AbortSignal) => Promise<string> {
  return async (line, signal) => {
    const res = await options.client.chat.completions.create(
      {
        model: options.model,
        temperature: 0.2,
        max_tokens: 160,
        messages: [
          { role: 'system', content: SYSTEM },
          { role: 'user', content: line },
        ],
      },
      { signal, maxRetries: 0 },
    );
    return res.choices[0]?.message?.content ?? '';
  };
}
