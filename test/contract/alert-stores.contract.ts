import { describe, expect, it } from 'vitest';
import { buy, openAccount, reset, sell } from '../../src/sim/paper-account.js';
import type { AccountStore } from '../../src/store/account-store.js';
import type { DeliveryStore } from '../../src/store/delivery-store.js';
import type { SubscriptionStore } from '../../src/store/subscription-store.js';
import type { StoredThreatEvent, ThreatEventStore } from '../../src/store/threat-event-store.js';

let n = 0;
const uid = (platform = 'telegram') => `${platform}:${process.pid}${Date.now() % 1_000_000}${(n += 1)}`;
const hex = () => Array.from({ length: 32 }, () => '0123456789abcdef'[Math.floor(Math.random() * 16)]).join('');
const rule = { kind: 'drawdown' as const, lookbackDays: 90, thresholdPct: 10 };
const indicator = () => `ind_${process.pid}_${(n += 1)}`;

/** One contract for every SubscriptionStore: memory always, MongoDB when MONGODB_URL is set. */
export function describeSubscriptionStoreContract(name: string, make: () => Promise<SubscriptionStore>) {
  describe(`SubscriptionStore contract: ${name}`, () => {
    it('subscribing twice is one subscription, reactivated with the new settings; ids are deterministic', async () => {
      const store = await make();
      const user = uid();
      const ind = indicator();
      const a = await store.add({
        userId: user,
        platform: 'telegram',
        target: user.slice(9),
        indicatorId: ind,
        rule,
        locale: 'en',
      });
      expect(a).toMatchObject({ active: true, optIn: false, locale: 'en' });
      expect(a.id).toMatch(/^s_[0-9a-f]{24}$/u);
      await store.deactivateUser(user, 'blocked on telegram');
      expect((await store.get(a.id))!).toMatchObject({ active: false, deactivatedReason: 'blocked on telegram' });
      const b = await store.add({
        userId: user,
        platform: 'telegram',
        target: user.slice(9),
        indicatorId: ind,
        rule,
        quietHours: { startMinute: 1_380, endMinute: 420 },
      });
      expect(b.id).toBe(a.id);
      expect(b).toMatchObject({ active: true, quietHours: { startMinute: 1_380, endMinute: 420 } });
      expect(b.deactivatedReason).toBeUndefined();
      expect(b.createdAt.getTime()).toBe(a.createdAt.getTime());
      expect(await store.listByUser(user)).toHaveLength(1);
    });

    it('lists active subscriptions of an indicator in id order, and many by id', async () => {
      const store = await make();
      const ind = indicator();
      const users = [uid(), uid(), uid()];
      const subs = [];
      for (const u of users)
        subs.push(await store.add({ userId: u, platform: 'telegram', target: u.slice(9), indicatorId: ind, rule }));
      await store.deactivateUser(users[1]!, 'blocked');
      const active = await store.listActiveByIndicator(ind);
      expect(active.map((s) => s.id)).toEqual([subs[0]!.id, subs[2]!.id].sort());
      const many = await store.getMany([subs[0]!.id, subs[1]!.id]);
      expect([...many.keys()].sort()).toEqual([subs[0]!.id, subs[1]!.id].sort());
    });

    it('unsubscribes only the owner, sets and clears quiet hours, refuses bad ids and operator objects', async () => {
      const store = await make();
      const user = uid('discord');
      const s = await store.add({
        userId: user,
        platform: 'discord',
        target: user.slice(8),
        indicatorId: indicator(),
        rule: { kind: 'stop-loss', thresholdPct: 5 },
        optIn: true,
      });
      expect(await store.setQuietHours(user, { startMinute: 60, endMinute: 120 })).toBe(1);
      expect((await store.get(s.id))!.quietHours).toEqual({ startMinute: 60, endMinute: 120 });
      await store.setQuietHours(user, undefined);
      expect((await store.get(s.id))!.quietHours).toBeUndefined();
      expect(await store.remove(uid('discord'), s.id)).toBe(false);
      expect(await store.remove(user, s.id)).toBe(true);
      expect(await store.get(s.id)).toBeUndefined();
      await expect(store.get({ $ne: null } as unknown as string)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      await expect(store.listByUser({ $gt: '' } as unknown as string)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      await expect(
        store.add({ userId: 'telegram:1', platform: 'kakao', target: '1', indicatorId: 'kospi', rule }),
      ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      await expect(
        store.add({
          userId: 'telegram:1',
          platform: 'telegram',
          target: '1',
          indicatorId: 'kospi',
          rule: { kind: 'drawdown', lookbackDays: 90, thresholdPct: -1 },
        }),
      ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    });
  });
}

export function describeAccountStoreContract(name: string, make: () => Promise<AccountStore>) {
  describe(`AccountStore contract: ${name}`, () => {
    it('round-trips an account to the won, and saves compare-and-set on the revision', async () => {
      const store = await make();
      const user = uid();
      expect(await store.load(user)).toBeUndefined();
      const a = openAccount(user, 10_000_000n);
      buy(a, 'kospi', 3n, 25_001_234n, { feeBps: 15, at: '2026-01-02' });
      sell(a, 'kospi', 1n, 26_000_000n, { feeBps: 15, at: '2026-01-03' });
      expect(await store.save(a, 0)).toBe(true);
      expect(await store.save(a, 0)).toBe(false);
      const loaded = (await store.load(user))!;
      expect(loaded.revision).toBe(1);
      expect(loaded.account).toEqual(a);
      reset(loaded.account, '2026-01-04');
      expect(await store.save(loaded.account, 1)).toBe(true);
      expect(await store.save(a, 1)).toBe(false);
      const after = (await store.load(user))!;
      expect(after.account.cashWon).toBe(10_000_000n);
      expect(after.account.trades).toHaveLength(3);
      await expect(store.load({ $ne: null } as unknown as string)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    });

    it('deletes one user account only, and a delete of nothing is false', async () => {
      const store = await make();
      const [user, other] = [uid(), uid()];
      expect(await store.save(openAccount(user, 1_000n), 0)).toBe(true);
      expect(await store.save(openAccount(other, 2_000n), 0)).toBe(true);
      expect(await store.delete(user)).toBe(true);
      expect(await store.load(user)).toBeUndefined();
      expect((await store.load(other))!.account.cashWon).toBe(2_000n);
      expect(await store.delete(user)).toBe(false);
      // A deleted account can be opened afresh (revision 0 again).
      expect(await store.save(openAccount(user, 5n), 0)).toBe(true);
      await expect(store.delete({ $ne: null } as unknown as string)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    });
  });
}

function event(over: Partial<StoredThreatEvent> = {}): StoredThreatEvent {
  return {
    key: hex(),
    indicatorId: 'kospi',
    rule: 'drawdown',
    params: rule,
    date: '2026-07-20',
    value: 2150,
    measure: -14.1,
    text: { ko: '알림', en: 'alert' },
    createdAt: new Date(),
    ...over,
  };
}

export function describeThreatEventStoreContract(name: string, make: () => Promise<ThreatEventStore>) {
  describe(`ThreatEventStore contract: ${name}`, () => {
    it('first record wins; lists newest first per indicator', async () => {
      const store = await make();
      const ind = indicator();
      const first = event({ indicatorId: ind, date: '2026-07-20', chartToken: 'a' });
      expect(await store.record(first)).toEqual(first);
      expect(await store.record({ ...first, text: { ko: '다른', en: 'other' } })).toEqual(first);
      const later = event({ indicatorId: ind, date: '2026-07-21' });
      await store.record(later);
      expect((await store.listByIndicator(ind, 10)).map((e) => e.key)).toEqual([later.key, first.key]);
      expect(await store.get(first.key)).toEqual(first);
      await expect(store.get('nope')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    });
  });
}

export function describeDeliveryStoreContract(name: string, make: () => Promise<DeliveryStore>) {
  describe(`DeliveryStore contract: ${name}`, () => {
    const rec = (key: string, owner = 'job-1') => ({
      key,
      eventKey: hex(),
      subscriptionId: 's_000000000000000000000000',
      platform: 'telegram' as const,
      owner,
    });

    it('claims once: a second claimer sees the status; the same job may take over its own reservation', async () => {
      const store = await make();
      const key = hex();
      expect(await store.claim(rec(key))).toEqual({ claimed: true });
      expect(await store.claim(rec(key, 'job-2'))).toEqual({ claimed: false, status: 'reserved' });
      expect(await store.claim(rec(key))).toEqual({ claimed: true });
      await store.begin([key]);
      // Once sending, not even the same job sends again: the request may have gone out.
      expect(await store.claim(rec(key))).toEqual({ claimed: false, status: 'sending' });
      await store.settle(key, 'sent');
      expect(await store.claim(rec(key))).toEqual({ claimed: false, status: 'sent' });
      expect((await store.get(key))!).toMatchObject({ key, status: 'sent', platform: 'telegram', owner: 'job-1' });
    });

    it('release frees a reservation or an unconfirmed send, never a final status', async () => {
      const store = await make();
      const [a, b] = [hex(), hex()];
      await store.claim(rec(a));
      await store.claim(rec(b));
      await store.begin([a, b]);
      await store.release(a);
      expect(await store.get(a)).toBeUndefined();
      expect(await store.claim(rec(a, 'job-9'))).toEqual({ claimed: true });
      await store.settle(b, 'blocked');
      await store.release(b);
      expect((await store.get(b))!.status).toBe('blocked');
      await expect(store.claim(rec('../x'))).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    });

    it('is atomic under concurrent claims: exactly one of 20 wins', async () => {
      const store = await make();
      const key = hex();
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.claim(rec(key, `job-${i}`))));
      expect(results.filter((r) => r.claimed)).toHaveLength(1);
    });
  });
}
