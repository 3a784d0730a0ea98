// Real `riskxpert` processes for the multi-process tests: a one-shot run, and a long-running one (serve, worker)
// whose output is collected and waited on. Everything goes through bin/riskxpert.js, as a user starts it.
import { spawn, type ChildProcess } from 'node:child_process';

export interface RunResult {
  code: number | null;
  out: string;
  err: string;
}

/** Runs one command to its end (etl run, status, ask, backup, restore...). */
export function runRiskxpert(args: string[], env: Record<string, string>, timeoutMs = 120_000): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/riskxpert.js', ...args], {
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`riskxpert ${args.join(' ')} did not finish in ${timeoutMs} ms:\n${out}\n${err}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
  });
}

export interface LongRunning {
  child: ChildProcess;
  output(): string;
  /** Resolves when the collected output matches; rejects with the output after `timeoutMs`. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

export function startRiskxpert(args: string[], env: Record<string, string>): LongRunning {
  const child = spawn(process.execPath, ['bin/riskxpert.js', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => out,
    async waitForOutput(pattern, timeoutMs = 60_000) {
      const until = Date.now() + timeoutMs;
      while (!pattern.test(out)) {
        if (Date.now() > until || child.exitCode !== null)
          throw new Error(`no ${pattern} in the output of riskxpert ${args.join(' ')}:\n${out}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Polls until `check` returns a value (not undefined); fails with `what` after the timeout. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 60_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

let updateId = 5_000;
/** A Telegram update as the Bot API posts it to the webhook: a private-chat message, a command when it starts with '/'. */
export function telegramUpdate(chatId: number, text: string) {
  updateId += 1;
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, type: 'private', first_name: 'Kim' },
      from: { id: chatId, is_bot: false, first_name: 'Kim', language_code: 'ko' },
      text,
      ...(text.startsWith('/')
        ? { entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }] }
        : {}),
    },
  };
}
