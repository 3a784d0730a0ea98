import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAccount } from '../../src/sim/paper-account.js';
import { conversation } from '../contract/store.contract.js';
import { startWebHarness, type WebHarness } from '../e2e/web-harness.js';
import {
  ADMIN_KAKAO_ID,
  enrollAndVerify,
  signIn,
  testClock,
  USER_KAKAO_ID,
  webUserId,
  type Signed,
} from './ops-helpers.js';

const clock = testClock();
// A second ADMIN_KAKAO_IDS admin: only that setting can remove them.
const OTHER_ADMIN = 1009;
let h: WebHarness;
let admin: Signed;
// On the embedded database, as `riskxpert serve` runs by default.
const home = mkdtempSync(join(tmpdir(), 'rx-erase-'));

beforeAll(async () => {
  h = await startWebHarness(
    { ADMIN_KAKAO_IDS: `${ADMIN_KAKAO_ID},${OTHER_ADMIN}`, STORE: 'sqlite', RISKXPERT_HOME: home },
    { now: clock.now },
  );
  admin = await signIn(h, ADMIN_KAKAO_ID);
  await enrollAndVerify(admin, clock.now);
}, 60_000);
afterAll(async () => {
  await h?.close();
  rmSync(home, { recursive: true, force: true });
});

const spec = { name: 'won shock', horizonMonths: 3, shocks: [{ indicatorId: 'usdkrw', move: 10, unit: '%' as const }] };

/** A risk profile, a scenario with two versions and a result, and a run of `other`'s shared scenario. */
async function seedRiskAndScenarios(userId: string, other: string) {
  const scenarios = h.runtime.scenarios.store;
  await h.runtime.risk.profiles.put({ userId, appetite: 'stable', lossLimit: 0.05, updatedAt: '2026-12-01T00:00:00Z' });
  const id = randomUUID();
  const now = new Date();
  await scenarios.create({ id, ownerId: userId, shared: false, spec, now });
  await scenarios.update(id, userId, { ...spec, horizonMonths: 6 }, now);
  const result = (scenarioId: string, version: number) => ({
    id: randomUUID(),
    scenarioId,
    version,
    userId,
    createdAt: now,
    doc: {},
  });
  await scenarios.saveResult(result(id, 2));
  const shared = randomUUID();
  await scenarios.create({ id: shared, ownerId: other, shared: true, spec, now });
  await scenarios.saveResult(result(shared, 1));
  return { id, shared };
}

async function seed(userId: string) {
  const { store, stores } = h.runtime;
  await store.conversations.save(conversation({ userId }));
  await store.conversations.save(conversation({ userId }));
  await stores.subscriptions.add({
    userId,
    platform: 'telegram',
    target: userId.split(':')[1]!,
    indicatorId: 'kospi',
    rule: { kind: 'news' },
  });
  await stores.subscriptions.add({
    userId,
    platform: 'telegram',
    target: userId.split(':')[1]!,
    indicatorId: 'kospi',
    rule: { kind: 'drawdown', lookbackDays: 90, thresholdPct: 10 },
  });
  expect(await stores.accounts.save(openAccount(userId, 1_000_000n), 0)).toBe(true);
}

