import type { Locale } from '../locale.js';
import type { QuestionCondition } from './question/read-condition.js';

/** The supposed move, resolved against the data: in % for prices, %p for rates (the scenario engine's units). */
export interface WhatIfShock {
  indicatorId: string;
  move: number;
  unit: '%' | '%p';
}

/** The target's move over the horizon given the shock, beside the same model's unconditional move. */
export interface WhatIfEffect {
  shock: WhatIfShock;
  targetId: string;
  unit: '%' | '%p';
  low: number;
  median: number;
  high: number;
  uncond: { low: number; median: number; high: number };
  /** Last month with data on both indicators: the moves are counted from there. */
  asOf: string;
  horizonMonths: number;
}

export interface WhatIfQuery {
  condition: QuestionCondition;
  targetId: string;
  horizonMonths: number;
  locale: Locale;
  signal?: AbortSignal;
}

/**
 * A what-if answer's computed part. `text` (deterministic sentences in the asker's language) always says something:
 * the effect, or why there is none (no joint data, a move outside sane bounds). The LLM never writes these numbers.
 */
export interface WhatIfAnswer {
  text: string;
  effect?: WhatIfEffect;
}

/** The port the engine asks; src/scenario/what-if-answerer.ts implements it on the joint monthly model. */
export interface WhatIf {
  answer(query: WhatIfQuery): Promise<WhatIfAnswer>;
}
