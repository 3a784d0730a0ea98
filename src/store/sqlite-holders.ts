import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Which processes have the database open: one empty file per pid in `<db>.holders/`. A SQLite lock cannot say
 * this in WAL mode (an idle reader holds nothing a probe could see), and `riskxpert restore` must never replace
 * a file a server or worker is using. A holder that died without closing is recognised by its pid being gone.
 */
export function holdersDir(file: string): string {
  return `${file}.holders`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else; it still holds the file.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// The pid files this process wrote, removed on exit even when a database was never closed (one listener in all).
const held = new Map<string, number>();
let exitHook = false;
function removeAllHeld(): void {
  for (const path of held.keys()) rmSync(path, { force: true });
  held.clear();
}

export function registerHolder(file: string): { release(): void } {
  const dir = holdersDir(file);
  const mine = join(dir, String(process.pid));
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    // Several connections of one process may hold the same file: the pid file goes with the last.
    const n = (held.get(mine) ?? 1) - 1;
    if (n > 0) held.set(mine, n);
    else {
      held.delete(mine);
      rmSync(mine, { force: true });
    }
  };
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(mine, `${new Date().toISOString()}\n`);
    held.set(mine, (held.get(mine) ?? 0) + 1);
    if (!exitHook) {
      exitHook = true;
      process.on('exit', removeAllHeld);
    }
  } catch {
    // A read-only folder: the database opened, so run on; restore then cannot see this process, and says so.
    released = true;
  }
  return { release };
}

/** The pids (other than this process) that hold the file now; files of dead processes are removed on the way. */
export function liveHolders(file: string): number[] {
  let names: string[];
  try {
    names = readdirSync(holdersDir(file));
  } catch {
    return [];
  }
  const out: number[] = [];
  for (const name of names) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) continue;
    if (alive(pid)) out.push(pid);
    else rmSync(join(holdersDir(file), name), { force: true });
  }
  return out;
}
