import { afterAll, describe, expect, it } from 'vitest';
import { createMongoAuditLogStore } from '../../src/ops/mongo-audit-log-store.js';
import { createMongoOperatorStore } from '../../src/ops/mongo-operator-store.js';
import { mongoTestDb } from './mongo-test-db.js';
import { describeAuditLogStoreContract, describeOperatorStoreContract } from './ops-stores.contract.js';

const url = process.env.MONGODB_URL;
const testDb = mongoTestDb(url ?? '', 'riskxpert_ops_test');
const auditDb = mongoTestDb(url ?? '', 'riskxpert_audit_test');

describe.runIf(url)('MongoDB operator and audit stores against the server at MONGODB_URL', () => {
  afterAll(async () => {
    await testDb.drop();
    await auditDb.drop();
  });
  describeOperatorStoreContract('mongodb', async () => {
    const s = createMongoOperatorStore({ url: url!, dbName: testDb.dbName });
    await s.init();
    return s;
  });
  describeAuditLogStoreContract('mongodb', async () => {
    const s = createMongoAuditLogStore({ url: url!, dbName: auditDb.dbName });
    await s.init();
    return s;
  });
});

it.runIf(!url)('mongo operator/audit contract: MONGODB_URL not set, suite not run', () => {
  expect(process.env.MONGODB_URL).toBeUndefined();
  console.info('MongoDB operator and audit store contracts NOT run: MONGODB_URL is not set (no MongoDB server here).');
});
