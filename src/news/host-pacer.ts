import Bottleneck from 'bottleneck';

export interface HostPacer {
  /** Runs `task` when the host's turn comes: one request at a time per host, `gapMs` between their starts. */
  schedule<T>(url: string, task: () => Promise<T>): Promise<T>;
  stop(): Promise<void>;
}

/** Per-host politeness: many feeds on one site never hit it at once; different hosts go in parallel. */
export function createHostPacer(gapMs: number): HostPacer {
  const group = new Bottleneck.Group({ maxConcurrent: 1, minTime: gapMs });
  return {
    schedule: (url, task) => group.key(new URL(url).host).schedule(task),
    async stop() {
      await Promise.all(group.limiters().map(({ limiter }) => limiter.disconnect()));
    },
  };
}
