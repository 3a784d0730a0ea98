import { spawn, type ChildProcess } from 'node:child_process';

/** Starts `riskxpert <args>` in one shipped layout: a folder laid out as the image, or the image itself. */
export type Launch = (args: string[], env: Record<string, string>) => ChildProcess;

export interface Running {
  child: ChildProcess;
  /** Everything written so far to stdout and stderr. */
  output(): string;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
  /** Resolves when `pattern` appears in the output; rejects when the process ends first or after `ms`. */
  waitFor(pattern: RegExp, ms: number): Promise<void>;
  /** SIGTERM, then the exit code; SIGKILL and a rejection when it has not ended after `ms`. */
  stop(ms: number): Promise<number | string>;
}

export function track(child: ChildProcess): Running {
  let text = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    text += chunk.toString();
    for (const l of listeners) l();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  let ended = false;
  void exited.then(() => {
    ended = true;
    for (const l of listeners) l();
  });
  return {
    child,
    output: () => text,
    exited,
    waitFor(pattern, ms) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (pattern.test(text)) done(() => resolve());
          else if (ended) done(() => reject(new Error(`exited before printing ${pattern}:\n${tail(text)}`)));
        };
        const timer = setTimeout(
          () => done(() => reject(new Error(`no ${pattern} within ${ms} ms:\n${tail(text)}`))),
          ms,
        );
        const done = (settle: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          settle();
        };
        listeners.add(check);
        check();
      });
    },
    async stop(ms) {
      if (!ended) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), ms);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

export function tail(text: string, lines = 25): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/** The layout on this machine: ENTRYPOINT run in the folder, with the image's ENV and nothing of this shell's. */
export function folderLauncher(dir: string, entrypoint: string[], imageEnv: Record<string, string>): Launch {
  const [command = 'node', ...head] = entrypoint;
  // Only what a bare container has: no MODEL_PATH, RISKXPERT_DATA_DIR or REDIS_URL leaking in from this shell.
  const base: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, LANG: 'C.UTF-8' };
  return (args, env) =>
    spawn(command === 'node' ? process.execPath : command, [...head, ...args], {
      cwd: dir,
      env: { ...base, ...imageEnv, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
}

/** The image, on the host's network so it reaches the stand-ins and the private Redis on loopback. */
export function dockerLauncher(image: string): Launch {
  return (args, env) =>
    spawn(
      'docker',
      [
        'run',
        '--rm',
        '--init',
        '--network',
        'host',
        ...Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]),
        image,
        ...args,
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
}
