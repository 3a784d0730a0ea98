import type { Command } from "commander"; import type { CliContext } from "../cli.js"; export function registerScenarioCrudCommands(_s: Command, _c: CliContext): void {}
