#!/usr/bin/env node
// The entry of every riskxpert process: picks the command modules (src/cli/command-registry.ts) and hands the CLI the
// queue driver; the composition root that builds the clients is src/runtime.ts with src/app/.
// Runs the compiled build when it matches the sources (or when there are none: npm pack, Docker), otherwise the
// TypeScript sources through tsx: a build older than the sources never runs.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { hasSources, readStamp, sourceHash } from './build-stamp.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = existsSync(fileURLToPath(new URL('../dist/src/cli.js', import.meta.url)));
const sources = hasSources(root);
const compiled = built && (!sources || readStamp(root) === sourceHash(root));
if (!compiled) {
  if (!sources) {
    process.stderr.write(
      'riskxpert: neither a compiled build (dist/) nor the sources (src/) are here; reinstall the package\n',
    );
    process.exit(1);
  }
  if (built)
    process.stderr.write(
      'riskxpert: dist/ is older than the sources; running the sources through tsx (`npm run build` refreshes it)\n',
    );
  try {
    const { register } = await import('tsx/esm/api');
    register();
  } catch {
    process.stderr.write(
      'riskxpert: the sources need tsx (a dev dependency) and it is not installed; run `npm install` then `npm run build`\n',
    );
    process.exit(1);
  }
}
const load = (path) => import(new URL(`../${compiled ? `dist/${path}.js` : `${path}.ts`}`, import.meta.url).href);

// Which module adds which command (src/cli/command-registry.ts). A known command loads only its own module, so
// `riskxpert ask` does not pay for express, grammY, discord.js and the workers (about a second and 20 MB); help or
// anything unknown loads them all. The queue library is loaded only when the runtime needs it (QUEUE_REDIS_URL).
const registry = await load('src/cli/command-registry');
const wanted = registry.modulesFor(process.argv[2] ?? '');
const [cli, ...modules] = await Promise.all([load('src/cli'), ...wanted.map(({ module }) => load(module))]);
const { module: queueModule, export: queueExport } = registry.QUEUE_DRIVER;
process.exitCode = await cli.main(
  process.argv.slice(2),
  modules.map((mod, i) => mod[wanted[i].register]),
  process.env,
  undefined,
  { loadQueueDriver: async () => (await load(queueModule))[queueExport] },
);
// A command that failed has said why; a stray socket or DNS lookup of an aborted start (an unreachable Telegram)
// must not hold the process for another half minute.
if (process.exitCode !== 0) setTimeout(() => process.exit(), 1_000).unref();
