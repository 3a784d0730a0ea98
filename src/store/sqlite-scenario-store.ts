import type { ScenarioSpec } from '../scenario/scenario-schema.js';
import type { SqliteDatabase } from './sqlite-database.js';
import {
  requireVersion,
  scenarioForbidden,
  scenarioNotFound,
  type ScenarioRecord,
  type ScenarioStore,
  type ScenarioVersion,
} from './scenario-store.js';
import { requireId } from './store-input.js';

interface ScenarioRow {
  id: string;
  owner_id: string;
  shared: number;
  version: number;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
  spec: string;
}
interface VersionRow {
  scenario_id: string;
  version: number;
  created_at: number;
  spec: string;
}
interface ResultRow {
  id: string;
  scenario_id: string;
  version: number;
  user_id: string;
  created_at: number;
  doc: string;
}

const toRecord = (r: ScenarioRow): ScenarioRecord => ({
  id: r.id,
  ownerId: r.owner_id,
  shared: r.shared === 1,
  version: r.version,
  spec: JSON.parse(r.spec) as ScenarioSpec,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});
const toVersion = (r: VersionRow): ScenarioVersion => ({
  scenarioId: r.scenario_id,
  version: r.version,
  spec: JSON.parse(r.spec) as ScenarioSpec,
  createdAt: new Date(r.created_at),
});

const SELECT =
  'SELECT s.*, v.spec FROM scenarios s JOIN scenario_versions v ON v.scenario_id = s.id AND v.version = s.version';

