import { Client, GatewayIntentBits, REST, Routes, type GatewayDispatchPayload } from 'discord.js';
import type { CommandRegistrar } from '../../src/cli.js';
import { RiskXpertError } from '../../src/errors.js';
import { DISCORD_COMMANDS } from './commands.js';
import { createDiscordInteractionsFromRuntime, type Interaction } from './interactions.js';
import { listenForShutdown } from '../../src/app/shutdown-signal.js';
import { checkDiscordToken, loginWithin } from './startup-checks.js';

/** `riskxpert discord:register` (slash commands) and `riskxpert discord` (gateway client). */
export const registerDiscordCommands: CommandRegistrar = (program, ctx) => {
  program
    .command('discord:register')
    .description('Register the slash commands (to DISCORD_GUILD_ID while developing, globally otherwise)')
    .action(async () => {
      const c = ctx.config().discord;
      if (!c.token || !c.applicationId)
        throw new RiskXpertError('CONFIG_INVALID', 'discord:register needs DISCORD_TOKEN and DISCORD_APPLICATION_ID.');
      const rest = new REST({ api: c.apiBase }).setToken(c.token);
      const route = c.guildId
        ? Routes.applicationGuildCommands(c.applicationId, c.guildId)
        : Routes.applicationCommands(c.applicationId);
      const result = (await rest.put(route, { body: DISCORD_COMMANDS })) as unknown[];
      ctx.io.out(
        `registered ${result.length} command(s) ${c.guildId ? `in guild ${c.guildId}` : 'globally (may take up to an hour to appear)'}\n`,
      );
    });

  program
    .command('discord')
    .description('Run the Discord gateway client (the HTTP endpoint on `serve` is the alternative)')
    .action(async () => {
      const c = ctx.config().discord;
      if (!c.token) throw new RiskXpertError('CONFIG_INVALID', 'riskxpert discord needs DISCORD_TOKEN.');
      // Before the runtime (model, stores) is built: a wrong token or an unreachable Discord ends the start in seconds.
      await checkDiscordToken(c.token, { apiBase: c.apiBase });
      const rt = await ctx.runtime();
      const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: c.apiBase } });
      const handlers = createDiscordInteractionsFromRuntime(rt, client.rest);
      // The raw INTERACTION_CREATE payload is the same JSON the HTTP endpoint receives: one set of handlers for both.
      client.on('raw', (packet: GatewayDispatchPayload) => {
        if (packet.t !== 'INTERACTION_CREATE') return;
        const interaction = packet.d as unknown as Interaction;
        void handlers
          .respond(interaction)
          .then(({ response, background }) =>
            client.rest
              .post(Routes.interactionCallback(interaction.id, interaction.token), { body: response })
              .then(() => background?.()),
          )
          .catch((err: unknown) => rt.logger.error({ err }, 'discord interaction failed'));
      });
      const token = c.token;
      await loginWithin(
        () => client.login(token),
        async () => {
          await client.destroy();
          await rt.close();
        },
      );
      rt.logger.info('discord gateway client running');
      await listenForShutdown().signal;
      await client.destroy();
      await rt.close();
    });
};
