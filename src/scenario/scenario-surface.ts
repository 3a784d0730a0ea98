import type { Locale } from '../locale.js';
import type { ScenarioResult } from './run-scenario.js';
import type { ScenarioNarrationStream } from './scenario-narration.js';
import type { ScenarioService } from './scenario-service.js';
import type { Holding } from './stress-pnl.js';

/** What every surface (chat commands, web routes) needs of scenarios; built once per runtime by scenario-runtime.ts. */
export interface ScenarioSurface {
  service: ScenarioService;
  /** The user's paper portfolio as holdings (empty when they hold nothing yet). */
  paperHoldings(userId: string): Promise<Holding[]>;
  /** The explanation of a result, streamed: the LLM's when there is one and it stays grounded, else ours, whole. */
  explain(result: ScenarioResult, locale: Locale): ScenarioNarrationStream;
}
