import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** A throw-away redis-server on its own port, so a test may kill and restart it without touching anyone else's. */
export interface PrivateRedis {
  port: number;
  url: string;
  stop(): Promise<void>;
  /** SIGSTOP: the socket stays open but nothing answers (a hung, swapping or paused server). */
  pause(): void;
  /** SIGCONT after pause(). */
  resume(): void;
}

export async function startPrivateRedis(port?: number): Promise<PrivateRedis> {
  const p = port ?? (await freePort());
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(p), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  let spawnError: Error | undefined;
  child.once('error', (err) => (spawnError = err));
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (spawnError) throw new Error(`redis-server could not start: ${spawnError.message}`);
    const up = await new Promise<boolean>((resolve) => {
      const sock = createServer().listen(p, '127.0.0.1');
      sock.on('listening', () => sock.close(() => resolve(false)));
      sock.on('error', () => resolve(true));
    });
    if (up) break;
    if (Date.now() > deadline) throw new Error('redis-server did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port: p,
    url: `redis://127.0.0.1:${p}`,
    pause: () => void child.kill('SIGSTOP'),
    resume: () => void child.kill('SIGCONT'),
    stop: () =>
      new Promise<void>((resolve) => {
        // A child killed by a signal keeps exitCode null and sets signalCode: either means it is gone already.
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}
