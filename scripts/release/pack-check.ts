import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RuntimeCopy } from './dockerfile-runtime.js';

/**
 * What `npm pack` would publish, held against what the runtime needs: everything the image copies from the
 * repository and the build (except node_modules, which npm installs), the build stamp, no TypeScript sources
 * (bin would then run them through tsx, a dev dependency) and no `files` entry that matches nothing.
 */
export function checkPack(repo: string, copies: RuntimeCopy[]): string {
  const raw = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: repo,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [report] = JSON.parse(raw) as { files: { path: string }[]; size: number; unpackedSize: number }[];
  if (!report) throw new Error('npm pack --dry-run --json printed nothing');
  const files = report.files.map((f) => f.path);
  const has = (path: string) => files.some((f) => f === path || f.startsWith(`${path}/`));
  const problems: string[] = [];

  for (const copy of copies) {
    for (const source of copy.sources) {
      if (source === 'node_modules') continue;
      if (!has(source)) problems.push(`the image copies ${source} but npm pack leaves it out`);
    }
  }
  for (const needed of ['dist/src/cli.js', 'dist/build-stamp.json', 'bin/riskxpert.js', 'bin/build-stamp.js']) {
    if (!has(needed)) problems.push(`npm pack leaves out ${needed}`);
  }
  const sources = files.filter((f) => /^(src|adapters|workers)\/.*\.ts$/u.test(f) && !f.endsWith('.d.ts'));
  if (sources.length) problems.push(`npm pack ships TypeScript sources (${sources.slice(0, 3).join(', ')}…)`);

  const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { files?: string[] };
  for (const entry of manifest.files ?? []) {
    const pattern = new RegExp(`^${entry.replace(/[.+^${}()|[\]\\]/gu, '\\$&').replace(/\*/gu, '[^/]*')}(/|$)`, 'u');
    if (!files.some((f) => pattern.test(f)))
      problems.push(`package.json "files" names ${entry}, which matches nothing`);
  }
  if (problems.length) throw new Error(problems.join('\n'));
  return `${files.length} files, ${(report.unpackedSize / 1e6).toFixed(1)} MB unpacked`;
}
