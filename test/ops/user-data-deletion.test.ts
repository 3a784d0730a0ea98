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
let h: WebHarness;
let admin: Signed;

beforeAll(async () => {
  h = await startWebHarness({ ADMIN_KAKAO_IDS: String(ADMIN_KAKAO_ID) }, { now: clock.now });
  admin = await signIn(h, ADMIN_KAKAO_ID);
  await enrollAndVerify(admin, clock.now);
}, 60_000);
afterAll(() => h?.close());

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
  expect(await stores.accounts.save(openAccount(userId, 1_000_000n), 0)).toBe(true);
}

describe('an admin erases one user’s data', () => {
  it('removes conversations, subscriptions and the paper account of that user only, and logs it', async () => {
    const { store, stores } = h.runtime;
    await seed('telegram:501');
    await seed('telegram:502');
    const res = await admin.call('/admin/api/users/telegram:501/delete', { method: 'POST' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { deleted: unknown }).deleted).toEqual({
      conversations: 2,
      subscriptions: 1,
      account: true,
      sessions: 0,
    });
    expect(await store.conversations.listByUser('telegram:501')).toEqual([]);
    expect(await stores.subscriptions.listByUser('telegram:501')).toEqual([]);
    expect(await stores.accounts.load('telegram:501')).toBeUndefined();
    // The other user keeps everything.
    expect(await store.conversations.listByUser('telegram:502')).toHaveLength(2);
    expect(await stores.subscriptions.listByUser('telegram:502')).toHaveLength(1);
    expect(await stores.accounts.load('telegram:502')).toBeDefined();
    const audit = (await (await admin.call('/admin/api/audit?type=user.delete')).json()) as {
      entries: { targetId: string; actorId: string }[];
    };
    expect(audit.entries.map((e) => [e.targetId, e.actorId])).toEqual([['telegram:501', webUserId(ADMIN_KAKAO_ID)]]);
  });

  it('ends the sessions of a web user at once', async () => {
    const user = await signIn(h, USER_KAKAO_ID);
    expect((await user.call('/account/api/sessions')).status).toBe(200);
    const res = await admin.call(`/admin/api/users/${webUserId(USER_KAKAO_ID)}/delete`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { deleted: { sessions: number } }).deleted.sessions).toBe(1);
    expect((await user.call('/account/api/sessions')).status).toBe(401);
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
