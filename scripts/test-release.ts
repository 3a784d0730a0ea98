/**
 * `npm run test:release`: what ships is what is tested. Builds, lays out in a temporary folder exactly what the
 * Dockerfile's runtime stage copies (read from the Dockerfile, production dependencies only), and runs the product
 * from there as a container would: `ask`, `serve` (health, readiness, Kakao, Telegram, web page) and `worker`.
 * With a Docker engine it also builds the image and runs the same checks inside it; without one it says so.
 * Exit code 1 on any failure; under CI=true a check that could not run (no redis-server) is a failure too.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readStamp, sourceHash } from '../bin/build-stamp.js';
import { parseRuntimeStage } from './release/dockerfile-runtime.js';
import { dockerLauncher, folderLauncher } from './release/launcher.js';
import { checkPack } from './release/pack-check.js';
import { askCheck, serveCheck, workerCheck, type Check, type Outcome } from './release/product-checks.js';
import { stageLayout } from './release/stage-layout.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const ci = process.env.CI === 'true' || process.env.CI === '1';
const results: { name: string; outcome: Outcome }[] = [];

function report(name: string, outcome: Outcome): void {
  results.push({ name, outcome });
  const mark = { pass: 'ok  ', fail: 'FAIL', skipped: 'SKIP' }[outcome.status];
  process.stdout.write(`release: ${mark} ${name}: ${outcome.detail.split('\n').join('\n      ')}\n`);
}

async function runAll(prefix: string, checks: Check[]): Promise<void> {
  for (const check of checks) {
    const t0 = Date.now();
    const outcome = await check.run();
    report(`${prefix}${check.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`, outcome);
  }
}

function step(name: string, body: () => string): boolean {
  try {
    report(name, { status: 'pass', detail: body() });
    return true;
  } catch (err) {
    report(name, { status: 'fail', detail: (err as Error).message });
    return false;
  }
}

const redisRequired = ci;
const stage = parseRuntimeStage(readFileSync(join(repo, 'Dockerfile'), 'utf8'));

if (process.env.RELEASE_SKIP_BUILD !== '1') {
  step('build (npm run build)', () => {
    const r = spawnSync(process.execPath, [join(repo, 'scripts/build.mjs')], { cwd: repo, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${r.stdout}${r.stderr}`);
    if (readStamp(repo) !== sourceHash(repo))
      throw new Error('dist/build-stamp.json does not match the sources just built');
    return 'dist/ and a dist/build-stamp.json that matches the sources';
  });
}

const layout = mkdtempSync(join(tmpdir(), 'riskxpert-release-'));
// Node looks for packages in every parent's node_modules: one above the layout would hide a missing dependency.
for (let dir = dirname(layout); dir !== dirname(dir); dir = dirname(dir)) {
  if (existsSync(join(dir, 'node_modules')))
    report('layout isolation', {
      status: 'fail',
      detail: `${dir}/node_modules is above the layout and could mask a missing dependency`,
    });
}
const staged = step(`layout of the Dockerfile's ${stage.name ?? 'last'} stage`, () => {
  const notes = stageLayout(repo, stage.copies, layout);
  const listed = stage.copies.map((c) => `${c.from ? `${c.from}:` : ''}${c.sources.join(' ')}`).join(', ');
  return `${layout}: ${listed}${notes.length ? `; ${notes.join('; ')}` : ''}`;
});

try {
  if (staged) {
    const launch = folderLauncher(layout, stage.entrypoint, stage.env);
    await runAll('layout: ', [askCheck(launch), serveCheck(launch, repo), workerCheck(launch, { redisRequired })]);
  }
  step('npm pack --dry-run', () => checkPack(repo, stage.copies));

  const engine = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { encoding: 'utf8' });
  if (engine.status !== 0) {
    process.stdout.write(
      'release: docker: no engine; image not built (the checks above ran on the same files, laid out as the image)\n',
    );
    results.push({ name: 'docker', outcome: { status: 'skipped', detail: 'no engine' } });
  } else {
    const image = `riskxpert:release-check-${process.pid}`;
    const built = step(`docker build (engine ${engine.stdout.trim()})`, () => {
      const r = spawnSync('docker', ['build', '-t', image, '.'], {
        cwd: repo,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      if (r.status !== 0) throw new Error(`${r.stdout.slice(-3000)}${r.stderr.slice(-3000)}`);
      return image;
    });
    if (built) {
      const launch = dockerLauncher(image);
      await runAll('image: ', [askCheck(launch), serveCheck(launch, repo), workerCheck(launch, { redisRequired })]);
      spawnSync('docker', ['image', 'rm', '-f', image], { stdio: 'ignore' });
    }
  }
} finally {
  if (process.env.RELEASE_KEEP_LAYOUT !== '1') rmSync(layout, { recursive: true, force: true });
}

// The image not built for want of an engine is reported, never counted as a pass or a failure.
const failed = results.filter(
  (r) => r.outcome.status === 'fail' || (r.outcome.status === 'skipped' && ci && r.name !== 'docker'),
);
const passed = results.filter((r) => r.outcome.status === 'pass').length;
process.stdout.write(
  `release: ${passed} passed, ${failed.length} failed, ${results.filter((r) => r.outcome.status === 'skipped').length} not run\n`,
);
process.exit(failed.length ? 1 : 0);
