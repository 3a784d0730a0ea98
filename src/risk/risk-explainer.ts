import type OpenAI from 'openai';
import type { Locale } from '../locale.js';
import type { RiskAnalysis } from './risk-analysis.js';
import { riskText, ungroundedRiskNumbers } from './risk-text.js';

/** The LLM's plain-language rewrite of our deterministic text (our own text, never user input). */
export type RiskRewrite = (text: string, locale: Locale, signal: AbortSignal) => Promise<string>;

const SYSTEM = [
  'You explain a portfolio risk report to a retail investor in plain language, in the language of the input (Korean or English).',
  'Use only the numbers in the input, exactly as written; add no number, no forecast, no advice. Keep the note that it is education, not advice.',
  'At most 8 short sentences.',
].join(' ');

export function createLlmRiskRewrite(options: { client: OpenAI; model: string }): RiskRewrite {
  return async (text, _locale, signal) => {
    const res = await options.client.chat.completions.create(
      {
        model: options.model,
        temperature: 0.2,
        max_tokens: 600,
        messages: [
          { role: 'system', content: SYSTEM },
          { role: 'user', content: text },
        ],
      },
      { signal, maxRetries: 0 },
    );
    return res.choices[0]?.message?.content ?? '';
  };
}

export interface RiskExplanation {
  text: string;
  source: 'llm' | 'deterministic';
  /** Why the LLM text was not used: 'absent', 'error', 'timeout', 'ungrounded' (with the numbers), 'empty'. */
  fallback?: { reason: 'absent' | 'error' | 'timeout' | 'ungrounded' | 'empty'; numbers?: number[] };
}

/**
 * The LLM's explanation when it answers in time and every number in it is one the analysis holds; otherwise the
 * deterministic text, so the answer always arrives and never carries a number we did not compute.
 */
export async function explainRisk(
  analysis: RiskAnalysis,
  locale: Locale,
  options: { rewrite?: RiskRewrite; timeoutMs?: number } = {},
): Promise<RiskExplanation> {
  const base = riskText(analysis, locale);
  if (!options.rewrite) return { text: base, source: 'deterministic', fallback: { reason: 'absent' } };
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 8_000);
  try {
    const text = (await options.rewrite(base, locale, controller.signal)).trim();
    if (text === '') return { text: base, source: 'deterministic', fallback: { reason: 'empty' } };
    const numbers = ungroundedRiskNumbers(text, analysis);
    if (numbers.length > 0) return { text: base, source: 'deterministic', fallback: { reason: 'ungrounded', numbers } };
    return { text, source: 'llm' };
  } catch {
    return {
      text: base,
      source: 'deterministic',
      fallback: { reason: controller.signal.aborted ? 'timeout' : 'error' },
    };
  } finally {
    clearTimeout(timer);
  }
}
