import type { Cache } from '../cache/cache.js';
import type { Config } from '../config.js';
import type { Forecaster } from '../forecast/forecaster.js';
import type { LlmProbe } from '../narrate/llm-probe.js';
import type { Narrator } from '../narrate/narrator.js';
import type { RetryingConversationWriter } from '../store/retrying-writer.js';
import type { Store } from '../store/store.js';

export interface ReadinessCheck {
  name: string;
  ok: boolean;
  detail: string;
}

/** What /readyz reports: the cache, the store (with its pending writes), the forecaster, the narrator and the LLM. */
export async function readinessChecks(deps: {
  config: Config;
  cache: Cache;
  store: Store;
  writer: RetryingConversationWriter;
  forecaster: Forecaster;
  primary?: Narrator | undefined;
  llmProbe?: LlmProbe | undefined;
}): Promise<ReadinessCheck[]> {
  const { config, cache, store, writer, forecaster, primary, llmProbe } = deps;
  const [cacheOk, storeOk, llm] = await Promise.all([
    cache.ping().catch(() => false),
    store.ping().catch(() => false),
    llmProbe?.check(),
  ]);
  return [
    { name: 'cache', ok: cacheOk, detail: cache.kind },
    { name: 'store', ok: storeOk, detail: `${store.kind}; ${writer.pending()} write(s) pending` },
    { name: 'forecaster', ok: true, detail: `${forecaster.id} ${forecaster.version}` },
    {
      name: 'narrator',
      ok: true,
      detail: primary
        ? `llm ${config.llm.enabled ? config.llm.model : ''} with deterministic fallback`
        : 'deterministic (fallback active)',
    },
    // Never unready for the LLM: the deterministic narrator answers whenever it is not there.
    ...(llm
      ? [
          {
            name: 'llm',
            ok: true,
            detail: llm.reachable
              ? 'reachable'
              : `unreachable (${llm.reason ?? 'unknown'}), deterministic fallback active`,
          },
        ]
      : []),
  ];
}
