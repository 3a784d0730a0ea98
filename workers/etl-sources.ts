import { CATALOG } from '../src/data/catalog.js';
import type { Config } from '../src/config.js';
import { createCsvDirectoryRepository } from '../src/data/csv-directory-repository.js';
import type { PointSource } from '../src/data/etl-pass.js';
import type { SeriesRepository } from '../src/data/series.js';
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

function cronFor(config: Config, frequency: 'D' | 'W' | 'M', market: boolean): string {
  if (frequency === 'M') return config.etl.cron.monthly;
  return market ? config.etl.cron.market : config.etl.cron.daily;
}

/**
 * Which source loads which indicator, from the config. Today: a local CSV folder (RISKXPERT_DATA_DIR) for every
 * indicator it has. The FRED, ECOS and KIS providers plug in here as they land.
 */
export async function buildEtlBindings(config: Config): Promise<Record<string, EtlSourceBinding>> {
  const bindings: Record<string, EtlSourceBinding> = {};
  if (config.data.dir) {
    const repo = createCsvDirectoryRepository({ dir: config.data.dir });
    const source = repositoryAsSource('csv', repo);
    for (const id of await repo.available()) {
      const indicator = CATALOG.find((i) => i.id === id)!;
      bindings[id] = { source, symbol: id, cron: cronFor(config, indicator.frequency, indicator.category === 'equity') };
    }
  }
  return bindings;
}
