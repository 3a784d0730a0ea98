import type { Collection, Db } from 'mongodb';
import type { ScenarioSpec } from '../scenario/scenario-schema.js';
import { guardMongo, storeClient, type MongoStoreConnection } from './mongo-client.js';
import {
  requireVersion,
  scenarioForbidden,
  scenarioNotFound,
  type ScenarioRecord,
  type ScenarioResultRecord,
  type ScenarioStore,
  type ScenarioVersion,
} from './scenario-store.js';
import { requireId } from './store-input.js';

interface ScenarioDoc {
  _id: string;
  ownerId: string;
  shared: boolean;
  version: number;
  spec: ScenarioSpec;
  createdAt: Date;
  updatedAt: Date;
  deletedAt?: Date;
}
type VersionDoc = ScenarioVersion & { _id: string };
type ResultDoc = Omit<ScenarioResultRecord, 'id'> & { _id: string };

interface Collections {
  scenarios: Collection<ScenarioDoc>;
  versions: Collection<VersionDoc>;
  results: Collection<ResultDoc>;
  maxTimeMS: number;
}

const toRecord = ({ _id, deletedAt: _d, ...rest }: ScenarioDoc): ScenarioRecord => ({ id: _id, ...rest });
const toVersion = ({ _id: _i, ...rest }: VersionDoc): ScenarioVersion => rest;

/**
 * `scenarios` (latest version inline), `scenario_versions` (_id "id:version", never rewritten) and
 * `scenario_results`. An edit is one conditional $inc on the owner's live scenario, so two racing edits get two
 * versions; only plain strings (requireId) reach a filter.
 */
export function createMongoScenarioStore(options: MongoStoreConnection & { maxTimeMs?: number }): ScenarioStore {
  const { client, close } = storeClient(options);
  const db: Db = client.db(options.dbName);
  const collections: Collections = {
    scenarios: db.collection('scenarios'),
    versions: db.collection('scenario_versions'),
    results: db.collection('scenario_results'),
    maxTimeMS: options.maxTimeMs ?? 5_000,
  };
  const { scenarios, results } = collections;
  return {
    init: () =>
      guardMongo('init scenario store', async () => {
        await scenarios.createIndex({ ownerId: 1, updatedAt: -1 });
        await scenarios.createIndex({ shared: 1, updatedAt: -1 });
        await results.createIndex({ scenarioId: 1, createdAt: 1 });
        // removeByUser (the operator console's erase).
        await results.createIndex({ userId: 1 });
      }),
    ...scenarioWrites(collections),
    ...scenarioReads(collections),
    close,
  };
}

function scenarioWrites({
  scenarios,
  versions,
  results,
  maxTimeMS,
}: Collections): Pick<ScenarioStore, 'create' | 'update' | 'remove' | 'saveResult' | 'removeByUser'> {
  return {
    create: ({ id, ownerId, shared, spec, now }) =>
      guardMongo('create scenario', async () => {
        const doc: ScenarioDoc = {
          _id: requireId(id, 'id'),
          ownerId: requireId(ownerId, 'ownerId'),
          shared,
          version: 1,
          spec,
          createdAt: now,
          updatedAt: now,
        };
        await versions.insertOne({ _id: `${id}:1`, scenarioId: id, version: 1, spec, createdAt: now });
        await scenarios.insertOne(doc);
        return toRecord(doc);
      }),
    update: (id, ownerId, spec, now) =>
      guardMongo('update scenario', async () => {
        const after = await scenarios.findOneAndUpdate(
          { _id: requireId(id, 'id'), ownerId: requireId(ownerId, 'ownerId'), deletedAt: { $exists: false } },
          { $inc: { version: 1 }, $set: { spec, updatedAt: now } },
          { returnDocument: 'after', maxTimeMS },
        );
        if (!after) {
          const doc = await scenarios.findOne({ _id: id }, { maxTimeMS });
          throw !doc || doc.deletedAt ? scenarioNotFound(id) : scenarioForbidden(id);
        }
        await versions.insertOne({
          _id: `${id}:${after.version}`,
          scenarioId: id,
          version: after.version,
          spec,
          createdAt: now,
        });
        return toRecord(after);
      }),
    remove: (id, ownerId, now) =>
      guardMongo('remove scenario', async () => {
        const doc = await scenarios.findOne({ _id: requireId(id, 'id') }, { maxTimeMS });
        if (!doc || doc.deletedAt) return false;
        if (doc.ownerId !== requireId(ownerId, 'ownerId')) throw scenarioForbidden(id);
        const r = await scenarios.updateOne({ _id: id, deletedAt: { $exists: false } }, { $set: { deletedAt: now } });
        return r.modifiedCount === 1;
      }),
    saveResult: (r) =>
      guardMongo('save scenario result', async () => {
        const { id, ...rest } = r;
        await results.insertOne({
          _id: requireId(id, 'id'),
          ...rest,
          scenarioId: requireId(r.scenarioId, 'scenarioId'),
          version: requireVersion(r.version),
        });
      }),
    removeByUser: (userId) =>
      guardMongo('erase a user’s scenarios', async () => {
        const ownerId = requireId(userId, 'userId');
        const owned = (await scenarios.find({ ownerId }, { projection: { _id: 1 }, maxTimeMS }).toArray()).map(
          (d) => d._id,
        );
        const r = await results.deleteMany({ $or: [{ scenarioId: { $in: owned } }, { userId: ownerId }] });
        await versions.deleteMany({ scenarioId: { $in: owned } });
        const s = await scenarios.deleteMany({ ownerId });
        return { scenarios: s.deletedCount, results: r.deletedCount };
      }),
  };
}

function scenarioReads({
  scenarios,
  versions,
  results,
  maxTimeMS,
}: Collections): Pick<ScenarioStore, 'get' | 'getVersion' | 'versions' | 'list' | 'listResults'> {
  return {
    get: (id) =>
      guardMongo('get scenario', async () => {
        const doc = await scenarios.findOne({ _id: requireId(id, 'id'), deletedAt: { $exists: false } }, { maxTimeMS });
        return doc ? toRecord(doc) : undefined;
      }),
    getVersion: (id, version) =>
      guardMongo('get scenario version', async () => {
        const doc = await versions.findOne({ _id: `${requireId(id, 'id')}:${requireVersion(version)}` }, { maxTimeMS });
        return doc ? toVersion(doc) : undefined;
      }),
    versions: (id) =>
      guardMongo('list scenario versions', async () =>
        (
          await versions
            .find({ scenarioId: requireId(id, 'id') }, { maxTimeMS })
            .sort({ version: 1 })
            .toArray()
        ).map(toVersion),
      ),
    list: (userId) =>
      guardMongo('list scenarios', async () => {
        const docs = await scenarios
          .find(
            { deletedAt: { $exists: false }, $or: [{ ownerId: requireId(userId, 'userId') }, { shared: true }] },
            { maxTimeMS },
          )
          .sort({ updatedAt: -1, _id: 1 })
          .toArray();
        return docs.map(toRecord);
      }),
    listResults: (scenarioId) =>
      guardMongo('list scenario results', async () =>
        (
          await results
            .find({ scenarioId: requireId(scenarioId, 'scenarioId') }, { maxTimeMS })
            .sort({ createdAt: 1, _id: 1 })
            .toArray()
        ).map(({ _id, ...rest }) => ({ id: _id, ...rest })),
      ),
  };
}
