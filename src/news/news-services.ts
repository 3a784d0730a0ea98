import { createOutboundUrlGuard, type OutboundUrlGuard } from '../net/outbound-url-guard.js';
import { createHostPacer, type HostPacer } from './host-pacer.js';
import { createIndicatorTagger, type IndicatorTagger } from './indicator-tagger.js';
import { newsAllowedHosts, type NewsConfig } from './news-config.js';
import { ingestNews, type IngestReport } from './news-ingest.js';
import type { NewsStore } from './news-store.js';

export interface NewsServices {
  config: NewsConfig;
  store: NewsStore;
  tagger: IndicatorTagger;
  fetchAll(): Promise<IngestReport>;
  close(): Promise<void>;
}

/**
 * Everything a fetch needs, built from explicit parts. The guard allows exactly the configured feed hosts (plain
 * http too: many Korean publishers still serve RSS over http) and only public addresses; tests widen it to one
 * loopback address with `permitAddress`.
 */
export function createNewsServices(deps: {
  config: NewsConfig;
  store: NewsStore;
  now?: () => Date;
  permitAddress?: (address: string) => boolean;
  naverBase?: string;
  guard?: OutboundUrlGuard;
  pacer?: HostPacer;
}): NewsServices {
  const now = deps.now ?? (() => new Date());
  const guard =
    deps.guard ??
    createOutboundUrlGuard({
      allowedHosts: newsAllowedHosts(deps.config),
      allowHttp: true,
      timeoutMs: deps.config.feedTimeoutMs,
      ...(deps.permitAddress ? { permitAddress: deps.permitAddress } : {}),
    });
  const pacer = deps.pacer ?? createHostPacer(deps.config.hostGapMs);
  const tagger = createIndicatorTagger();
  return {
    config: deps.config,
    store: deps.store,
    tagger,
    fetchAll: () =>
      ingestNews({
        guard,
        pacer,
        store: deps.store,
        tagger,
        config: deps.config,
        now,
        ...(deps.naverBase ? { naverBase: deps.naverBase } : {}),
      }),
    async close() {
      await pacer.stop();
      if (!deps.guard) await guard.close();
    },
  };
}
