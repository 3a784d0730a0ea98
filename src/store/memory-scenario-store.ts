import {
  scenarioForbidden,
  scenarioNotFound,
  requireVersion,
  type ScenarioRecord,
  type ScenarioResultRecord,
  type ScenarioStore,
  type ScenarioVersion,
} from './scenario-store.js';
import { requireId } from './store-input.js';

/** Scenarios in process memory (STORE=memory and tests): the same contract as the SQLite and MongoDB stores. */
export function createMemoryScenarioStore(): ScenarioStore {
  const scenarios: Tables['scenarios'] = new Map();
  const versions: Tables['versions'] = new Map();
  const results: Tables['results'] = new Map();
  const out = ({ deleted: _d, ...r }: ScenarioRecord & { deleted: boolean }): ScenarioRecord => structuredClone(r);
  const editable = (id: string, ownerId: string) => {
    const s = scenarios.get(requireId(id, 'id'));
    if (!s || s.deleted) throw scenarioNotFound(id);
    if (s.ownerId !== requireId(ownerId, 'ownerId')) throw scenarioForbidden(id);
    return s;
  };
  return {
    async init() {},
    async create({ id, ownerId, shared, spec, now }) {
      requireId(id, 'id');
      const rec = {
        id,
        ownerId: requireId(ownerId, 'ownerId'),
        shared,
        version: 1,
        spec: structuredClone(spec),
        createdAt: now,
        updatedAt: now,
        deleted: false,
      };
      scenarios.set(id, rec);
      versions.set(id, [{ scenarioId: id, version: 1, spec: structuredClone(spec), createdAt: now }]);
      return out(rec);
    },
    async update(id, ownerId, spec, now) {
      const s = editable(id, ownerId);
      s.version += 1;
      s.spec = structuredClone(spec);
      s.updatedAt = now;
      versions.get(id)!.push({ scenarioId: id, version: s.version, spec: structuredClone(spec), createdAt: now });
      return out(s);
    },
    async remove(id, ownerId) {
      const s = scenarios.get(requireId(id, 'id'));
      if (!s || s.deleted) return false;
      editable(id, ownerId).deleted = true;
      return true;
    },
    async get(id) {
      const s = scenarios.get(requireId(id, 'id'));
      return s && !s.deleted ? out(s) : undefined;
    },
    async getVersion(id, version) {
      const v = versions.get(requireId(id, 'id'))?.find((x) => x.version === requireVersion(version));
      return v ? structuredClone(v) : undefined;
    },
    async versions(id) {
      return structuredClone(versions.get(requireId(id, 'id')) ?? []);
    },
    async list(userId) {
      requireId(userId, 'userId');
      return [...scenarios.values()]
        .filter((s) => !s.deleted && (s.ownerId === userId || s.shared))
        .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime() || a.id.localeCompare(b.id))
        .map(out);
    },
    async saveResult(result) {
      const list = results.get(requireId(result.scenarioId, 'scenarioId')) ?? [];
      list.push(structuredClone(result));
      results.set(result.scenarioId, list);
    },
    removeByUser: async (userId) => removeByUser({ scenarios, versions, results }, requireId(userId, 'userId')),
    async listResults(scenarioId) {
      return structuredClone(results.get(requireId(scenarioId, 'scenarioId')) ?? []);
    },
    async close() {},
  };
}

interface Tables {
  scenarios: Map<string, ScenarioRecord & { deleted: boolean }>;
  versions: Map<string, ScenarioVersion[]>;
  results: Map<string, ScenarioResultRecord[]>;
}

/** Erasure: the user's own scenarios with every result on them, and the user's results on anyone else's. */
function removeByUser({ scenarios, versions, results }: Tables, userId: string) {
  const owned = [...scenarios.values()].filter((s) => s.ownerId === userId).map((s) => s.id);
  let removed = 0;
  for (const [id, list] of results) {
    const keep = owned.includes(id) ? [] : list.filter((r) => r.userId !== userId);
    removed += list.length - keep.length;
    results.set(id, keep);
  }
  for (const id of owned) {
    scenarios.delete(id);
    versions.delete(id);
    results.delete(id);
  }
  return { scenarios: owned.length, results: removed };
}
