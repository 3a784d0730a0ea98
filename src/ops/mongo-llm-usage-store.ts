import type { Collection } from 'mongodb';
import { guardMongo, storeClient, type MongoStoreConnection } from '../store/mongo-client.js';
import { byNewestDay, llmUsageKey, type LlmUsageRow, type LlmUsageStore } from './llm-usage-store.js';

type UsageDoc = LlmUsageRow & { _id: string };

const DUPLICATE_KEY = 11000;

/**
 * `llm_usage_daily`: one document per day, feature and model, keyed by them, incremented with `$inc` in an upsert.
 * Two first upserts of one row at once: one inserts, the other gets a duplicate key and is retried as an update.
 */
export function createMongoLlmUsageStore(options: MongoStoreConnection): LlmUsageStore {
  const { client, close } = storeClient(options);
  const usage: Collection<UsageDoc> = client.db(options.dbName).collection('llm_usage_daily');
  return {
    kind: 'mongo',
    add: (i) =>
      guardMongo('record LLM use', async () => {
        const op = () =>
          usage.updateOne(
            { _id: llmUsageKey(i) },
            {
              $setOnInsert: { day: i.day, feature: i.feature, model: i.model },
              $inc: {
                calls: i.calls,
                errors: i.errors,
                tokensIn: i.tokensIn,
                tokensOut: i.tokensOut,
                costUsd: i.costUsd,
                latencyMs: i.latencyMs,
              },
            },
            { upsert: true },
          );
        try {
          await op();
        } catch (err) {
          if ((err as { code?: number }).code !== DUPLICATE_KEY) throw err;
          await op();
        }
      }),
    since: (fromDay) =>
      guardMongo('read LLM use', async () => {
        const docs = await usage.find({ day: { $gte: fromDay } }).toArray();
        return docs.map(({ _id, ...rest }) => rest).sort(byNewestDay);
      }),
    init: () => guardMongo('create LLM use index', async () => void (await usage.createIndex({ day: -1 }))),
    close,
  };
}
