import { type AnyBulkWriteOperation, type Collection } from 'mongodb';
import { storeClient, type MongoStoreConnection } from './mongo-client.js';
import { seriesVersion } from '../data/series-version.js';
import { RiskXpertError } from '../errors.js';
import type { Point } from '../data/series.js';
import type { SeriesStatus, SeriesStore, UpsertResult } from './series-store.js';

interface PointDoc {
  _id: string;
  indicatorId: string;
  date: string;
  value: number;
}

interface MetaDoc extends Omit<SeriesStatus, 'indicatorId'> {
  _id: string;
  updatedAt?: Date;
}

// stock:<code> ids have a colon, as the SQLite store allows.
const ID = /^[a-z0-9_:]{1,40}$/u;
function indicator(id: unknown): string {
  if (typeof id !== 'string' || !ID.test(id))
    throw new RiskXpertError('BAD_REQUEST', 'indicatorId must be a catalog id.');
  return id;
}

interface Collections {
  points: Collection<PointDoc>;
  meta: Collection<MetaDoc>;
}

/**
 * Series points in a plain indexed collection, one document per (indicator, date) with a deterministic `_id`,
 * so a retried load upserts the same documents instead of adding rows; metadata (version, last success/error)
 * in a second collection.
 */
export function createMongoSeriesStore(options: MongoStoreConnection): SeriesStore {
  const { client, close: closeClient } = storeClient(options);
  const db = client.db(options.dbName);
  const collections: Collections = { points: db.collection('series_points'), meta: db.collection('series_meta') };
  const { points, meta } = collections;
  let indexed: Promise<unknown> | undefined;

  async function guard<T>(what: string, op: () => Promise<T>): Promise<T> {
    try {
      indexed ??= points.createIndex({ indicatorId: 1, date: 1 }, { name: 'indicator_date', unique: true });
      await indexed;
      return await op();
    } catch (err) {
      indexed = undefined;
      if (err instanceof RiskXpertError) throw err;
      throw new RiskXpertError('STORE_UNAVAILABLE', `MongoDB ${what} failed: ${(err as Error).message}`, {
        cause: err,
      });
    }
  }
  return {
    upsert: (indicatorId, rows, m) =>
      guard('upsert series', async () => writeLoad(collections, indicator(indicatorId), rows, m)),
    read: (indicatorId) =>
      guard('read series', async () => {
        const id = indicator(indicatorId);
        const m = await meta.findOne({ _id: id });
        if (!m?.version) return undefined;
        const all = (await readAll(points, id)).map((d) => ({ date: d.date, value: d.value }));
        if (all.length === 0) return undefined;
        return {
          indicatorId: id,
          points: all,
          version: m.version,
          source: m.source ?? 'etl',
          updatedAt: m.updatedAt ?? new Date(0),
        };
      }),
    recordFailure: (indicatorId, message, at = new Date()) =>
      guard('record failure', async () => {
        await meta.updateOne(
          { _id: indicator(indicatorId) },
          { $set: { lastErrorAt: at, lastError: message.slice(0, 500) }, $setOnInsert: { points: 0 } },
          { upsert: true },
        );
      }),
    status: () =>
      guard('status', async () => {
        const docs = await meta.find({}).toArray();
        return docs.map(({ _id, updatedAt: _u, ...rest }) => ({ indicatorId: _id, ...rest }));
      }),
    close: closeClient,
  };
}

async function readAll(points: Collection<PointDoc>, id: string) {
  return points
    .find({ indicatorId: id }, { projection: { _id: 0, date: 1, value: 1 } })
    .sort({ date: 1 })
    .toArray();
}

/** Every point upserted by its deterministic _id, then the version of the whole stored series. */
async function writeLoad(
  { points, meta }: Collections,
  id: string,
  rows: readonly Point[],
  m: { source: string; at?: Date },
): Promise<UpsertResult> {
  const ops: AnyBulkWriteOperation<PointDoc>[] = rows.map((p) => ({
    updateOne: {
      filter: { _id: `${id}:${p.date}` },
      update: { $set: { indicatorId: id, date: p.date, value: p.value } },
      upsert: true,
    },
  }));
  const res = ops.length ? await points.bulkWrite(ops, { ordered: false }) : undefined;
  const all = (await readAll(points, id)).map((d) => ({ date: d.date, value: d.value }));
  const version = seriesVersion(all);
  const before = await meta.findOne({ _id: id });
  const at = m.at ?? new Date();
  await meta.updateOne(
    { _id: id },
    {
      $set: {
        points: all.length,
        version,
        firstDate: all[0]?.date,
        lastDate: all.at(-1)?.date,
        source: m.source,
        lastSuccessAt: at,
        ...(before?.version === version ? {} : { updatedAt: at }),
      },
    },
    { upsert: true },
  );
  return {
    inserted: res?.upsertedCount ?? 0,
    updated: res?.modifiedCount ?? 0,
    version,
    changed: before?.version !== version,
  };
}
