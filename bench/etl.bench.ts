import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CATALOG } from '../src/data/catalog.js';
import { loadConfig } from '../src/config.js';
import type { Point } from '../src/data/series.js';
import { createMemorySeriesStore } from '../src/store/memory-series-store.js';
import { startEcosServer } from '../test/fakes/ecos-server.js';
import { startFredServer } from '../test/fakes/fred-server.js';
import { startKisServer } from '../test/fakes/kis-server.js';
import { loadIndicator } from '../workers/etl-queue.js';
import { buildEtlBindings } from '../workers/etl-sources.js';

/** Weekdays (or month starts) from `start` to 2026-11-27: the row counts the real providers hold for these series. */
function history(start: string, step: 'D' | 'M', level: number): Point[] {
  const out: Point[] = [];
  const d = new Date(`${start}T00:00:00Z`);
  const end = Date.parse('2026-11-27T00:00:00Z');
  for (let i = 0; d.getTime() <= end; i += 1) {
    if (step === 'M' || (d.getUTCDay() !== 0 && d.getUTCDay() !== 6)) {
      out.push({
        date: d.toISOString().slice(0, 10),
        value: Math.round(level * (1 + 0.1 * Math.sin(i / 40)) * 100) / 100,
      });
    }
    if (step === 'M') d.setUTCMonth(d.getUTCMonth() + 1);
    else d.setUTCDate(d.getUTCDate() + 1);
  }
  return out;
}

const compact = (iso: string, cycle: 'D' | 'M') =>
  cycle === 'D' ? iso.replace(/-/gu, '') : iso.slice(0, 7).replace('-', '');
const ecosRows = (pts: Point[], cycle: 'D' | 'M') =>
  pts.map((p) => ({ time: compact(p.date, cycle), value: p.value.toFixed(2) }));
const fredRows = (pts: Point[]) => pts.map((p) => ({ date: p.date, value: p.value.toFixed(2) }));

/**
 * `npm run bench:etl`: one full ETL pass over the catalog against the FRED, ECOS and KIS stand-ins on loopback
 * (row counts like the real series, the providers' production pacing: KIS 15 req/s, ECOS 5 req/s), then the same
 * pass again (nothing new: the idempotent path, incremental for KIS). Prints time and points per indicator and
 * points per second of the first pass.
 */
