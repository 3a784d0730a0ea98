import type { Locale } from '../locale.js';
import { extractNumbers } from '../narrate/grounding.js';
import { explainScenario } from './explain-scenario.js';
import type { ScenarioResult } from './run-scenario.js';

/** An LLM that turns the computed result into prose (an OpenAI-compatible chat model in production). */
export interface ScenarioLlm {
  complete(input: { system: string; user: string; signal: AbortSignal }): Promise<string>;
}

export interface ScenarioNarration {
  text: string;
  source: 'llm' | 'deterministic';
  /** Why the deterministic text was used, when an LLM was configured. */
  fallbackReason?: 'timeout' | 'error' | 'ungrounded' | 'empty';
}

const SYSTEM = {
  ko: '당신은 금융 시나리오 결과를 설명합니다. 주어진 JSON의 숫자만 쓰고, 새 숫자를 만들지 마세요. 투자 권유를 하지 마세요. 5문장 이내 한국어.',
  en: 'You explain a financial scenario result. Use only numbers in the given JSON and text; never invent a number. No investment advice. At most 5 sentences in English.',
};

/** Every number the LLM may write: those of the deterministic text and of the result, as computed. */
function allowedNumbers(r: ScenarioResult, reference: string): number[] {
  const fromResult = [
    r.horizonMonths,
    ...r.shocks.map((s) => s.move),
    ...r.effects.flatMap((e) => [e.low, e.median, e.high, e.uncond.median]),
    ...(r.pnl
      ? [
          r.pnl.totalWon,
          r.pnl.totalPct,
          ...(r.pnl.band ? [r.pnl.band.lowWon, r.pnl.band.highWon] : []),
          ...r.pnl.holdings.flatMap((h) => [h.pnlWon, h.valueWon, h.movePct, h.lowWon, h.highWon]),
        ]
      : []),
  ];
  return [...extractNumbers(reference), ...fromResult, 10, 20, 50, 80, 90].map(Math.abs);
}

/** Numbers in `text` that match nothing computed (1% relative or the last rounding digit), sign ignored. */
export function ungroundedScenarioNumbers(text: string, r: ScenarioResult, reference: string): number[] {
  const allowed = allowedNumbers(r, reference);
  return extractNumbers(text).filter((raw) => {
    const n = Math.abs(raw);
    if (Number.isInteger(n) && n <= 10) return false;
    return !allowed.some((a) => Math.abs(n - a) <= Math.max(0.01 * a, 0.051));
  });
}

/**
 * The LLM's explanation when it answers in time and every number in it is one we computed; otherwise the
 * deterministic ko/en text (also when no LLM is configured).
 */
export async function narrateScenario(
  r: ScenarioResult,
  locale: Locale,
  deps: { llm?: ScenarioLlm; timeoutMs?: number } = {},
): Promise<ScenarioNarration> {
  const reference = explainScenario(r, locale);
  if (!deps.llm) return { text: reference, source: 'deterministic' };
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), deps.timeoutMs ?? 8_000);
  try {
    const text = (
      await deps.llm.complete({
        system: SYSTEM[locale],
        user: `${reference}\n\n${JSON.stringify(r)}`,
        signal: controller.signal,
      })
    ).trim();
    if (!text) return { text: reference, source: 'deterministic', fallbackReason: 'empty' };
    if (ungroundedScenarioNumbers(text, r, reference).length > 0)
      return { text: reference, source: 'deterministic', fallbackReason: 'ungrounded' };
    return { text, source: 'llm' };
  } catch {
    return {
      text: reference,
      source: 'deterministic',
      fallbackReason: controller.signal.aborted ? 'timeout' : 'error',
    };
  } finally {
    clearTimeout(timer);
  }
}
