/** The one call the probe makes: GET {baseURL}/models (the OpenAI client has it; so do compatible servers). */
export interface ModelListingClient {
  models: { list(options?: { timeout?: number; maxRetries?: number }): PromiseLike<unknown> };
}

export interface LlmProbeResult {
  reachable: boolean;
  /** Why not, in a few words (HTTP status, timeout, connection refused); never the key or a response body. */
  reason?: string;
  checkedAt: number;
}

export interface LlmProbe {
  /** The last result if it is younger than the interval, else a fresh probe (one at a time, bounded by the timeout). */
  check(): Promise<LlmProbeResult>;
}

function reasonOf(err: unknown): string {
  const e = err as { status?: unknown; name?: unknown; code?: unknown; cause?: { code?: unknown } };
  if (typeof e.status === 'number') return `HTTP ${e.status}`;
  // The OpenAI client's timeout error keeps name 'Error'; its class says what it is.
  if (
    e.name === 'APIConnectionTimeoutError' ||
    (err as object | undefined)?.constructor?.name === 'APIConnectionTimeoutError'
  )
    return 'timed out';
  const code = e.cause?.code ?? e.code;
  if (typeof code === 'string' && /^[A-Z_]{2,40}$/u.test(code)) return code.toLowerCase();
  return 'no connection';
}

/**
 * Whether the LLM endpoint answers, for /readyz only: answers never wait on it (they have their own deadlines and
 * the deterministic fallback). A listing of models costs no tokens; it runs at most once per interval however
 * often the probe is scraped, so a load balancer polling /readyz every second does not poll the provider.
 */
export function createLlmProbe(deps: {
  client: ModelListingClient;
  timeoutMs?: number;
  intervalMs?: number;
  now?: () => number;
}): LlmProbe {
  const now = deps.now ?? Date.now;
  const timeoutMs = deps.timeoutMs ?? 2_000;
  const intervalMs = deps.intervalMs ?? 30_000;
  let last: LlmProbeResult | undefined;
  let running: Promise<LlmProbeResult> | undefined;

  async function probe(): Promise<LlmProbeResult> {
    let timer: NodeJS.Timeout | undefined;
    try {
      // The client's own timeout, and ours in case a compatible client ignores it.
      const listed = Promise.resolve(deps.client.models.list({ timeout: timeoutMs, maxRetries: 0 }));
      const deadline = new Promise<never>(
        (_, reject) =>
          (timer = setTimeout(
            () => reject(Object.assign(new Error('timed out'), { name: 'APIConnectionTimeoutError' })),
            timeoutMs + 250,
          )),
      );
      await Promise.race([listed, deadline]);
      return { reachable: true, checkedAt: now() };
    } catch (err) {
      return { reachable: false, reason: reasonOf(err), checkedAt: now() };
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    check() {
      if (last && now() - last.checkedAt < intervalMs) return Promise.resolve(last);
      running ??= probe().then((r) => {
        last = r;
        running = undefined;
        return r;
      });
      return running;
    },
  };
}
