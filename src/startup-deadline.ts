/**
 * How long a start-up check may still wait so that a process that cannot start ends within `totalMs` of its
 * launch (module loading on a busy machine takes seconds of it), but never less than `minMs` for the check itself.
 */
export function startupBudgetMs(totalMs = 12_000, minMs = 3_000, uptimeSeconds: number = process.uptime()): number {
  return Math.max(minMs, Math.min(totalMs, Math.round(totalMs - uptimeSeconds * 1000)));
}
