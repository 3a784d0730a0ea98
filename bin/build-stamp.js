// What the compiled build was made from: a content hash of the TypeScript sources and the compiler settings.
// `npm run build` writes it to dist/build-stamp.json; bin/riskxpert.js runs dist/ only while it still matches,
// so a `git pull` (or an edit) without a rebuild never runs yesterday's code. Plain JS: it ships in bin/.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** The folders and files that tsconfig.build.json compiles into dist/. */
export const SOURCE_DIRS = ['src', 'adapters', 'workers'];
const CONFIG_FILES = ['tsconfig.json', 'tsconfig.build.json'];
export const STAMP_FILE = join('dist', 'build-stamp.json');

function* sourceFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|mts|cts|json)$/u.test(entry.name) && !entry.name.endsWith('.d.ts')) yield path;
  }
}

/** True where the package holds its TypeScript sources (a clone), false in an installed package or the image. */
export function hasSources(root) {
  return existsSync(join(root, 'src', 'cli.ts'));
}

/** sha256 over every source file's path and bytes, in a fixed order (mtimes change on checkout; contents do not). */
export function sourceHash(root) {
  const files = [];
  for (const dir of SOURCE_DIRS) if (existsSync(join(root, dir))) files.push(...sourceFiles(join(root, dir)));
  for (const file of CONFIG_FILES) if (existsSync(join(root, file))) files.push(join(root, file));
  files.sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(relative(root, file).split(sep).join('/'));
    hash.update('\0');
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return `sha256:${hash.digest('hex')}`;
}

/** The stamp dist/ was built with, or undefined when there is none (an old or partial build). */
export function readStamp(root) {
  try {
    const stamp = JSON.parse(readFileSync(join(root, STAMP_FILE), 'utf8'));
    return typeof stamp.sources === 'string' ? stamp.sources : undefined;
  } catch {
    return undefined;
  }
}
