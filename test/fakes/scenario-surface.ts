import { createCsvDirectoryRepository } from '../../src/data/csv-directory-repository.js';
import { holdingsOf } from '../../src/scenario/paper-holdings.js';
import { createScenarioChat } from '../../src/scenario/scenario-chat.js';
import { streamScenarioNarration, type ScenarioLlm } from '../../src/scenario/scenario-narration.js';
import type { ScenarioSurface } from '../../src/scenario/scenario-runtime.js';
import { createScenarioService } from '../../src/scenario/scenario-service.js';
import { createPaperTrading } from '../../src/sim/paper-trading.js';
import { createMemoryAccountStore } from '../../src/store/memory-account-store.js';
import { createSqliteScenarioStore } from '../../src/store/sqlite-scenario-store.js';
import { sqliteTestDb } from '../contract/sqlite-test-db.js';
import { scenarioDataDir } from './scenario-data.js';

/**
 * Everything a surface test needs for /scenario: synthetic data in a CSV folder, a real SQLite scenario store, and
 * paper trading priced from the same data. `drop()` removes the files.
 */
export function scenarioTestSurface(options: { llm?: ScenarioLlm } = {}) {
  const data = scenarioDataDir();
  const db = sqliteTestDb('scenario-surface');
  const series = createCsvDirectoryRepository({ dir: data.dir });
  const trading = createPaperTrading({
    accounts: createMemoryAccountStore(),
    history: async (s) => (await series.get(s)).points,
    startingCashWon: 100_000_000n,
    feeBps: 0,
  });
  const surface: ScenarioSurface = {
    service: createScenarioService({ store: createSqliteScenarioStore(db.open()), series }),
    paperHoldings: async (userId) => holdingsOf((await trading.portfolio(userId)).valuation),
    explain: (result, locale) => streamScenarioNarration(result, locale, options.llm ? { llm: options.llm } : {}),
  };
  return {
    surface,
    trading,
    chat: createScenarioChat(async () => surface, options.llm ? { llm: options.llm } : {}),
    drop() {
      db.drop();
      data.drop();
    },
  };
}
