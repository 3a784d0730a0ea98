import type { CommandRegistrar } from '../src/cli.js';
import { enqueueAlertsOnLoad } from './alerts-runtime.js';
import type { EtlCommandOptions } from './etl-command-deps.js';
import { registerEtlRunCommand } from './etl-run-command.js';
import { registerStatusCommand } from './status-command.js';
import { registerListingCommand } from './stock-listing-command.js';
import { registerWorkerCommand } from './worker-command.js';

export type { EtlCommandOptions } from './etl-command-deps.js';
export { formatStatusLine } from './status-command.js';

/** `riskxpert etl run`, `riskxpert status` and `riskxpert worker`, with the hook the alerts wiring plugs into. */
export const createEtlCommands =
  (options: EtlCommandOptions = {}): CommandRegistrar =>
  (program, ctx) => {
    const etl = program.command('etl').description('Data loading (ETL)');
    registerListingCommand(etl, ctx);
    registerEtlRunCommand(etl, ctx, options);
    registerStatusCommand(program, ctx);
    registerWorkerCommand(program, ctx, options);
  };

export const registerEtlCommands: CommandRegistrar = createEtlCommands({ onLoaded: enqueueAlertsOnLoad });
