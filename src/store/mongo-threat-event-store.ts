import { MongoServerError, type Collection } from 'mongodb';
import { guardMongo, storeClient, type MongoStoreConnection } from './mongo-client.js';
import { RiskXpertError } from '../errors.js';
import { EVENT_KEY, type StoredThreatEvent, type ThreatEventStore } from './threat-event-store.js';

interface EventDoc extends Omit<StoredThreatEvent, 'key'> {
  _id: string;
}

const fromDoc = ({ _id, ...rest }: EventDoc): StoredThreatEvent => ({ key: _id, ...rest });
const checkKey = (k: unknown) => {
  if (typeof k !== 'string' || !EVENT_KEY.test(k)) throw new RiskXpertError('BAD_REQUEST', 'Not an event key.');
  return k;
};

/** Threat events in `threat_events`, `_id` = event key: inserting twice is refused by the server, so first wins. */
export function createMongoThreatEventStore(options: MongoStoreConnection): ThreatEventStore {
  const { client, close: closeClient } = storeClient(options);
  const col: Collection<EventDoc> = client.db(options.dbName).collection('threat_events');

  return {
    init: () =>
      guardMongo(
        'init threat events',
        async () =>
          void (await col.createIndex({ indicatorId: 1, date: -1, createdAt: -1 }, { name: 'indicator_date' })),
      ),
    record: (event) =>
      guardMongo('record threat event', async () => {
        const { key, ...rest } = event;
        try {
          await col.insertOne({ _id: checkKey(key), ...rest });
          return event;
        } catch (err) {
          if (!(err instanceof MongoServerError && err.code === 11000)) throw err;
          const doc = await col.findOne({ _id: key });
          if (!doc) throw new RiskXpertError('STORE_UNAVAILABLE', 'Threat event vanished after a duplicate insert.');
          return fromDoc(doc);
        }
      }),
    get: (k) =>
      guardMongo('get threat event', async () => {
        const doc = await col.findOne({ _id: checkKey(k) });
        return doc ? fromDoc(doc) : undefined;
      }),
    listByIndicator: (indicatorId, limit) =>
      guardMongo('list threat events', async () => {
        if (!/^[a-z0-9_]{1,40}$/u.test(indicatorId))
          throw new RiskXpertError('BAD_REQUEST', 'indicatorId must be a catalog id.');
        return (
          await col
            .find({ indicatorId })
            .sort({ date: -1, createdAt: -1 })
            .limit(Math.max(1, Math.min(limit, 500)))
            .toArray()
        ).map(fromDoc);
      }),
    close: closeClient,
  };
}
