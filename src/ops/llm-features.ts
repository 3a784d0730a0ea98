/** What each LLM call was for: the console's and /metrics' `feature`. 'scenario' is the forecast answer's streamed scenario; explanations of risk plans and scenario-editor results are 'explanation'. */
export const LLM_FEATURES = ['summary', 'scenario', 'alert-rewrite', 'explanation'] as const;
export type LlmFeature = (typeof LLM_FEATURES)[number];
