import type { Runtime } from '../runtime.js';
import { createMemoryScenarioStore } from '../store/memory-scenario-store.js';
import { createMongoScenarioStore } from '../store/mongo-scenario-store.js';
import type { ScenarioStore } from '../store/scenario-store.js';
import { createSqliteScenarioStore } from '../store/sqlite-scenario-store.js';
import { holdingsOf } from './paper-holdings.js';
import { createScenarioChat, type ScenarioChat } from './scenario-chat.js';
import { createScenarioService } from './scenario-service.js';
import type { ScenarioSurface } from './scenario-surface.js';

export type { ScenarioSurface } from './scenario-surface.js';

const built = new WeakMap<Runtime, Promise<ScenarioSurface>>();
const stores = new WeakMap<Runtime, ScenarioStore>();

/** The runtime's one scenario store (the service's, and the operator console's erase), opened on first use. */
export function scenarioStoreOf(rt: Runtime): ScenarioStore {
  let s = stores.get(rt);
  if (!s) {
    s = storeFor(rt);
    stores.set(rt, s);
  }
  return s;
}

/** The scenario store on the runtime's backend (the same SQLite file or MongoDB client as every other store). */
function storeFor(rt: Runtime): ScenarioStore {
  const { stores, config } = rt;
  if (stores.sqlite) return createSqliteScenarioStore(stores.sqlite);
  if (stores.mongoClient && config.store.mongoUrl)
    return createMongoScenarioStore({
      url: config.store.mongoUrl,
      dbName: config.store.dbName,
      client: stores.mongoClient,
    });
  return createMemoryScenarioStore();
}

/** One scenario service per runtime, built on first use (never at import), shared by every surface of the process. */
export function scenarioSurface(rt: Runtime): Promise<ScenarioSurface> {
  let s = built.get(rt);
  if (!s) {
    s = (async () => {
      const store = scenarioStoreOf(rt);
      await store.init();
      return {
        service: createScenarioService({ store, series: rt.series }),
        // Chat users and web logins (web:kakao:…) have paper accounts (checkUserId); any other id has no holdings.
        paperHoldings: async (userId: string) =>
          /^(?:telegram:|discord:|kakao:|web:|web:kakao:)[A-Za-z0-9_.-]{1,128}$/u.test(userId)
            ? holdingsOf((await rt.sim.trading.portfolio(userId)).valuation)
            : [],
      };
    })();
    built.set(rt, s);
  }
  return s;
}

/**
 * The `/scenario` chat command for a process's runtime, for adapter factories typed on a slice of the runtime:
 * undefined when what they were given is not a whole runtime (tests that build bots from parts).
 */
export function scenarioChatFor(rt: object): ScenarioChat | undefined {
  if (!('stores' in rt && 'series' in rt && 'sim' in rt && 'config' in rt)) return undefined;
  return createScenarioChat(() => scenarioSurface(rt as Runtime));
}
