import { MongoClient } from 'mongodb';

/**
 * A database of its own per run and suite, dropped afterwards, so runs against a shared MONGODB_URL never see each
 * other's records.
 */
export function mongoTestDb(url: string, prefix: string): { dbName: string; drop(): Promise<void> } {
  const dbName = `${prefix}_${process.pid}_${Date.now()}`;
  return {
    dbName,
    async drop() {
      const client = new MongoClient(url, { serverSelectionTimeoutMS: 5_000 });
      try {
        await client.db(dbName).dropDatabase();
      } finally {
        await client.close();
      }
    },
  };
}
