import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Peak RSS of the README's demo command, measured by GNU time around a real process. */
export async function run(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'rx-demo-'));
  const args = [
    '-f',
    '%M',
    process.execPath,
    'bin/riskxpert.js',
    'ask',
    '앞으로 6개월 S&P 500 어때?',
    '--chart',
    join(dir, 'demo.png'),
  ];
  const started = performance.now();
  const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = spawn('/usr/bin/time', args, {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, LOG_LEVEL: 'warn' },
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (c) => resolve({ code: c, stderr: err }));
  });
  const wall = performance.now() - started;
  const kb = Number(stderr.trim().split('\n').at(-1));
  if (code !== 0 || !Number.isFinite(kb)) throw new Error(`demo failed (exit ${code}): ${stderr}`);
  console.log('# demo process (`riskxpert ask`, offline defaults, ONNX model, chart written)');
  console.log(
    `demo peak RSS                                        ${(kb / 1024).toFixed(1)} MB   wall ${(wall / 1000).toFixed(2)} s (includes tsx start-up)`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
