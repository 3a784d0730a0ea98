/** What each LLM call was for: the console's and /metrics' `feature` (the scenario explanation uses 'scenario'). */
export const LLM_FEATURES = ['summary', 'scenario', 'alert-rewrite', 'explanation'] as const;
export type LlmFeature = (typeof LLM_FEATURES)[number];