function prepareStatements(db: SqliteDatabase['db']) {
  const insertScenario = db.prepare(
    'INSERT INTO scenarios (id, owner_id, shared, version, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?)',
  );
  const insertVersion = db.prepare(
    'INSERT INTO scenario_versions (scenario_id, version, created_at, spec) VALUES (?, ?, ?, ?)',
  );
  const getOne = db.prepare(`${SELECT} WHERE s.id = ?`);
  const bump = db.prepare('UPDATE scenarios SET version = version + 1, updated_at = ? WHERE id = ?');
  const markDeleted = db.prepare('UPDATE scenarios SET deleted_at = ? WHERE id = ?');
  const getVersion = db.prepare('SELECT * FROM scenario_versions WHERE scenario_id = ? AND version = ?');
  const listVersions = db.prepare('SELECT * FROM scenario_versions WHERE scenario_id = ? ORDER BY version');
  // Own and shared through the two indexes (a UNION, so neither side scans the table).
  const list = db.prepare(
    `${SELECT} WHERE s.id IN (SELECT id FROM scenarios WHERE owner_id = ? UNION SELECT id FROM scenarios WHERE shared = 1) AND s.deleted_at IS NULL ORDER BY s.updated_at DESC, s.id`,
  );
  const insertResult = db.prepare(
    'INSERT INTO scenario_results (id, scenario_id, version, user_id, created_at, doc) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const listResults = db.prepare('SELECT * FROM scenario_results WHERE scenario_id = ? ORDER BY created_at, id');
  // removeByUser: the owner index, the results' scenario index and user index (migration 7), the versions' key.
  const OWNED = 'SELECT id FROM scenarios WHERE owner_id = ?';
  const eraseResults = db.prepare(`DELETE FROM scenario_results WHERE scenario_id IN (${OWNED}) OR user_id = ?`);
  const eraseVersions = db.prepare(`DELETE FROM scenario_versions WHERE scenario_id IN (${OWNED})`);
  const eraseScenarios = db.prepare('DELETE FROM scenarios WHERE owner_id = ?');
  return {
    insertScenario,
    insertVersion,
    getOne,
    bump,
    markDeleted,
    getVersion,
    listVersions,
    list,
    eraseResults,
    eraseVersions,
    eraseScenarios,
    insertResult,
    listResults,
  };
}

type Statements = ReturnType<typeof prepareStatements>;

/** Scenarios in the embedded database: the scenario row points at its latest version; versions are never rewritten. */
export function createSqliteScenarioStore(
  database: SqliteDatabase,
  options: { ownsDatabase?: boolean } = {},
): ScenarioStore {
  const statements = prepareStatements(database.db);
  return {
    async init() {},
    ...scenarioWrites(database, statements),
    ...scenarioReads(database, statements),
    async close() {
      if (options.ownsDatabase) database.close();
    },
  };
}

type Writes = 'create' | 'update' | 'remove' | 'saveResult' | 'removeByUser';

function scenarioWrites(database: SqliteDatabase, st: Statements): Pick<ScenarioStore, Writes> {
  const { insertScenario, insertVersion, getOne, bump, markDeleted, insertResult } = st;
  const { eraseResults, eraseVersions, eraseScenarios } = st;
  const editable = (id: string, ownerId: string): ScenarioRow => {
    const row = getOne.get(id) as ScenarioRow | undefined;
    if (!row || row.deleted_at !== null) throw scenarioNotFound(id);
    if (row.owner_id !== ownerId) throw scenarioForbidden(id);
    return row;
  };
  return {
    async create({ id, ownerId, shared, spec, now }) {
      requireId(id, 'id');
      requireId(ownerId, 'ownerId');
      return database.write('create scenario', () => {
        insertScenario.run(id, ownerId, shared ? 1 : 0, now.getTime(), now.getTime());
        insertVersion.run(id, 1, now.getTime(), JSON.stringify(spec));
        return toRecord(getOne.get(id) as ScenarioRow);
      });
    },
    async update(id, ownerId, spec, now) {
      requireId(id, 'id');
      requireId(ownerId, 'ownerId');
      return database.write('update scenario', () => {
        const row = editable(id, ownerId);
        bump.run(now.getTime(), id);
        insertVersion.run(id, row.version + 1, now.getTime(), JSON.stringify(spec));
        return toRecord(getOne.get(id) as ScenarioRow);
      });
    },
    async remove(id, ownerId, now) {
      requireId(id, 'id');
      requireId(ownerId, 'ownerId');
      return database.write('remove scenario', () => {
        const row = getOne.get(id) as ScenarioRow | undefined;
        if (!row || row.deleted_at !== null) return false;
        editable(id, ownerId);
        markDeleted.run(now.getTime(), id);
        return true;
      });
    },
    async saveResult(r) {
      requireId(r.id, 'id');
      await database.write('save scenario result', () =>
        insertResult.run(
          r.id,
          requireId(r.scenarioId, 'scenarioId'),
          requireVersion(r.version),
          requireId(r.userId, 'userId'),
          r.createdAt.getTime(),
          JSON.stringify(r.doc),
        ),
      );
    },
    async removeByUser(userId) {
      requireId(userId, 'userId');
      return database.write('erase a user’s scenarios', () => {
        const results = eraseResults.run(userId, userId).changes;
        eraseVersions.run(userId);
        return { scenarios: eraseScenarios.run(userId).changes, results };
      });
    },
  };
}

function scenarioReads(
  database: SqliteDatabase,
  st: Statements,
): Pick<ScenarioStore, 'get' | 'getVersion' | 'versions' | 'list' | 'listResults'> {
  const { getOne, getVersion, listVersions, list, listResults } = st;
  return {
    async get(id) {
      const row = await database.read('get scenario', () => getOne.get(requireId(id, 'id')) as ScenarioRow | undefined);
      return row && row.deleted_at === null ? toRecord(row) : undefined;
    },
    async getVersion(id, version) {
      const row = await database.read(
        'get scenario version',
        () => getVersion.get(requireId(id, 'id'), requireVersion(version)) as VersionRow | undefined,
      );
      return row ? toVersion(row) : undefined;
    },
    async versions(id) {
      return (
        await database.read('list scenario versions', () => listVersions.all(requireId(id, 'id')) as VersionRow[])
      ).map(toVersion);
    },
    async list(userId) {
      return (await database.read('list scenarios', () => list.all(requireId(userId, 'userId')) as ScenarioRow[])).map(
        toRecord,
      );
    },
    async listResults(scenarioId) {
      const rows = await database.read(
        'list scenario results',
        () => listResults.all(requireId(scenarioId, 'scenarioId')) as ResultRow[],
      );
      return rows.map((r) => ({
        id: r.id,
        scenarioId: r.scenario_id,
        version: r.version,
        userId: r.user_id,
        createdAt: new Date(r.created_at),
        doc: JSON.parse(r.doc) as unknown,
      }));
    },
  };
}
