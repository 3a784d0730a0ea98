import {
  copyFileSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  statSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import type { RuntimeCopy } from './dockerfile-runtime.js';

/**
 * Files are hard-linked where the file system allows (a copy of node_modules costs seconds and hundreds of MB);
 * nothing in the layout is ever written to, so the links cannot change the originals.
 */
function placeFile(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true });
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

function placeTree(
  from: string,
  to: string,
  skip: (name: string, depth: number) => boolean = () => false,
  depth = 0,
): void {
  const st = lstatSync(from);
  if (st.isSymbolicLink()) {
    const target = realpathSync(from);
    if (statSync(target).isDirectory()) return placeTree(target, to, skip, depth);
    return placeFile(target, to);
  }
  if (!st.isDirectory()) return placeFile(from, to);
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from)) {
    if (skip(entry, depth)) continue;
    placeTree(join(from, entry), join(to, entry), skip, depth + 1);
  }
}

interface LockPackage {
  dev?: boolean;
  link?: boolean;
  resolved?: string;
}

/**
 * node_modules as `npm prune --omit=dev` leaves it, without running npm (no download, no native rebuild): every
 * package of package-lock.json that is not dev-only, taken from the installed tree. A package's own nested
 * node_modules is placed through its own lock entry, so a dev-only package nested in a production one stays out.
 */
export function placeProductionModules(repo: string, dest: string): { packages: number; devSkipped: number } {
  const lock = JSON.parse(readFileSync(join(repo, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockPackage>;
  };
  let packages = 0;
  let devSkipped = 0;
  for (const [key, pkg] of Object.entries(lock.packages)) {
    if (!key.startsWith('node_modules/')) continue;
    if (pkg.dev) {
      devSkipped += 1;
      continue;
    }
    const from = join(repo, key);
    // Optional binaries for other platforms are in the lock file but not on disk.
    if (!existsSync(from)) continue;
    const target = pkg.link && pkg.resolved ? join(repo, pkg.resolved) : from;
    placeTree(target, join(dest, key), (name, depth) => depth === 0 && name === 'node_modules');
    packages += 1;
  }
  return { packages, devSkipped };
}

/**
 * Lays out in `dest` what the runtime stage copies: from the build context (the repository) or from the build
 * stage, whose /app after `npm run build && npm prune --omit=dev` is the repository's dist/ plus production modules.
 */
export function stageLayout(repo: string, copies: RuntimeCopy[], dest: string): string[] {
  const notes: string[] = [];
  for (const copy of copies) {
    const toDir = copy.dest.endsWith('/') || copy.sources.length > 1;
    for (const source of copy.sources) {
      if (/[*?[]/u.test(source))
        throw new Error(`Dockerfile COPY ${source}: wildcards are not supported by the release check`);
      const target = toDir ? join(dest, copy.dest, source.split('/').at(-1)!) : join(dest, copy.dest);
      if (copy.from && source === 'node_modules') {
        const { packages, devSkipped } = placeProductionModules(repo, dest);
        notes.push(
          `node_modules: ${packages} production packages (${devSkipped} dev-only left out, as npm prune --omit=dev)`,
        );
        continue;
      }
      const from = join(repo, source);
      if (!existsSync(from))
        throw new Error(`Dockerfile COPY ${copy.from ? `--from=${copy.from} ` : ''}${source}: ${from} does not exist`);
      placeTree(from, target);
    }
  }
  return notes;
}
