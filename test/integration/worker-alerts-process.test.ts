import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { startPrivateRedis } from '../fakes/private-redis.js';
import { startAlertStandIns } from '../fakes/alert-harness.js';

describe('riskxpert worker as a real process', () => {
  it('runs the alerts and notify workers for every platform with credentials, and exits cleanly on SIGTERM', async () => {
    // A Redis of its own: the worker uses the real queue names, which must not touch anyone else's.
    const redis = await startPrivateRedis();
    const standIns = await startAlertStandIns();
    const child = spawn(process.execPath, ['bin/riskxpert.js', 'worker'], {
      env: {
        ...process.env,
        ...standIns.env,
        NODE_ENV: 'development',
        QUEUE_REDIS_URL: redis.url,
        LOG_LEVEL: 'info',
        FORECASTER: 'drift',
        DISCORD_TOKEN: '',
        ETL_PROVIDERS: 'csv',
        WORKER_METRICS_PORT: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      for (let i = 0; i < 300 && !out.includes('alerts and notify workers running'); i += 1)
        await new Promise((r) => setTimeout(r, 100));
      const line = out.split('\n').find((l) => l.includes('alerts and notify workers running'));
      expect(line, out).toBeDefined();
      expect((JSON.parse(line!) as { platforms: string[] }).platforms).toEqual(['telegram', 'kakao']);
    } finally {
      child.kill('SIGTERM');
      const code = await exited;
      await standIns.close();
      await redis.stop();
      expect(code, out).toBe(0);
    }
  }, 120_000);
});
