import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config.js';

describe('monitoring: the worker scrape target', () => {
  it('Prometheus finds every worker replica on the port `riskxpert worker` serves /metrics on by default', () => {
    const config = parse(readFileSync('ops/prometheus.yml', 'utf8')) as {
      scrape_configs: {
        job_name: string;
        metrics_path: string;
        dns_sd_configs?: { names: string[]; type: string; port: number }[];
      }[];
    };
    const job = config.scrape_configs.find((j) => j.job_name === 'riskxpert-worker');
    expect(job?.metrics_path).toBe('/metrics');
    const compose = parse(readFileSync('docker-compose.yml', 'utf8')) as { services: Record<string, unknown> };
    expect(compose.services).toHaveProperty(job!.dns_sd_configs![0]!.names[0]!);
    expect(job!.dns_sd_configs![0]!.type).toBe('A');
    expect(job!.dns_sd_configs![0]!.port).toBe(loadConfig({}).http.workerMetricsPort);
  });

  it('the queue depth panel does not add up the same queue reported by several processes', () => {
    const dashboard = JSON.parse(readFileSync('ops/grafana/riskxpert-dashboard.json', 'utf8')) as {
      panels: { title: string; targets: { expr: string }[] }[];
    };
    const depth = dashboard.panels.find((p) => p.title === 'Queue depth by state');
    expect(depth?.targets[0]?.expr).toMatch(/^max by \(queue, state\) \(riskxpert_queue_jobs\{/u);
  });
});
