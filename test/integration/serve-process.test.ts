import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { freePort } from '../fakes/private-redis.js';

describe('riskxpert serve as a real process', () => {
  it('starts from the composition root, answers health and a Kakao skill call, and shuts down cleanly on SIGTERM', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['bin/riskxpert.js', 'serve'], {
      env: {
        ...process.env,
        PORT: String(port),
        LOG_LEVEL: 'warn',
        PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
        FORECASTER: 'drift',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      let up = false;
      for (let i = 0; i < 300 && !up; i += 1) {
        up = await fetch(`http://127.0.0.1:${port}/healthz`).then(
          (r) => r.ok,
          () => false,
        );
        if (!up) await new Promise((r) => setTimeout(r, 100));
      }
      expect(up, stderr).toBe(true);
      const ready = (await (await fetch(`http://127.0.0.1:${port}/readyz`)).json()) as { ok: boolean };
      expect(ready.ok).toBe(true);
      const res = await fetch(`http://127.0.0.1:${port}/kakao/skill`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          userRequest: { utterance: 'S&P 500 3개월', user: { id: 'proc-user', type: 'botUserKey' } },
          action: { params: {} },
        }),
      });
      const body = (await res.json()) as {
        version: string;
        template: { outputs: { simpleImage?: { imageUrl: string } }[] };
      };
      expect(body.version).toBe('2.0');
      const image = body.template.outputs.find((o) => o.simpleImage)?.simpleImage?.imageUrl;
      expect(image).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/charts/`, 'u'));
      expect((await fetch(image!)).headers.get('content-type')).toBe('image/png');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 120_000);
});
