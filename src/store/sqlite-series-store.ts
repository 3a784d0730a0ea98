import { seriesVersion } from '../data/series-version.js';
import type { Point } from '../data/series.js';
import { RiskXpertError } from '../errors.js';
import type { SqliteDatabase } from './sqlite-database.js';
import type { SeriesStatus, SeriesStore, UpsertResult } from './series-store.js';

interface MetaRow {
  indicator_id: string;
  points: number;
  version: string | null;
  first_date: string | null;
  last_date: string | null;
  source: string | null;
  last_success_at: number | null;
  last_error_at: number | null;
  last_error: string | null;
  updated_at: number | null;
}

const ID = /^[a-z0-9_:]{1,40}$/u;
function indicator(id: unknown): string {
  if (typeof id !== 'string' || !ID.test(id))
    throw new RiskXpertError('BAD_REQUEST', 'indicatorId must be a catalog id.');
  return id;
}

function toStatus(r: MetaRow): SeriesStatus {
  return {
    indicatorId: r.indicator_id,
    points: r.points,
    ...(r.version === null ? {} : { version: r.version }),
    ...(r.first_date === null ? {} : { firstDate: r.first_date }),
    ...(r.last_date === null ? {} : { lastDate: r.last_date }),
    ...(r.source === null ? {} : { source: r.source }),
    ...(r.last_success_at === null ? {} : { lastSuccessAt: new Date(r.last_success_at) }),
    ...(r.last_error_at === null ? {} : { lastErrorAt: new Date(r.last_error_at) }),
    ...(r.last_error === null ? {} : { lastError: r.last_error }),
  };
}

function prepareStatements(db: SqliteDatabase['db']) {
  const upsertPoint = db.prepare(
    'INSERT INTO series_points (indicator_id, date, value) VALUES (?, ?, ?) ON CONFLICT (indicator_id, date) DO UPDATE SET value = excluded.value',
  );
  const readPoints = db.prepare('SELECT date, value FROM series_points WHERE indicator_id = ? ORDER BY date');
  const readPairs = db.prepare('SELECT date, value FROM series_points WHERE indicator_id = ? ORDER BY date').raw();
  const getMeta = db.prepare('SELECT * FROM series_meta WHERE indicator_id = ?');
  const putMeta = db.prepare(
    `INSERT INTO series_meta (indicator_id, points, version, first_date, last_date, source, last_success_at, updated_at)
     VALUES (@id, @points, @version, @firstDate, @lastDate, @source, @at, @at)
     ON CONFLICT (indicator_id) DO UPDATE SET points = excluded.points, version = excluded.version, first_date = excluded.first_date,
       last_date = excluded.last_date, source = excluded.source, last_success_at = excluded.last_success_at,
       updated_at = CASE WHEN series_meta.version IS excluded.version THEN series_meta.updated_at ELSE excluded.updated_at END`,
  );
  const putFailure = db.prepare(
    `INSERT INTO series_meta (indicator_id, points, last_error_at, last_error) VALUES (?, 0, ?, ?)
     ON CONFLICT (indicator_id) DO UPDATE SET last_error_at = excluded.last_error_at, last_error = excluded.last_error`,
  );
  const allMeta = db.prepare('SELECT * FROM series_meta ORDER BY indicator_id');
  return { upsertPoint, readPoints, readPairs, getMeta, putMeta, allMeta, putFailure };
}

type Statements = ReturnType<typeof prepareStatements>;

/**
 * Indicator history in the embedded database: one row per (indicator, date), the primary key, so a load retried
 * after a crash writes the same rows again, and a read is one range scan already in date order. A load is one
 * transaction: other processes see the old series or the new one, never half of it.
 */
export function createSqliteSeriesStore(
  database: SqliteDatabase,
  options: { ownsDatabase?: boolean } = {},
): SeriesStore {
  const { db } = database;
  const st = prepareStatements(db);
  const { readPoints, getMeta, putFailure, allMeta } = st;
  return {
    async upsert(indicatorId, rows, m) {
      const id = indicator(indicatorId);
      const at = (m.at ?? new Date()).getTime();
      return database.write('upsert series', () => writeLoad(st, id, rows, m.source, at));
    },
    async read(indicatorId) {
      const id = indicator(indicatorId);
      return database.read('read series', () => {
        // One read transaction, so the points and the version belong to the same load.
        return db
          .transaction(() => {
            const m = getMeta.get(id) as MetaRow | undefined;
            if (!m?.version) return undefined;
            const points = readPoints.all(id) as Point[];
            if (points.length === 0) return undefined;
            return {
              indicatorId: id,
              points,
              version: m.version,
              source: m.source ?? 'etl',
              updatedAt: new Date(m.updated_at ?? 0),
            };
          })
          .deferred();
      });
    },
    async recordFailure(indicatorId, message, at = new Date()) {
      const id = indicator(indicatorId);
      await database.write('record failure', () => putFailure.run(id, at.getTime(), String(message).slice(0, 500)));
    },
    async status() {
      return database.read('status', () => (allMeta.all() as MetaRow[]).map(toStatus));
    },
    async close() {
      if (options.ownsDatabase) database.close();
    },
  };
}

/** Runs inside the write transaction. */
function writeLoad(st: Statements, id: string, rows: readonly Point[], source: string, at: number): UpsertResult {
  const { upsertPoint, readPoints, readPairs, getMeta, putMeta } = st;
  // One range scan for what is stored, then writes only for new or changed days: a daily reload of a long
  // series that changed in its last row writes one row.
  const stored = new Map(readPairs.all(id) as [string, number][]);
  let inserted = 0;
  let updated = 0;
  for (const p of rows) {
    const old = stored.get(p.date);
    if (old === undefined) inserted += 1;
    else if (old !== p.value) updated += 1;
    else continue;
    stored.set(p.date, p.value);
    upsertPoint.run(id, p.date, p.value);
  }
  const before = getMeta.get(id) as MetaRow | undefined;
  if (inserted === 0 && updated === 0 && before?.version && before.points === stored.size) {
    // The same data again (the daily reload's usual case): same rows, same version; only the success time moves.
    putMeta.run({
      id,
      points: before.points,
      version: before.version,
      firstDate: before.first_date,
      lastDate: before.last_date,
      source,
      at,
    });
    return { inserted, updated, version: before.version, changed: false };
  }
  const all = readPoints.all(id) as Point[];
  const version = seriesVersion(all);
  putMeta.run({
    id,
    points: all.length,
    version,
    firstDate: all[0]?.date ?? null,
    lastDate: all.at(-1)?.date ?? null,
    source,
    at,
  });
  return { inserted, updated, version, changed: before?.version !== version };
}
