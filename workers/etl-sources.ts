import { CATALOG, type Indicator } from '../src/data/catalog.js';
import type { Config } from '../src/config.js';
import { createCsvDirectoryRepository } from '../src/data/csv-directory-repository.js';
import type { PointSource, SourceRef } from '../src/data/etl-pass.js';
import { createEcosProvider } from '../src/data/providers/ecos-provider.js';
import { createFredProvider } from '../src/data/providers/fred-provider.js';
import type { FetchLike } from '../src/data/providers/http.js';
import { createKisProvider, KIS_BASE_URLS } from '../src/data/providers/kis-provider.js';
import { createMemoryKisTokenStore, type KisTokenStore } from '../src/data/providers/kis-token-store.js';
import type { Pacer } from '../src/data/providers/redis-pacer.js';
import type { SeriesRepository } from '../src/data/series.js';
import { stockCodeOf } from '../src/data/stock-instruments.js';
import type { EtlSourceBinding } from './etl-queue.js';

/** A series repository (e.g. a CSV folder) seen as an ETL source: the symbol is the indicator id. */
export function repositoryAsSource(id: string, repo: SeriesRepository): PointSource {
  return {
    id,
    async fetch(request, options) {
      return (await repo.get(request.symbol, options?.signal ? { signal: options.signal } : {})).points;
    },
  };
}

function cronFor(config: Config, indicator: Pick<Indicator, 'frequency' | 'market'>): string {
  if (indicator.frequency === 'M') return config.etl.cron.monthly;
  return indicator.market === 'KRX' ? config.etl.cron.market : config.etl.cron.daily;
}

export interface EtlSourceDeps {
  /** Where KIS tokens are shared; pass the Redis one wherever more than one process runs. Default: this process. */
  kisTokenStore?: KisTokenStore;
  /** KIS's per-second budget, shared the same way. Default: paced within this process only. */
  kisPacer?: Pacer;
  fetch?: FetchLike;
  /** Overrides every provider's own defaults (tests and benchmarks against stand-ins). */
  tuning?: {
    retries?: number;
    minBackoffMs?: number;
    maxBackoffMs?: number;
    timeoutMs?: number;
    requestsPerSecond?: number;
  };
}

/** The live providers the config enables: FRED needs no key, ECOS and KIS only run with theirs. */
export function buildProviders(config: Config, deps: EtlSourceDeps = {}): Map<'kis' | 'ecos' | 'fred', PointSource> {
  const on = new Set(config.etl.providers);
  const { baseUrls } = config.etl;
  const fetch = { ...(deps.fetch ? { fetch: deps.fetch } : {}), ...deps.tuning };
  const { requestsPerSecond: _rps, ...fredTuning } = fetch;
  const providers = new Map<'kis' | 'ecos' | 'fred', PointSource>();
  if (on.has('fred')) {
    providers.set(
      'fred',
      createFredProvider({
        ...fredTuning,
        ...(config.etl.fredApiKey ? { apiKey: config.etl.fredApiKey } : {}),
        ...(baseUrls.fred ? { baseUrl: baseUrls.fred } : {}),
        ...(baseUrls.fredApi ? { apiBaseUrl: baseUrls.fredApi } : {}),
      }),
    );
  }
  if (on.has('ecos') && config.etl.ecosApiKey) {
    providers.set(
      'ecos',
      createEcosProvider({
        ...fetch,
        apiKey: config.etl.ecosApiKey,
        ...(baseUrls.ecos ? { baseUrl: baseUrls.ecos } : {}),
      }),
    );
  }
  if (on.has('kis') && config.etl.kis) {
    providers.set(
      'kis',
      createKisProvider({
        ...fetch,
        baseUrl: baseUrls.kis ?? KIS_BASE_URLS[config.etl.kis.env],
        appKey: config.etl.kis.appKey,
        appSecret: config.etl.kis.appSecret,
        tokenStore: deps.kisTokenStore ?? createMemoryKisTokenStore(),
        ...(deps.kisPacer ? { limiter: deps.kisPacer } : {}),
      }),
    );
  }
  return providers;
}

/** What the ETL can load: the catalog's scheduled bindings, and on-demand ids (stocks) resolved when asked for. */
export interface EtlSources {
  /** One per catalog indicator that some enabled source has: what gets a cron schedule and what `etl run` loads. */
  bindings: Record<string, EtlSourceBinding>;
  /** A binding for an id outside `bindings` that can still be loaded on demand (`stock:<code>` via KIS). */
  resolve(id: string): EtlSourceBinding | undefined;
}

/** The catalog's scheduled bindings only (see buildEtlSources). */
export async function buildEtlBindings(
  config: Config,
  deps: EtlSourceDeps = {},
): Promise<Record<string, EtlSourceBinding>> {
  return (await buildEtlSources(config, deps)).bindings;
}

/**
 * Which sources load which indicator: the catalog's providers in order (those the config enables), then the
 * CSV folder (RISKXPERT_DATA_DIR) for the indicators it has, as the offline last resort. Paper-trading stocks
 * (`stock:<code>`, any valid 6-digit KRX code) load from KIS when an order asks for them, so they cannot be
 * listed up front: `resolve` answers them.
 */
export async function buildEtlSources(config: Config, deps: EtlSourceDeps = {}): Promise<EtlSources> {
  const providers = buildProviders(config, deps);
  let csv: { source: PointSource; ids: Set<string> } | undefined;
  if (config.etl.providers.includes('csv') && config.data.dir) {
    const repo = createCsvDirectoryRepository({ dir: config.data.dir });
    csv = { source: repositoryAsSource('csv', repo), ids: new Set(await repo.available()) };
  }
  const bindings: Record<string, EtlSourceBinding> = {};
  for (const indicator of CATALOG) {
    const chain: SourceRef[] = indicator.providers.flatMap((p) => {
      const source = providers.get(p.provider);
      return source ? [{ source, symbol: p.symbol }] : [];
    });
    if (csv?.ids.has(indicator.id)) chain.push({ source: csv.source, symbol: indicator.id });
    const [primary, ...fallbacks] = chain;
    if (!primary) continue;
    const kisIndex = primary.source.id === 'kis' && /^\d{4}$/u.test(primary.symbol);
    bindings[indicator.id] = {
      ...primary,
      // KIS pages back 100 rows a call at ~15 calls/s and index closes are never revised: after the first full
      // load, fetch the last month only. (Stock prices are adjusted for splits, so stocks reload in full.)
      ...(kisIndex ? { incrementalDays: 31 } : {}),
      ...(fallbacks.length ? { fallbacks } : {}),
      ...(indicator.market ? { market: indicator.market } : {}),
      cron: cronFor(config, indicator),
    };
  }
  const kis = providers.get('kis');
  const cron = config.etl.cron.market;
  return {
    bindings,
    resolve(id) {
      const code = kis && !Object.hasOwn(bindings, id) ? stockCodeOf(id) : undefined;
      return kis && code ? { source: kis, symbol: code, market: 'KRX', cron } : undefined;
    },
  };
}
