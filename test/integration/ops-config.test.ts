import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createMetrics } from '../../src/metrics.js';

// No Docker engine here: the monitoring files are checked by parsing them and against the real metric registry.
const compose = parse(readFileSync('docker-compose.yml', 'utf8')) as {
  services: Record<string, { profiles?: string[]; volumes?: string[]; image?: string }>;
};
const dashboard = JSON.parse(readFileSync('ops/grafana/riskxpert-dashboard.json', 'utf8')) as {
  uid: string;
  panels: { title: string; datasource: { uid: string }; targets: { expr: string }[] }[];
};

describe('monitoring: Prometheus and Grafana', () => {
  it('are compose services under the optional "monitoring" profile, mounting files that exist', () => {
    for (const name of ['prometheus', 'grafana']) {
      const service = compose.services[name]!;
      expect(service.profiles).toEqual(['monitoring']);
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0]!;
        if (source.startsWith('./')) expect(existsSync(source), source).toBe(true);
      }
    }
    // The application's own services stay in the default profile.
    for (const name of ['server', 'worker', 'queue-redis', 'cache-redis', 'mongo'])
      expect(compose.services[name]?.profiles).toBeUndefined();
  });

  it('Prometheus scrapes the server on /metrics', () => {
    const config = parse(readFileSync('ops/prometheus.yml', 'utf8')) as {
      scrape_configs: { metrics_path: string; static_configs: { targets: string[] }[] }[];
    };
    const job = config.scrape_configs[0]!;
    expect(job.metrics_path).toBe('/metrics');
    expect(job.static_configs[0]!.targets).toContain('server:8080');
  });

  it('every dashboard query uses metric names the server really exports, through the provisioned datasource', async () => {
    const datasources = parse(readFileSync('ops/grafana/provisioning/datasources/prometheus.yml', 'utf8')) as {
      datasources: { uid: string; url: string }[];
    };
    const uid = datasources.datasources[0]!.uid;
    const metrics = createMetrics();
    const exported = new Set((await metrics.registry.getMetricsAsJSON()).map((m) => m.name));
    const used = new Set<string>();
    for (const panel of dashboard.panels) {
      expect(panel.datasource.uid, panel.title).toBe(uid);
      for (const target of panel.targets) {
        for (const name of target.expr.match(/riskxpert_[a-z0-9_]+/gu) ?? [])
          used.add(name.replace(/_(bucket|sum|count)$/u, ''));
      }
    }
    expect(used.size).toBeGreaterThanOrEqual(10);
    for (const name of used) expect(exported.has(name), `${name} is not exported`).toBe(true);
    for (const title of ['Cache hit ratio', 'Queue depth by state', 'Alert deliveries', 'Stage latency p50 / p99'])
      expect(dashboard.panels.map((p) => p.title)).toContain(title);
  });
});
