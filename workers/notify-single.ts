import type { Job } from 'bullmq';
import type { AlertDelivery, AlertSender } from '../src/alerts/delivery.js';
import { quietDelayMs } from '../src/alerts/quiet-hours.js';
import type { Subscription } from '../src/store/subscription-store.js';
import { defer, retryLater, type NotifyContext, type NotifyOutcome } from './notify-context.js';
import type { NotifyItem, NotifyJobData } from './notify-queue.js';

type SinglePlatform = 'telegram' | 'discord';

/** How long a chat stays held for a send in progress (pacer wait plus request) before a crashed worker's hold lapses. */
const CHAT_HOLD_MS = 30_000;

/** One Telegram or Discord job: one message to one chat, paced per chat and per platform. */
export async function processSingle(
  ctx: NotifyContext,
  platform: SinglePlatform,
  sender: AlertSender,
  job: Job<NotifyJobData>,
  token: string | undefined,
): Promise<NotifyOutcome> {
  const { o } = ctx;
  const item = job.data.items[0];
  if (!item) return 'skipped';
  const sub = await o.subscriptions.get(item.subscriptionId);
  if (!sub?.active || (platform === 'discord' && !sub.optIn)) {
    ctx.count(platform, 'skipped');
    return 'skipped';
  }
  const quiet = quietDelayMs(sub.quietHours, ctx.now());
  if (quiet > 0) {
    ctx.count(platform, 'deferred');
    return defer(job, token, quiet);
  }
  // One message per second per chat (Telegram) or DM channel (Discord): a user whose several rules fire on one
  // load gets them a second apart, across every worker process. The chat is held from here until the send has
  // finished and for one gap after it, so the spacing runs from when the platform had the previous message, not
  // from when it was queued: a wait for the platform-wide pacer slot can be longer than the gap itself.
  const gapKey = `${o.keyPrefix}${platform}-chat:${item.target}`;
  const gap = platform === 'telegram' && item.target.startsWith('-') ? ctx.gaps.group : ctx.gaps.private;
  if ((await o.redis.set(gapKey, '1', 'PX', gap + CHAT_HOLD_MS, 'NX')) !== 'OK') {
    return defer(job, token, Math.max(Math.min(await o.redis.pttl(gapKey), gap), 20));
  }
  const png = job.data.chartToken && o.charts ? await o.charts.get(job.data.chartToken) : undefined;
  const claim = await o.deliveries.claim({
    key: item.deliveryKey,
    eventKey: job.data.eventKey,
    subscriptionId: item.subscriptionId,
    platform,
    owner: String(job.id),
  });
  if (!claim.claimed) {
    await o.redis.del(gapKey);
    const outcome = claim.status === 'sending' ? 'in-doubt' : 'duplicate';
    ctx.count(platform, outcome);
    return outcome;
  }
  // The slot wait comes before "sending": a worker killed while waiting leaves a reservation its retry takes over.
  const r = await ctx.pacers.get(platform)!.schedule(async () => {
    await o.deliveries.begin([item.deliveryKey]);
    return sender.send(item.target, job.data.text, png);
  });
  await o.redis.set(gapKey, '1', 'PX', gap);
  return settleSingle(ctx, platform, { job, token, item, sub }, r);
}

/** Records what the platform said in the ledger, and deactivates a user who blocked the bot. */
async function settleSingle(
  ctx: NotifyContext,
  platform: SinglePlatform,
  at: { job: Job<NotifyJobData>; token: string | undefined; item: NotifyItem; sub: Subscription },
  r: AlertDelivery,
): Promise<NotifyOutcome> {
  const { o } = ctx;
  const { item, sub } = at;
  switch (r.kind) {
    case 'sent':
      await o.deliveries.settle(item.deliveryKey, 'sent');
      ctx.count(platform, 'sent');
      return 'sent';
    case 'blocked':
      await o.deliveries.settle(item.deliveryKey, 'blocked');
      await o.subscriptions.deactivateUser(sub.userId, `blocked on ${platform}`);
      o.logger.info({ platform, subscription: sub.id }, 'user blocked the bot: subscriptions deactivated');
      ctx.count(platform, 'blocked');
      return 'blocked';
    case 'retry':
      await o.deliveries.release(item.deliveryKey);
      return retryLater(ctx, platform, at.job, at.token, r, 1);
    case 'in-doubt':
      o.logger.warn({ platform, delivery: item.deliveryKey, reason: r.reason }, 'alert delivery in doubt: not resent');
      ctx.count(platform, 'in-doubt');
      return 'in-doubt';
    case 'failed':
      await o.deliveries.settle(item.deliveryKey, 'failed');
      o.logger.warn({ platform, delivery: item.deliveryKey, reason: r.reason }, 'alert refused by the platform');
      ctx.count(platform, 'failed');
      return 'failed';
  }
}
