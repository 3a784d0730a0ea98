import { spawn } from 'node:child_process';
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeDiscord } from '../fakes/discord-rest.js';
import { startFakeTelegram } from '../fakes/telegram-bot-api.js';

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!().catch(() => undefined);
});

/** `riskxpert <command>` as a user starts it; resolves with its exit code, output and how long it ran. */
function start(command: string, env: Record<string, string>, extra: string[] = []) {
  const t0 = Date.now();
  const child = spawn(process.execPath, ['bin/riskxpert.js', command, ...extra], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<{ code: number | null; ms: number }>((resolve) =>
    child.once('exit', (code) => resolve({ code, ms: Date.now() - t0 })),
  );
  closers.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return { child, exited, output: () => output };
}

/**
 * The bound a failing start must meet: 15 s, or, on a machine so busy that loading the command's modules alone
 * takes longer, 4 s past that load (measured here with `--help`, which loads the same modules and exits).
 */
async function exitBound(command: string): Promise<number> {
  const { exited } = start(command, { TELEGRAM_BOT_TOKEN: 'x', DISCORD_TOKEN: 'x' }, ['--help']);
  const { ms } = await exited;
  return Math.max(15_000, ms + 4_000);
}

/** A TCP server that accepts connections and never answers: Telegram or Discord behind a black-holing network. */
async function startSilentServer(): Promise<string> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((s) => sockets.add(s));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((r) => server.close(r));
  });
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

describe('riskxpert telegram start-up', () => {
  it('a wrong token: exits within 15 s, saying Telegram rejected TELEGRAM_BOT_TOKEN', async () => {
    const tg = await startFakeTelegram({ token: '111:right' });
    closers.push(() => tg.close());
    const bound = await exitBound('telegram');
    const p = start('telegram', { TELEGRAM_BOT_TOKEN: '111:wrong', TELEGRAM_API_ROOT: tg.apiRoot });
    const { code, ms } = await p.exited;
    expect(code).toBe(2);
    expect(ms).toBeLessThan(bound);
    expect(p.output()).toMatch(/Telegram rejected TELEGRAM_BOT_TOKEN \(404/u);
  });

  it('Telegram unreachable (connections accepted, never answered): exits within 15 s naming the timeout', async () => {
    const root = await startSilentServer();
    const bound = await exitBound('telegram');
    const p = start('telegram', { TELEGRAM_BOT_TOKEN: '111:right', TELEGRAM_API_ROOT: root });
    const { code, ms } = await p.exited;
    expect(code).toBe(1);
    expect(ms).toBeLessThan(bound);
    expect(p.output()).toMatch(new RegExp(`did not answer getMe within [\\d.]+ s at ${root}`, 'u'));
  });

  it('setMyCommands failing (503 twice) is logged and retried: the bot polls meanwhile and the menu lands', async () => {
    const tg = await startFakeTelegram({ token: '111:right', failFirst: { setMyCommands: { times: 2, code: 503 } } });
    closers.push(() => tg.close());
    const p = start('telegram', { TELEGRAM_BOT_TOKEN: '111:right', TELEGRAM_API_ROOT: tg.apiRoot });
    // Waits on the stand-in's request log: the menu is in once setMyCommands has been answered ok (twice: en, ko).
    const deadline = Date.now() + 45_000;
    const landed = () => tg.calls.filter((c) => c.method === 'setMyCommands' && c.outcome === 'ok').length === 2;
    while (!landed() && Date.now() < deadline && p.child.exitCode === null) await new Promise((r) => setTimeout(r, 50));
    expect(p.child.exitCode).toBeNull();
    expect(landed()).toBe(true);
    expect(tg.calls.filter((c) => c.method === 'setMyCommands' && c.outcome !== 'ok')).toHaveLength(2);
    expect(tg.calls.some((c) => c.method === 'getUpdates')).toBe(true);
    expect(p.output()).toMatch(/setMyCommands failed; the bot answers anyway, retrying the menu/u);
    p.child.kill('SIGTERM');
    expect((await p.exited).code).toBe(0);
  });
});

describe('riskxpert discord start-up', () => {
  it('a wrong token: exits within 15 s, saying Discord rejected DISCORD_TOKEN', async () => {
    const dc = await startFakeDiscord({ botToken: 'right-token' });
    closers.push(() => dc.close());
    const bound = await exitBound('discord');
    const p = start('discord', { DISCORD_TOKEN: 'wrong-token', DISCORD_API_BASE: dc.api });
    const { code, ms } = await p.exited;
    expect(code).toBe(2);
    expect(ms).toBeLessThan(bound);
    expect(p.output()).toMatch(/Discord rejected DISCORD_TOKEN \(401 Unauthorized\)/u);
    expect(dc.calls.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /api/v10/users/@me']);
  });

  it('Discord unreachable: exits within 15 s naming the timeout', async () => {
    const root = await startSilentServer();
    const bound = await exitBound('discord');
    const p = start('discord', { DISCORD_TOKEN: 'any', DISCORD_API_BASE: `${root}/api` });
    const { code, ms } = await p.exited;
    expect(code).toBe(1);
    expect(ms).toBeLessThan(bound);
    expect(p.output()).toMatch(/Discord did not answer within [\d.]+ s/u);
  });
});
