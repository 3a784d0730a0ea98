import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { sourceHash, STAMP_FILE } from '../../bin/build-stamp.js';

const run = promisify(execFile);
const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

/**
 * A package with the real bin/ and stand-in entry points that say which one ran: src/cli.ts ("sources") and
 * dist/src/cli.js ("dist"), so each case shows what bin/riskxpert.js chose.
 */
function fakePackage(options: { sources?: boolean; dist?: boolean; tsx?: boolean } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'rx-bin-'));
  dirs.push(dir);
  cpSync(resolve('bin'), join(dir, 'bin'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'riskxpert', type: 'module' }));
  const main = (who: string) => `export async function main() { process.stdout.write('${who}\\n'); return 0; }\n`;
  // The command registry bin reads first: no command modules, a queue driver never loaded by the stand-in main.
  const registry =
    "export const modulesFor = () => [];\nexport const QUEUE_DRIVER = { module: 'none', export: 'none' };\n";
  if (options.sources !== false) {
    mkdirSync(join(dir, 'src', 'cli'), { recursive: true });
    writeFileSync(join(dir, 'src', 'cli.ts'), main('sources'));
    writeFileSync(join(dir, 'src', 'cli', 'command-registry.ts'), registry);
  }
  if (options.dist !== false) {
    mkdirSync(join(dir, 'dist', 'src', 'cli'), { recursive: true });
    writeFileSync(join(dir, 'dist', 'src', 'cli.js'), main('dist'));
    writeFileSync(join(dir, 'dist', 'src', 'cli', 'command-registry.js'), registry);
  }
  if (options.tsx !== false) symlinkSync(resolve('node_modules'), join(dir, 'node_modules'));
  return dir;
}

function stamp(dir: string): void {
  writeFileSync(join(dir, STAMP_FILE), JSON.stringify({ sources: sourceHash(dir) }));
}

async function riskxpert(dir: string): Promise<{ out: string; err: string; code: number }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(dir, 'bin', 'riskxpert.js'), 'ask', 'x'], {
      cwd: dir,
    });
    return { out: stdout, err: stderr, code: 0 };
  } catch (e) {
    const err = e as { stdout: string; stderr: string; code: number };
    return { out: err.stdout, err: err.stderr, code: err.code };
  }
}

describe('bin/riskxpert.js runs dist/ only while it matches the sources', () => {
  it('runs dist/ when its stamp matches the sources', async () => {
    const dir = fakePackage();
    stamp(dir);
    const r = await riskxpert(dir);
    expect(r.out).toBe('dist\n');
    expect(r.err).toBe('');
  });

  it('runs the sources, and says so, once a source file changed after the build', async () => {
    const dir = fakePackage();
    stamp(dir);
    writeFileSync(
      join(dir, 'src', 'cli.ts'),
      `${"export async function main() { process.stdout.write('sources\\n'); return 0; }"}\n// edited\n`,
    );
    const r = await riskxpert(dir);
    expect(r.out).toBe('sources\n');
    expect(r.err).toMatch(/dist\/ is older than the sources/u);
  });

  it('runs the sources when dist/ has no stamp (a build from before stamps, or tsc run by hand)', async () => {
    const r = await riskxpert(fakePackage());
    expect(r.out).toBe('sources\n');
  });

  it('runs dist/ where there are no sources: an installed package or the image', async () => {
    const r = await riskxpert(fakePackage({ sources: false, tsx: false }));
    expect(r.out).toBe('dist\n');
  });

  it('refuses clearly when the build is stale and tsx is not installed', async () => {
    const r = await riskxpert(fakePackage({ tsx: false }));
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/the sources need tsx .* run `npm install` then `npm run build`/u);
  });

  it('the stamp covers the compiler settings too', () => {
    const dir = fakePackage();
    const before = sourceHash(dir);
    writeFileSync(join(dir, 'tsconfig.json'), '{}');
    expect(sourceHash(dir)).not.toBe(before);
  });
});
