import type { ReadinessCheck } from '../../src/runtime.js';

/** What the service does while a dependency is down, in words an operator reads on /readyz. */
const IMPACT: Record<string, string> = {
  cache:
    'answers are not cached: every question is computed (slower, same answers); rate limits decide per process; chart links are kept in this process memory',
  store:
    'conversations wait in a queue and are written when the store is back; /history may miss the latest answers meanwhile',
  llm: 'the deterministic narrator writes every summary and scenario',
};

export interface ReadinessBody {
  /** True while this instance should get traffic (also when degraded). */
  ok: boolean;
  /** ok: everything up; degraded: answering with a dependency down (see `degraded`); draining: shutting down. */
  status: 'ok' | 'degraded' | 'draining';
  draining: boolean;
  degraded: { name: string; detail: string; impact: string }[];
  summary: string;
  checks: ReadinessCheck[];
}

/**
 * /readyz: 200 while the instance answers questions, degraded or not (a cache or store outage costs speed or
 * history, never answers, so taking the instance out of the balancer would only make things worse); 503 only when
 * draining. The body names each degraded dependency and what the service does meanwhile.
 */
export function readinessReport(checks: ReadinessCheck[], draining: boolean): { ready: boolean; body: ReadinessBody } {
  const degraded = checks
    .filter((c) => !c.ok || (c.name === 'llm' && /^unreachable/u.test(c.detail)))
    .map((c) => ({ name: c.name, detail: c.detail, impact: IMPACT[c.name] ?? 'answers continue without it' }));
  const status = draining ? 'draining' : degraded.length ? 'degraded' : 'ok';
  const summary =
    status === 'draining'
      ? 'draining: finishing in-flight requests, send no new traffic'
      : status === 'degraded'
        ? `degraded: ${degraded.map((d) => `${d.name} down, ${d.impact}`).join('; ')}`
        : 'ok: every dependency is up';
  return { ready: !draining, body: { ok: !draining, status, draining, degraded, summary, checks } };
}
