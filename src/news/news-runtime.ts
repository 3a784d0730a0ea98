import type OpenAI from 'openai';
import type { Config } from '../config.js';
import type { Engine } from '../engine/answer-types.js';
import type { Logger } from '../logger.js';
import type { StoreSet } from '../store/open-stores.js';
import type { CompleteText } from './news-digest.js';
import type { NewsStore } from './news-store.js';
import { openNewsStore } from './open-news-store.js';
import { openAiComplete } from './openai-complete.js';
import { withRelatedNews } from './related-news.js';

// How long an indicator's headlines are reused across answers (see withRelatedNews).
const RELATED_NEWS_CACHE_MS = 30_000;

/** What serve and the bots need of news: the store (for /news and the web panel), the digest's LLM, the engine hook. */
export interface NewsRuntime {
  store: NewsStore;
  complete?: CompleteText;
}

/** The runtime's news part: the news store on the process's backend, and the engine with "관련 뉴스" added. */
export function attachNews(
  config: Config,
  stores: StoreSet,
  engine: Engine,
  logger: Logger,
  openai?: OpenAI,
): { engine: Engine; news: NewsRuntime } {
  const c = config.store;
  const store = openNewsStore(stores, c.mongoUrl ? { url: c.mongoUrl, dbName: c.dbName } : undefined);
  // Mongo needs its indexes; SQLite and memory have nothing to do. A failure only slows searches, never answers.
  void store.init().catch((err: unknown) => logger.warn({ err }, 'news store init failed'));
  const complete = openAiComplete(config.llm, openai);
  return {
    engine: withRelatedNews(engine, {
      store,
      cacheMs: RELATED_NEWS_CACHE_MS,
      onError: (err, requestId) =>
        logger.warn({ err: (err as Error).message, requestId }, 'related news unavailable for this answer'),
    }),
    news: { store, ...(complete ? { complete } : {}) },
  };
}
