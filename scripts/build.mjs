// `npm run build`: a clean dist/ compiled by tsc, then the stamp bin/riskxpert.js compares with the sources.
// The hash is taken before compiling, so an edit made while tsc runs leaves the build marked out of date.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sourceHash, STAMP_FILE } from '../bin/build-stamp.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const sources = sourceHash(root);
// Files of deleted modules would otherwise stay importable from dist/.
rmSync(join(root, 'dist'), { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);
mkdirSync(join(root, 'dist'), { recursive: true });
writeFileSync(join(root, STAMP_FILE), `${JSON.stringify({ sources, builtAt: new Date().toISOString() }, null, 2)}\n`);
