import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'riskxpert';

let cached: string | undefined;

/**
 * The directory that holds riskxpert's package.json. Shipped assets (models/, adapters/web/public) live there in
 * every layout: the sources run through tsx (src/x.ts), the compiled build (dist/src/x.js), an `npm pack`
 * install and the Docker image. Paths relative to a module's own file differ between those layouts by one
 * `dist/` level, which is how the compiled build once looked for its model in dist/models/.
 */
export function packageRoot(from: string = import.meta.url): string {
  if (cached && from === import.meta.url) return cached;
  let dir = dirname(from.startsWith('file:') ? fileURLToPath(from) : from);
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && readName(manifest) === PACKAGE_NAME) break;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No package.json named "${PACKAGE_NAME}" above ${from}`);
    dir = parent;
  }
  if (from === import.meta.url) cached = dir;
  return dir;
}

/** An asset's absolute path from the package root, e.g. packagePath('models', 'forecaster.onnx'). */
export function packagePath(...segments: string[]): string {
  return join(packageRoot(), ...segments);
}

function readName(manifest: string): string | undefined {
  try {
    const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown };
    return typeof parsed.name === 'string' ? parsed.name : undefined;
  } catch {
    return undefined;
  }
}
