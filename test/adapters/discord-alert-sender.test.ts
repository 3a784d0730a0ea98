import { REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordAlertSender } from '../../adapters/discord/alert-sender.js';
import { startFakeDiscord } from '../fakes/discord-rest.js';

let discord: Awaited<ReturnType<typeof startFakeDiscord>>;
beforeAll(async () => {
  discord = await startFakeDiscord();
});
afterAll(async () => {
  await discord.close();
});

describe('Discord alert sender (DMs) against the REST stand-in', () => {
  it('opens a DM once per user, sends serially without 429s, and reports users who cannot be messaged', async () => {
    const sender = createDiscordAlertSender({
      rest: new REST({ api: discord.api, retries: 0 }).setToken('t'),
      minGapMs: 150,
    });
    const outcomes = await Promise.all([
      sender.send('u1', '코스피 -5%'),
      sender.send('u2', '환율 급등'),
      sender.send('u1', '코스피 -7%'),
      sender.send('blocked', 'x'),
    ]);
    expect(outcomes).toEqual(['sent', 'sent', 'sent', 'blocked']);
    expect(discord.calls.filter((c) => c.path === '/api/v10/users/@me/channels')).toHaveLength(3);
    expect(discord.calls.filter((c) => c.status === 429)).toEqual([]);
    const u1 = discord.calls.filter((c) => c.path === '/api/v10/channels/dm-u1/messages');
    expect(u1).toHaveLength(2);
    expect(u1[1]!.at - u1[0]!.at).toBeGreaterThanOrEqual(1000 - 5);
  });
});
