import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryAuditLogStore } from '../../src/ops/memory-audit-log-store.js';
import { createMemoryOperatorStore } from '../../src/ops/memory-operator-store.js';
import { createSqliteAuditLogStore } from '../../src/ops/sqlite-audit-log-store.js';
import { createSqliteOperatorStore } from '../../src/ops/sqlite-operator-store.js';
import { describeAuditLogStoreContract, describeOperatorStoreContract } from './ops-stores.contract.js';
import { queryPlan, sqliteTestDb } from './sqlite-test-db.js';

const testDb = sqliteTestDb('ops');
afterAll(() => testDb.drop());
const database = testDb.open();

describeOperatorStoreContract('memory', async () => createMemoryOperatorStore());
describeAuditLogStoreContract('memory', async () => createMemoryAuditLogStore());
describeOperatorStoreContract('sqlite', async () => createSqliteOperatorStore(database));
// The audit contract purges by time: a file of its own so the operator suite's rows never meet it.
const auditDb = sqliteTestDb('audit');
afterAll(() => auditDb.drop());
describeAuditLogStoreContract('sqlite', async () => createSqliteAuditLogStore(auditDb.open()));

describe('SQLite operator tables', () => {
  it('search the audit log and list sessions on their indexes', () => {
    expect(
      queryPlan(database, 'SELECT * FROM audit_log WHERE type = ? ORDER BY at DESC, id DESC LIMIT ?', 'x', 1),
    ).toMatch(/audit_log_type_at/u);
    expect(queryPlan(database, 'DELETE FROM audit_log WHERE at < ?', 0)).toMatch(/audit_log_at/u);
    expect(
      queryPlan(database, 'SELECT * FROM operator_sessions WHERE user_id = ? ORDER BY created_at DESC LIMIT 200', 'u'),
    ).toMatch(/operator_sessions_user/u);
  });

  it('a TOTP step claimed through one connection is spent for another (two processes on one file)', async () => {
    const a = createSqliteOperatorStore(database);
    const b = createSqliteOperatorStore(testDb.open());
    await a.putMfa({ userId: 'web:kakao:2conn', secret: 'S', recoveryHashes: [], lastStep: 0 });
    expect(await b.claimStep('web:kakao:2conn', 7)).toBe(true);
    expect(await a.claimStep('web:kakao:2conn', 7)).toBe(false);
  });
});
