import type OpenAI from 'openai';
import type { Config } from '../config.js';
import type { SeriesRepository } from '../data/series.js';
import { createLlmRiskRewrite } from '../risk/risk-explainer.js';
import { createRiskServices, riskHistory, type RiskServices } from '../risk/risk-services.js';
import type { SimServices } from '../sim/sim-services.js';
import type { SeriesStore } from '../store/series-store.js';

/** Portfolio risk on the process's series and paper accounts; the LLM rewrites its text only when it is on. */
export function buildRisk(
  config: Config,
  deps: { series: SeriesRepository; seriesStore: SeriesStore; sim: SimServices; openai?: OpenAI | undefined },
): RiskServices {
  const { series, seriesStore, sim, openai } = deps;
  return createRiskServices(config, {
    history: riskHistory(config, { series, seriesStore }),
    portfolio: (userId) => sim.trading.portfolio(userId),
    trader: sim.trading,
    ...(openai && config.llm.enabled
      ? { rewrite: createLlmRiskRewrite({ client: openai, model: config.llm.model }) }
      : {}),
  });
}
