import { CATALOG } from '../src/data/catalog.js';
import type { Config } from '../src/config.js';

const NEEDS: Record<'kis' | 'ecos' | 'fred', string> = {
  kis: 'KIS_APP_KEY and KIS_APP_SECRET (kis)',
  ecos: 'ECOS_API_KEY (ecos)',
  fred: 'fred in ETL_PROVIDERS (no key needed)',
};

/**
 * One line per catalog indicator no enabled source can load, saying what would: a newcomer running `etl run`
 * with no keys sees which indicators came from FRED and which key each of the others waits for.
 */
export function missingSourceHints(config: Config, loadable: ReadonlySet<string>, only?: string): string[] {
  const on = new Set(config.etl.providers);
  const lines: string[] = [];
  for (const indicator of CATALOG) {
    if (loadable.has(indicator.id) || (only && indicator.id !== only)) continue;
    const options = [
      ...new Set(
        indicator.providers.map((p) => (on.has(p.provider) ? NEEDS[p.provider] : `${p.provider} in ETL_PROVIDERS`)),
      ),
    ];
    const csv = config.data.dir
      ? `${indicator.csv[0]?.file ?? `${indicator.id}.csv`} in RISKXPERT_DATA_DIR`
      : 'a CSV in RISKXPERT_DATA_DIR';
    lines.push(
      `· ${indicator.id.padEnd(15)} not loaded: needs ${options.length ? `${options.join(' or ')}, or ${csv}` : `${csv} (no live source)`}`,
    );
  }
  return lines;
}
