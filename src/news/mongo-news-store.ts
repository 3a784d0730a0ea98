import type { Collection } from 'mongodb';
import { guardMongo, storeClient, type MongoStoreConnection } from '../store/mongo-client.js';
import { checkItem, checkQuery, type NewsStore } from './news-store.js';
import type { FeedState, NewsItem } from './news-types.js';

interface ItemDoc extends Omit<NewsItem, 'id'> {
  _id: string;
  /** Lower-case title and description, for the word filter. */
  text: string;
}
interface FeedDoc extends Omit<FeedState, 'url'> {
  _id: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
const fromDoc = ({ _id, text: _text, ...rest }: ItemDoc): NewsItem => ({ id: _id, ...rest });

/** Headlines in `news_items` (`_id` = item id) and feed state in `news_feeds` (`_id` = feed URL). */
export function createMongoNewsStore(options: MongoStoreConnection): NewsStore {
  const { client, close } = storeClient(options);
  const items: Collection<ItemDoc> = client.db(options.dbName).collection('news_items');
  const feeds: Collection<FeedDoc> = client.db(options.dbName).collection('news_feeds');
  return {
    init: () =>
      guardMongo('init news', async () => {
        await items.createIndex({ indicators: 1, publishedAt: -1 }, { name: 'indicator_published' });
        await items.createIndex({ publishedAt: -1 }, { name: 'published' });
      }),
    upsert: (list) =>
      guardMongo('store news', async () => {
        for (const i of list) checkItem(i);
        if (list.length === 0) return;
        await items.bulkWrite(
          list.map(({ id, ...rest }) => ({
            replaceOne: {
              filter: { _id: id },
              replacement: { ...rest, text: `${rest.title} ${rest.description}`.toLowerCase() },
              upsert: true,
            },
          })),
          { ordered: false },
        );
      }),
    search: (query) =>
      guardMongo('search news', async () => {
        const q = checkQuery(query);
        const filter: Record<string, unknown> = {};
        if (q.indicatorId) filter.indicators = q.indicatorId;
        if (q.since) filter.publishedAt = { $gte: q.since };
        if (q.text) filter.$and = q.text.split(/\s+/u).map((w) => ({ text: { $regex: escape(w) } }));
        const docs = await items.find(filter).sort({ publishedAt: -1, _id: -1 }).limit(q.limit).toArray();
        return docs.map(fromDoc);
      }),
    purge: (before) =>
      guardMongo('purge news', async () => (await items.deleteMany({ publishedAt: { $lt: before } })).deletedCount),
    getFeedState: (url) =>
      guardMongo('get feed state', async () => {
        const doc = await feeds.findOne({ _id: url });
        if (!doc) return undefined;
        const { _id, ...rest } = doc;
        return { url: _id, ...rest };
      }),
    putFeedState: ({ url, ...rest }) =>
      guardMongo('put feed state', async () => void (await feeds.replaceOne({ _id: url }, rest, { upsert: true }))),
    listFeedStates: () =>
      guardMongo('list feed states', async () =>
        (await feeds.find({}).sort({ _id: 1 }).toArray()).map(({ _id, ...rest }) => ({ url: _id, ...rest })),
      ),
    close,
  };
}
