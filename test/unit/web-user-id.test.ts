import { afterAll, describe, expect, it } from 'vitest';
import { createCsvDirectoryRepository } from '../../src/data/csv-directory-repository.js';
import { holdingsOf } from '../../src/scenario/paper-holdings.js';
import { createPaperTrading } from '../../src/sim/paper-trading.js';
import { createMemoryAccountStore } from '../../src/store/memory-account-store.js';
import { checkUserId } from '../../src/store/subscription-store.js';
import { scenarioDataDir } from '../fakes/scenario-data.js';

const data = scenarioDataDir();
afterAll(() => data.drop());

describe('user ids the stores accept', () => {
  it('takes a web login id (web:kakao:<id>) beside chat ids, and still refuses malformed ones', () => {
    for (const ok of ['telegram:1', 'discord:2', 'kakao:abc', 'web:x1', 'web:kakao:4242424242'])
      expect(checkUserId(ok)).toBe(ok);
    for (const bad of ['web:kakao:', 'web:google:1', 'kakao:a:b', 'telegram:1:2', 'web:kakao:1:2', 'slack:1', ''])
      expect(() => checkUserId(bad), bad).toThrow(/Not a user id/u);
  });

  it('a web user now has a paper portfolio: buy, then read the holdings back', async () => {
    const series = createCsvDirectoryRepository({ dir: data.dir });
    const trading = createPaperTrading({
      accounts: createMemoryAccountStore(),
      history: async (s) => (await series.get(s)).points,
      startingCashWon: 100_000_000n,
      feeBps: 0,
    });
    await trading.buy('web:kakao:4242424242', 'kospi', 10_000n);
    expect(holdingsOf((await trading.portfolio('web:kakao:4242424242')).valuation).map((h) => h.symbol)).toEqual([
      'kospi',
    ]);
  });
});