describe('an admin erases one user’s data', () => {
  it('removes conversations, news and alert subscriptions, the paper account, the risk profile and scenarios of that user only, and logs it', async () => {
    const { store, stores } = h.runtime;
    const scenarios = h.runtime.scenarios.store;
    await seed('telegram:501');
    await seed('telegram:502');
    const gone = await seedRiskAndScenarios('telegram:501', 'telegram:502');
    const kept = await seedRiskAndScenarios('telegram:502', 'telegram:503');
    const res = await admin.call('/admin/api/users/telegram:501/delete', { method: 'POST' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { deleted: unknown }).deleted).toEqual({
      conversations: 2,
      subscriptions: 2,
      account: true,
      riskProfile: true,
      scenarios: 1,
      scenarioResults: 2,
      pendingRecommendation: false,
      role: false,
      mfa: false,
      sessions: 0,
    });
    expect(await store.conversations.listByUser('telegram:501')).toEqual([]);
    expect(await stores.subscriptions.listByUser('telegram:501')).toEqual([]);
    expect(await stores.accounts.load('telegram:501')).toBeUndefined();
    expect(await h.runtime.risk.profiles.get('telegram:501')).toBeUndefined();
    expect(await scenarios.get(gone.id)).toBeUndefined();
    expect(await scenarios.versions(gone.id)).toEqual([]);
    expect(await scenarios.listResults(gone.id)).toEqual([]);
    // Their run of another user's shared scenario is gone; the scenario itself is not theirs and stays.
    expect(await scenarios.listResults(gone.shared)).toEqual([]);
    expect(await scenarios.get(gone.shared)).toBeDefined();
    // Read back from the file itself, not a store object that could hold a copy.
    const db = h.runtime.stores.sqlite!.db;
    const count = (sql: string) => (db.prepare(sql).get('telegram:501') as { n: number }).n;
    expect(count('SELECT count(*) AS n FROM risk_profiles WHERE user_id = ?')).toBe(0);
    expect(count('SELECT count(*) AS n FROM scenarios WHERE owner_id = ?')).toBe(0);
    expect(count('SELECT count(*) AS n FROM scenario_results WHERE user_id = ?')).toBe(0);
    expect(count('SELECT count(*) AS n FROM subscriptions WHERE user_id = ?')).toBe(0);
    expect(count('SELECT count(*) AS n FROM conversations WHERE user_id = ?')).toBe(0);
    expect(count('SELECT count(*) AS n FROM accounts WHERE user_id = ?')).toBe(0);
    // The other user keeps everything.
    expect(await store.conversations.listByUser('telegram:502')).toHaveLength(2);
    expect(await stores.subscriptions.listByUser('telegram:502')).toHaveLength(2);
    expect(await stores.accounts.load('telegram:502')).toBeDefined();
    expect(await h.runtime.risk.profiles.get('telegram:502')).toBeDefined();
    expect(await scenarios.versions(kept.id)).toHaveLength(2);
    expect(await scenarios.listResults(kept.id)).toHaveLength(1);
    const audit = (await (await admin.call('/admin/api/audit?type=user.delete')).json()) as {
      entries: { targetId: string; actorId: string }[];
    };
    expect(audit.entries.map((e) => [e.targetId, e.actorId])).toEqual([['telegram:501', webUserId(ADMIN_KAKAO_ID)]]);
  });

  it('ends the sessions of a web user at once, revokes their console role and removes their two-factor secret', async () => {
    const id = webUserId(USER_KAKAO_ID);
    const user = await signIn(h, USER_KAKAO_ID);
    expect((await user.call('/account/api/sessions')).status).toBe(200);
    expect(
      (await admin.call('/admin/api/roles', { method: 'POST', body: { userId: id, role: 'operator' } })).status,
    ).toBe(200);
    await enrollAndVerify(user, clock.now);
    const mfaRows = () =>
      (
        h.runtime.stores.sqlite!.db.prepare('SELECT count(*) AS n FROM operator_mfa WHERE user_id = ?').get(id) as {
          n: number;
        }
      ).n;
    expect(mfaRows()).toBe(1);

    const res = await admin.call(`/admin/api/users/${id}/delete`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { deleted: unknown }).deleted).toMatchObject({ sessions: 1, role: true, mfa: true });
    expect((await user.call('/account/api/sessions')).status).toBe(401);
    expect(mfaRows()).toBe(0);
    expect(((await (await admin.call(`/admin/api/users/${id}`)).json()) as { role: string }).role).toBe('user');
    const revoked = (await (await admin.call(`/admin/api/audit?type=role.revoke&userId=${id}`)).json()) as {
      entries: { details: { reason?: string } }[];
    };
    expect(revoked.entries.map((e) => e.details.reason)).toEqual(['erase']);
  });

  it('refuses an ADMIN_KAKAO_IDS admin before erasing anything of theirs', async () => {
    const id = webUserId(OTHER_ADMIN);
    await h.runtime.store.conversations.save(conversation({ userId: id }));
    const res = await admin.call(`/admin/api/users/${id}/delete`, { method: 'POST' });
    expect(res.status).toBe(400);
    expect(await h.runtime.store.conversations.listByUser(id)).toHaveLength(1);
  });

  it('needs a fresh code, refuses a bad id and the admin’s own account', async () => {
    expect((await admin.call('/admin/api/users/$ne/delete', { method: 'POST' })).status).toBe(400);
    expect((await admin.call(`/admin/api/users/${webUserId(ADMIN_KAKAO_ID)}/delete`, { method: 'POST' })).status).toBe(
      400,
    );
    clock.advance(6 * 60_000);
    try {
      await h.runtime.stores.accounts.save(openAccount('telegram:503', 1n), 0);
      const res = await admin.call('/admin/api/users/telegram:503/delete', { method: 'POST' });
      expect(res.status).toBe(403);
      expect(await h.runtime.stores.accounts.load('telegram:503')).toBeDefined();
    } finally {
      clock.advance(-6 * 60_000);
    }
  });
});
