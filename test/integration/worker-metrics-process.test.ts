import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { ETL_QUEUE } from '../../workers/etl-queue.js';
import { startPrivateRedis } from '../fakes/private-redis.js';

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise((r) => s.close(r));
  return port;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('riskxpert worker exposes /metrics', () => {
  it('serves job outcomes of the etl worker, queue depths of etl, alerts and notify, and closes on SIGTERM', async () => {
    // A Redis of its own: the worker uses the real queue names.
    const redis = await startPrivateRedis();
    const dir = await mkdtemp(join(tmpdir(), 'rx-worker-metrics-'));
    await writeFile(join(dir, 'gold_monthly.csv'), 'Date,Price\n2024-01,2000\n2024-02,2050\n2024-03,2100\n');
    const port = await freePort();
    const child = spawn(process.execPath, ['bin/riskxpert.js', 'worker'], {
      env: {
        ...process.env,
        NODE_ENV: 'development',
        QUEUE_REDIS_URL: redis.url,
        REDIS_URL: '',
        MONGODB_URL: '',
        LOG_LEVEL: 'info',
        FORECASTER: 'drift',
        ETL_PROVIDERS: 'csv',
        RISKXPERT_DATA_DIR: dir,
        WORKER_METRICS_PORT: String(port),
        TELEGRAM_BOT_TOKEN: '',
        DISCORD_TOKEN: '',
        KAKAO_REST_API_KEY: '',
        LLM_API_KEY: '',
        OPENAI_API_KEY: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const queue = new Queue(ETL_QUEUE, { connection: { url: redis.url } });
    try {
      for (let i = 0; i < 300 && !out.includes('worker metrics listening'); i += 1) await sleep(100);
      expect(out).toContain('worker metrics listening');
      const base = `http://127.0.0.1:${port}`;
      expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ ok: true });
      expect((await fetch(`${base}/nope`)).status).toBe(404);

      // One load that works (gold from the CSV) and one with no source configured (fails every attempt).
      await queue.add('etl', { indicatorId: 'gold' }, { jobId: 'metrics-gold' });
      await queue.add('etl', { indicatorId: 'no-such-indicator' }, { jobId: 'metrics-missing', attempts: 1 });
      let text = '';
      for (let i = 0; i < 200; i += 1) {
        const res = await fetch(`${base}/metrics`);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toMatch(/^text\/plain/u);
        text = await res.text();
        if (
          /riskxpert_queue_jobs_total\{queue="riskxpert-etl",outcome="completed"\} 1/u.test(text) &&
          /riskxpert_queue_jobs_total\{queue="riskxpert-etl",outcome="failed"\} 1/u.test(text)
        )
          break;
        await sleep(100);
      }
      expect(text, out).toMatch(/riskxpert_queue_jobs_total\{queue="riskxpert-etl",outcome="completed"\} 1/u);
      expect(text).toMatch(/riskxpert_queue_jobs_total\{queue="riskxpert-etl",outcome="failed"\} 1/u);
      // Depths of every queue the process works on, read from Redis on the scrape.
      expect(text).toMatch(/riskxpert_queue_jobs\{queue="riskxpert-etl",state="completed"\} 1/u);
      expect(text).toMatch(/riskxpert_queue_jobs\{queue="riskxpert-etl",state="failed"\} 1/u);
      expect(text).toMatch(/riskxpert_queue_jobs\{queue="alerts",state="waiting"\} \d+/u);
      // The gold load changed the series, so its alerts evaluation ran in the same process (outcome counted, or about to be).
      for (
        let i = 0;
        i < 100 && !/riskxpert_queue_jobs_total\{queue="alerts",outcome="completed"\} 1/u.test(text);
        i += 1
      ) {
        await sleep(100);
        text = await (await fetch(`${base}/metrics`)).text();
      }
      expect(text).toMatch(/riskxpert_queue_jobs_total\{queue="alerts",outcome="completed"\} 1/u);
      expect(text).toMatch(/riskxpert_queue_jobs\{queue="notify-telegram",state="waiting"\} \d+/u);
      expect(text).toMatch(/# TYPE riskxpert_alert_deliveries_total counter/u);
      expect(text).toMatch(/riskxpert_process_resident_memory_bytes \d+/u);
    } finally {
      await queue.close();
      child.kill('SIGTERM');
      const code = await exited;
      await redis.stop();
      await rm(dir, { recursive: true, force: true });
      expect(code, out).toBe(0);
    }
    // Closed with the process: nothing listens on the port any more.
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  }, 120_000);
});
