// Runs before every test file: the embedded database is the default store, and a test must never write to the
// developer's ~/.riskxpert nor share rows with another test file. Each file gets a home of its own (configs built
// from explicit env objects resolve ~ through os.homedir(), which reads HOME); spawned processes inherit it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const home = mkdtempSync(join(tmpdir(), 'rx-test-home-'));
process.env.HOME = home;
delete process.env.RISKXPERT_HOME;
afterAll(() => rmSync(home, { recursive: true, force: true }));
