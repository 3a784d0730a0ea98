import type { Config } from '../config.js';
import type { SeriesRepository } from '../data/series.js';
import type { Portfolio } from '../sim/paper-trading.js';
import { createMemoryScenarioStore } from '../store/memory-scenario-store.js';
import { createMongoScenarioStore } from '../store/mongo-scenario-store.js';
import type { StoreSet } from '../store/open-stores.js';
import type { ScenarioStore } from '../store/scenario-store.js';
import { createSqliteScenarioStore } from '../store/sqlite-scenario-store.js';
import { holdingsOf } from './paper-holdings.js';
import { createScenarioChat, type ScenarioChat } from './scenario-chat.js';
import type { Locale } from '../locale.js';
import type { ScenarioResult } from './run-scenario.js';
import { streamScenarioNarration, type ScenarioLlm } from './scenario-narration.js';
import { createScenarioService } from './scenario-service.js';
import type { ScenarioSurface } from './scenario-surface.js';

export type { ScenarioSurface } from './scenario-surface.js';

/** Scenarios as the composition root hands them to every surface: the service and the chat command. */
export interface ScenarioServices {
  /** The service with its store ready (initialised once, on first use: a Mongo that is down does not stop a start). */
  surface(): Promise<ScenarioSurface>;
  /** `/scenario` for Telegram, Discord and Kakao. */
  chat: ScenarioChat;
  /** The same store the service uses: the operator console erases a user's scenarios from it. */
  store: ScenarioStore;
  close(): Promise<void>;
}

/** The scenario store on the process's backend (the same SQLite file or MongoDB client as every other store). */
export function scenarioStoreFor(stores: StoreSet, config: Config['store']): ScenarioStore {
  if (stores.sqlite) return createSqliteScenarioStore(stores.sqlite);
  if (stores.mongoClient && config.mongoUrl)
    return createMongoScenarioStore({ url: config.mongoUrl, dbName: config.dbName, client: stores.mongoClient });
  return createMemoryScenarioStore();
}

// Chat users and web logins (web:kakao:…) have paper accounts (checkUserId); any other id has no holdings.
const PAPER_USER = /^(?:telegram:|discord:|kakao:|web:|web:kakao:)[A-Za-z0-9_.-]{1,128}$/u;

/** Built once by src/runtime.ts; nothing connects until the first use. */
export function createScenarioServices(deps: {
  store: ScenarioStore;
  series: SeriesRepository;
  portfolio: (userId: string) => Promise<Pick<Portfolio, 'valuation'>>;
  /** The explanation's LLM (scenario-llm.ts); absent, the deterministic text answers. */
  llm?: ScenarioLlm;
  llmTimeoutMs?: number;
}): ScenarioServices {
  let ready: Promise<ScenarioSurface> | undefined;
  const surface = () => {
    ready ??= deps.store.init().then(() => ({
      service: createScenarioService({ store: deps.store, series: deps.series }),
      paperHoldings: async (userId: string) =>
        PAPER_USER.test(userId) ? holdingsOf((await deps.portfolio(userId)).valuation) : [],
      explain: (result: ScenarioResult, locale: Locale) =>
        streamScenarioNarration(result, locale, {
          ...(deps.llm ? { llm: deps.llm } : {}),
          ...(deps.llmTimeoutMs ? { timeoutMs: deps.llmTimeoutMs } : {}),
        }),
    }));
    // A failed init is tried again on the next use rather than remembered.
    ready.catch(() => (ready = undefined));
    return ready;
  };
  return {
    surface,
    chat: createScenarioChat(surface, {
      ...(deps.llm ? { llm: deps.llm } : {}),
      ...(deps.llmTimeoutMs ? { llmTimeoutMs: deps.llmTimeoutMs } : {}),
    }),
    store: deps.store,
    close: () => deps.store.close(),
  };
}
