import Bottleneck from 'bottleneck';
import { DiscordAPIError, HTTPError, Routes, type REST } from 'discord.js';
import { certainlyUnsent, type AlertSender } from '../../src/alerts/delivery.js';

export type DiscordAlertOutcome = 'sent' | 'blocked' | 'failed';

/**
 * Alerts as DMs to users who opted in (or to one configured channel). Discord throttles DMs hard and flags bots
 * that open many, so sends are slow and serial by default; 50007 (cannot send messages to this user) means the
 * user closed DMs or blocked the bot, and the caller deactivates the subscription.
 */
export function createDiscordAlertSender(options: {
  rest: REST;
  minGapMs?: number;
  perChannelGapMs?: number;
  channelId?: string;
}) {
  const limiter = new Bottleneck({ maxConcurrent: 1, minTime: options.minGapMs ?? 1_000 });
  const perChannel = new Bottleneck.Group({ maxConcurrent: 1, minTime: options.perChannelGapMs ?? 1_050 });
  const dmChannels = new Map<string, string>();
  const lastPost = new Map<string, number>();

  async function channelFor(userId: string): Promise<string> {
    if (options.channelId) return options.channelId;
    let id = dmChannels.get(userId);
    if (!id) {
      id = ((await options.rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as { id: string }).id;
      dmChannels.set(userId, id);
    }
    return id;
  }

  return {
    async send(userId: string, text: string, png?: Uint8Array): Promise<DiscordAlertOutcome> {
      try {
        const channelKey = options.channelId ?? userId;
        await perChannel.key(channelKey).schedule(() =>
          limiter.schedule(async () => {
            const channel = await channelFor(userId);
            // Bottleneck spaces job starts; the gap Discord checks is between the messages themselves.
            const wait = (lastPost.get(channelKey) ?? 0) + (options.perChannelGapMs ?? 1_050) - Date.now();
            if (wait > 0) await new Promise((r) => setTimeout(r, wait));
            lastPost.set(channelKey, Date.now());
            await options.rest.post(Routes.channelMessages(channel), {
              body: {
                content: (options.channelId ? `<@${userId}> ${text}` : text).slice(0, 2000),
                ...(png ? { attachments: [{ id: 0, filename: 'alert.png' }] } : {}),
              },
              ...(png ? { files: [{ name: 'alert.png', data: Buffer.from(png), contentType: 'image/png' }] } : {}),
            });
          }),
        );
        return 'sent';
      } catch (err) {
        if (err instanceof DiscordAPIError && (err.code === 50007 || err.status === 403)) return 'blocked';
        return 'failed';
      }
    },
  };
}

/**
 * One DM attempt, no pacing of its own beyond discord.js REST (which honours 429 `retry_after` and the 50/s global
 * limit in this process); the notify queue paces all worker processes together. DM channel ids are remembered per
 * process, so a user's second alert costs one request, not two.
 */
export function createDiscordAlertDelivery(options: { rest: REST; maxChannels?: number }): AlertSender {
  const dmChannels = new Map<string, string>();
  return {
    async send(userId, text, png) {
      let opened = false;
      try {
        let channel = dmChannels.get(userId);
        if (!channel) {
          channel = (
            (await options.rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as { id: string }
          ).id;
          if (dmChannels.size >= (options.maxChannels ?? 100_000)) dmChannels.clear();
          dmChannels.set(userId, channel);
        }
        opened = true;
        await options.rest.post(Routes.channelMessages(channel), {
          body: { content: text.slice(0, 2000), ...(png ? { attachments: [{ id: 0, filename: 'alert.png' }] } : {}) },
          ...(png ? { files: [{ name: 'alert.png', data: Buffer.from(png), contentType: 'image/png' }] } : {}),
        });
        return { kind: 'sent' };
      } catch (err) {
        if (err instanceof DiscordAPIError) {
          if (err.code === 50007 || err.status === 403) return { kind: 'blocked' };
          if (err.status === 429 || err.status >= 500) return { kind: 'retry', reason: String(err.status) };
          return { kind: 'failed', reason: `${err.status} ${err.code}`.slice(0, 200) };
        }
        if (err instanceof HTTPError && err.status >= 500) return { kind: 'retry', reason: String(err.status) };
        // Opening the DM channel sends nothing to the user, so a failure there is always safe to retry.
        if (!opened || certainlyUnsent(err)) return { kind: 'retry', reason: 'unreachable' };
        return { kind: 'in-doubt', reason: (err as Error).message.slice(0, 200) };
      }
    },
  };
}
