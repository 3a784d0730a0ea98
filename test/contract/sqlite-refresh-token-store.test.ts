import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteRefreshTokenStore } from '../../src/store/sqlite-refresh-token-store.js';
import { describeRefreshTokenStoreContract } from './refresh-token-store.contract.js';
import { queryPlan, sqliteTestDb } from './sqlite-test-db.js';

const testDb = sqliteTestDb('tokens');
afterAll(() => testDb.drop());
const database = testDb.open();

describeRefreshTokenStoreContract('sqlite', async () => createSqliteRefreshTokenStore(database));

describe('SQLite refresh-token store', () => {
  it('checks a session and revokes a family on the family index, and sweeps on the expiry index', () => {
    expect(
      queryPlan(
        database,
        'SELECT 1 FROM refresh_tokens WHERE family_id = ? AND expires_at > ? AND revoked_at IS NULL LIMIT 1',
        'f',
        0,
      ),
    ).toMatch(/USING INDEX refresh_tokens_family/u);
    expect(
      queryPlan(
        database,
        'UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL',
        0,
        'f',
      ),
    ).toMatch(/USING INDEX refresh_tokens_family/u);
    expect(queryPlan(database, 'DELETE FROM refresh_tokens WHERE expires_at <= ?', 0)).toMatch(
      /USING (COVERING )?INDEX refresh_tokens_expires/u,
    );
  });

  it('a rotation in one connection is seen as reuse by another (two processes on one file)', async () => {
    const a = createSqliteRefreshTokenStore(database);
    const b = createSqliteRefreshTokenStore(testDb.open());
    const t0 = new Date(Date.UTC(2026, 0, 1));
    const tokenHash = 'c'.repeat(64);
    await a.insert({
      tokenHash,
      familyId: 'fam-2conn',
      userId: 'web:kakao:1',
      createdAt: t0,
      expiresAt: new Date(t0.getTime() + 86_400_000),
    });
    expect((await b.consume(tokenHash, t0)).status).toBe('rotated');
    expect((await a.consume(tokenHash, t0)).status).toBe('reused');
  });
});
