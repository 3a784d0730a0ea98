import { DiscordAPIError, HTTPError, type REST } from 'discord.js';
import type { Logger } from '../../src/logger.js';
import type { ChatGate } from '../../src/streaming/edit-streamer.js';

export type SummaryDelivery = 'embed-with-chart' | 'embed' | 'text';

const refused = (err: unknown) =>
  (err instanceof DiscordAPIError && err.status !== 429) || (err instanceof HTTPError && err.status === 413);

/**
 * The summary on the original response, degrading one call at a time: the embed with the chart attached; if Discord
 * refuses that (403 50013 Missing Permissions to embed or attach, 413/40005 file too large, 400 for the form), the
 * embed alone; if that is refused too, the summary as plain text. The caller streams the scenario after whichever
 * went out ('text' means the original's content is taken, so the scenario goes to follow-ups).
 */
export async function sendDiscordSummary(
  rest: REST,
  gate: ChatGate,
  original: `/${string}`,
  args: { title: string; summary: string; footer: string; png: Uint8Array; logger: Logger },
): Promise<SummaryDelivery> {
  const embed = {
    title: args.title,
    description: args.summary.slice(0, 4096),
    footer: { text: args.footer.slice(0, 2048) },
  };
  const attempts: { mode: SummaryDelivery; send: () => Promise<unknown> }[] = [
    {
      mode: 'embed-with-chart',
      send: () =>
        rest.patch(original, {
          body: {
            content: '',
            embeds: [{ ...embed, image: { url: 'attachment://chart.png' } }],
            attachments: [{ id: 0, filename: 'chart.png' }],
          },
          files: [{ name: 'chart.png', data: Buffer.from(args.png), contentType: 'image/png' }],
        }),
    },
    { mode: 'embed', send: () => rest.patch(original, { body: { content: '', embeds: [embed] } }) },
    {
      mode: 'text',
      send: () => rest.patch(original, { body: { content: `**${args.title}**\n\n${args.summary}`.slice(0, 2000) } }),
    },
  ];
  for (const [n, attempt] of attempts.entries()) {
    try {
      await gate.run(attempt.send);
      return attempt.mode;
    } catch (err) {
      if (!refused(err) || n === attempts.length - 1) throw err;
      const e = err as DiscordAPIError | HTTPError;
      args.logger.warn(
        { status: e.status, code: (e as DiscordAPIError).code, mode: attempt.mode },
        'discord: summary refused; trying a plainer form',
      );
    }
  }
  throw new Error('unreachable');
}
