import { RiskXpertError } from '../errors.js';
import type { SqliteDatabase } from './sqlite-database.js';
import { EVENT_KEY, type StoredThreatEvent, type ThreatEventStore } from './threat-event-store.js';

interface Row {
  key: string;
  created_at: number;
  doc: string;
}

const checkKey = (k: unknown) => {
  if (typeof k !== 'string' || !EVENT_KEY.test(k)) throw new RiskXpertError('BAD_REQUEST', 'Not an event key.');
  return k;
};

const fromRow = (r: Row): StoredThreatEvent => ({
  key: r.key,
  ...(JSON.parse(r.doc) as Omit<StoredThreatEvent, 'key' | 'createdAt'>),
  createdAt: new Date(r.created_at),
});

/** Threat events in the embedded database; the key is the primary key, so the first record wins. */
export function createSqliteThreatEventStore(
  database: SqliteDatabase,
  options: { ownsDatabase?: boolean } = {},
): ThreatEventStore {
  const { db } = database;
  const insert = db.prepare(
    'INSERT INTO threat_events (key, indicator_id, date, created_at, doc) VALUES (?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING',
  );
  const getOne = db.prepare('SELECT key, created_at, doc FROM threat_events WHERE key = ?');
  const list = db.prepare(
    'SELECT key, created_at, doc FROM threat_events WHERE indicator_id = ? ORDER BY date DESC, created_at DESC LIMIT ?',
  );

  return {
    async init() {},
    async record(event) {
      const { key, createdAt, ...doc } = event;
      checkKey(key);
      return database.write('record threat event', () => {
        if (insert.run(key, event.indicatorId, event.date, createdAt.getTime(), JSON.stringify(doc)).changes === 1)
          return structuredClone(event);
        return fromRow(getOne.get(key) as Row);
      });
    },
    async get(k) {
      checkKey(k);
      const row = await database.read('get threat event', () => getOne.get(k) as Row | undefined);
      return row ? fromRow(row) : undefined;
    },
    async listByIndicator(indicatorId, limit) {
      if (typeof indicatorId !== 'string' || !/^[a-z0-9_:]{1,40}$/u.test(indicatorId))
        throw new RiskXpertError('BAD_REQUEST', 'indicatorId must be a catalog id.');
      const rows = await database.read(
        'list threat events',
        () => list.all(indicatorId, Math.max(1, Math.min(Math.floor(limit), 500))) as Row[],
      );
      return rows.map(fromRow);
    },
    async close() {
      if (options.ownsDatabase) database.close();
    },
  };
}
