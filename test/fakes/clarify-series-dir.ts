import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A data folder with monthly CSVs for a few indicators (the `<id>.csv` convention), so an ambiguous question
 * ("금리 전망") has candidates with data to offer. Ends 2026-06; returns the folder and its remover.
 */
export async function writeClarifySeriesDir(
  ids: readonly string[] = ['kr_base_rate', 'us10y'],
): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'rx-clarify-'));
  const rows = Array.from({ length: 60 }, (_, i) => {
    const y = 2021 + Math.floor((i + 6) / 12);
    const m = ((i + 6) % 12) + 1;
    return `${y}-${String(m).padStart(2, '0')}-01,${(3 + Math.sin(i / 6)).toFixed(3)}`;
  });
  for (const id of ids) await writeFile(join(dir, `${id}.csv`), `date,value\n${rows.join('\n')}\n`);
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
