import Bottleneck from 'bottleneck';
import { DiscordAPIError, Routes, type REST } from 'discord.js';

export type DiscordAlertOutcome = 'sent' | 'blocked' | 'failed';

/**
 * Alerts as DMs to users who opted in (or to one configured channel). Discord throttles DMs hard and flags bots
 * that open many, so sends are slow and serial by default; 50007 (cannot send messages to this user) means the
 * user closed DMs or blocked the bot, and the caller deactivates the subscription.
 */
export function createDiscordAlertSender(options: { rest: REST; minGapMs?: number; perChannelGapMs?: number; channelId?: string }) {
  const limiter = new Bottleneck({ maxConcurrent: 1, minTime: options.minGapMs ?? 1_000 });
  const perChannel = new Bottleneck.Group({ maxConcurrent: 1, minTime: options.perChannelGapMs ?? 1_050 });
  const dmChannels = new Map<string, string>();

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
        await perChannel.key(channelKey).schedule(() => limiter.schedule(async () => {
          const channel = await channelFor(userId);
          await options.rest.post(Routes.channelMessages(channel), {
            body: { content: (options.channelId ? `<@${userId}> ${text}` : text).slice(0, 2000), ...(png ? { attachments: [{ id: 0, filename: 'alert.png' }] } : {}) },
            ...(png ? { files: [{ name: 'alert.png', data: Buffer.from(png), contentType: 'image/png' }] } : {}),
          });
        }));
        return 'sent';
      } catch (err) {
        if (err instanceof DiscordAPIError && (err.code === 50007 || err.status === 403)) return 'blocked';
        return 'failed';
      }
    },
  };
}