export async function run(): Promise<void> {
  const ECOS_KEY = 'BENCHECOSKEY00000000';
  const KIS_KEY = 'PSbenchAPPKEY0000000000000000000000';
  const KIS_SECRET = 'benchSECRET000000000000000000000000000000000000000000000000';
  const kisFrom = new Date(Date.now() - 3_650 * 86_400_000).toISOString().slice(0, 10);
  const [fred, ecos, kis] = await Promise.all([
    startFredServer({
      series: {
        SP500: fredRows(history('2016-11-28', 'D', 4_000)),
        DGS10: fredRows(history('1962-01-02', 'D', 5)),
        DCOILWTICO: fredRows(history('1986-01-02', 'D', 60)),
        DCOILBRENTEU: fredRows(history('1987-05-20', 'D', 65)),
        VIXCLS: fredRows(history('1990-01-02', 'D', 19)),
        DEXKOUS: fredRows(history('1981-04-13', 'D', 1_100)),
      },
    }),
    startEcosServer({
      apiKey: ECOS_KEY,
      series: {
        '731Y001/D/0000001': ecosRows(history('1990-01-02', 'D', 1_100), 'D'),
        '731Y001/D/0000002': ecosRows(history('1990-01-02', 'D', 950), 'D'),
        '731Y001/D/0000003': ecosRows(history('1999-01-04', 'D', 1_400), 'D'),
        '722Y001/M/0101000': ecosRows(history('1999-05-01', 'M', 3), 'M'),
        '817Y002/D/010200000': ecosRows(history('1995-05-02', 'D', 4), 'D'),
        '901Y009/M/0': ecosRows(history('1990-01-01', 'M', 80), 'M'),
        '802Y001/D/0001000': ecosRows(history('1990-01-03', 'D', 1_800), 'D'),
        '802Y001/D/0089000': ecosRows(history('1996-07-01', 'D', 700), 'D'),
      },
    }),
    startKisServer({
      appKey: KIS_KEY,
      appSecret: KIS_SECRET,
      indices: { '0001': history(kisFrom, 'D', 2_500), '1001': history(kisFrom, 'D', 800) },
    }),
  ]);
  const dir = await mkdtemp(join(tmpdir(), 'rx-etl-bench-'));
  await writeFile(
    join(dir, 'gold.csv'),
    `date,value\n${history('1950-01-01', 'M', 900)
      .map((p) => `${p.date},${p.value}`)
      .join('\n')}\n`,
  );
  try {
    const config = loadConfig({
      ETL_PROVIDERS: 'kis,ecos,fred,csv',
      RISKXPERT_DATA_DIR: dir,
      FRED_BASE_URL: fred.url,
      ECOS_API_KEY: ECOS_KEY,
      ECOS_BASE_URL: ecos.url,
      KIS_APP_KEY: KIS_KEY,
      KIS_APP_SECRET: KIS_SECRET,
      KIS_BASE_URL: kis.url,
    });
    const bindings = await buildEtlBindings(config);
    const store = createMemorySeriesStore();
    const ids = CATALOG.map((i) => i.id).filter((id) => bindings[id]);
    console.log(
      `etl: full pass over ${ids.length}/${CATALOG.length} catalog indicators against loopback stand-ins (production pacing), in-memory store`,
    );
    console.log(
      `${'indicator'.padEnd(15)} ${'source'.padEnd(26)} ${'points'.padStart(7)} ${'HTTP'.padStart(5)} ${'1st pass'.padStart(10)} ${'2nd pass'.padStart(10)} ${'points/s'.padStart(9)}`,
    );
    let totalPoints = 0;
    let totalMs = 0;
    let totalMs2 = 0;
    for (const id of ids) {
      const requestsBefore = fred.requests.length + ecos.requests.length + kis.requests.length;
      const t0 = performance.now();
      const r = await loadIndicator({ indicatorId: id, binding: bindings[id]!, store });
      const ms = performance.now() - t0;
      const calls = fred.requests.length + ecos.requests.length + kis.requests.length - requestsBefore;
      const t1 = performance.now();
      const again = await loadIndicator({ indicatorId: id, binding: bindings[id]!, store });
      const ms2 = performance.now() - t1;
      if (again.changed) throw new Error(`${id}: second pass changed the data`);
      totalPoints += r.fetched;
      totalMs += ms;
      totalMs2 += ms2;
      const source = `${r.source}:${bindings[id]!.symbol}`;
      console.log(
        `${id.padEnd(15)} ${source.padEnd(26)} ${String(r.fetched).padStart(7)} ${String(calls).padStart(5)} ${`${ms.toFixed(0)} ms`.padStart(10)} ${`${ms2.toFixed(0)} ms`.padStart(10)} ${(r.fetched / (ms / 1000)).toFixed(0).padStart(9)}`,
      );
    }
    console.log(
      `${'total'.padEnd(15)} ${''.padEnd(26)} ${String(totalPoints).padStart(7)} ${''.padStart(5)} ${`${totalMs.toFixed(0)} ms`.padStart(10)} ${`${totalMs2.toFixed(0)} ms`.padStart(10)} ${(totalPoints / (totalMs / 1000)).toFixed(0).padStart(9)}`,
    );
    console.log('1st pass: KIS pages back 100 rows a call at 15 req/s, so it is bound by pacing, not parsing.');
    console.log(
      '2nd pass: nothing changes; KIS indices reload their last month only (one call); ECOS calls stay 200 ms apart (5 req/s).',
    );
  } finally {
    await Promise.all([fred.close(), ecos.close(), kis.close(), rm(dir, { recursive: true, force: true })]);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run();
}
