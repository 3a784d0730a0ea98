import type { SqliteDatabase } from './sqlite-database.js';
import { checkDeliveryKey, type DeliveryRecord, type DeliveryStatus, type DeliveryStore } from './delivery-store.js';

interface Row {
  key: string;
  event_key: string;
  subscription_id: string;
  platform: DeliveryRecord['platform'];
  status: DeliveryStatus;
  owner: string;
  updated_at: number;
}

/**
 * The delivery ledger in the embedded database, for workers on one machine without a shared Redis. A claim is
 * one IMMEDIATE transaction (read, then insert or take over), so two processes claiming one key cannot both win.
 * Records older than `ttlDays` are swept at init, as MongoDB's TTL index does.
 */
export function createSqliteDeliveryStore(
  database: SqliteDatabase,
  options: { ttlDays?: number; ownsDatabase?: boolean } = {},
): DeliveryStore {
  const { db } = database;
  const getOne = db.prepare('SELECT * FROM deliveries WHERE key = ?');
  const put = db.prepare(
    `INSERT INTO deliveries (key, event_key, subscription_id, platform, status, owner, created_at, updated_at) VALUES (@key, @eventKey, @subscriptionId, @platform, 'reserved', @owner, @now, @now)
     ON CONFLICT (key) DO UPDATE SET event_key = excluded.event_key, subscription_id = excluded.subscription_id, platform = excluded.platform, status = 'reserved', owner = excluded.owner, updated_at = excluded.updated_at`,
  );
  const begin = db.prepare(
    "UPDATE deliveries SET status = 'sending', updated_at = ? WHERE key = ? AND status = 'reserved'",
  );
  const settle = db.prepare('UPDATE deliveries SET status = ?, updated_at = ? WHERE key = ?');
  const release = db.prepare("DELETE FROM deliveries WHERE key = ? AND status IN ('reserved', 'sending')");
  const sweep = db.prepare('DELETE FROM deliveries WHERE created_at < ?');

  return {
    async init() {
      await database.write('sweep deliveries', () => sweep.run(Date.now() - (options.ttlDays ?? 30) * 86_400_000));
    },
    async claim(r) {
      const key = checkDeliveryKey(r.key);
      const owner = String(r.owner);
      return database.write('claim delivery', () => {
        const existing = getOne.get(key) as Row | undefined;
        if (existing && !(existing.status === 'reserved' && existing.owner === owner))
          return { claimed: false as const, status: existing.status };
        put.run({
          key,
          eventKey: String(r.eventKey),
          subscriptionId: String(r.subscriptionId),
          platform: r.platform,
          owner,
          now: Date.now(),
        });
        return { claimed: true as const };
      });
    },
    async begin(keys) {
      const checked = keys.map(checkDeliveryKey);
      if (checked.length === 0) return;
      const now = Date.now();
      await database.write('begin deliveries', () => {
        for (const key of checked) begin.run(now, key);
      });
    },
    async settle(key, status) {
      checkDeliveryKey(key);
      await database.write('settle delivery', () => settle.run(status, Date.now(), key));
    },
    async release(key) {
      checkDeliveryKey(key);
      await database.write('release delivery', () => release.run(key));
    },
    async get(key) {
      checkDeliveryKey(key);
      const row = await database.read('read delivery', () => getOne.get(key) as Row | undefined);
      return row
        ? {
            key: row.key,
            eventKey: row.event_key,
            subscriptionId: row.subscription_id,
            platform: row.platform,
            status: row.status,
            owner: row.owner,
            updatedAt: new Date(row.updated_at),
          }
        : undefined;
    },
    async close() {
      if (options.ownsDatabase) database.close();
    },
  };
}
