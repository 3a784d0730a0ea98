import type { Response } from 'express';

export interface SseStream {
  send(event: string, data: unknown): void;
  close(): void;
  /** Aborted when the client goes away (tab closed, network lost): stop the work behind the stream. */
  signal: AbortSignal;
}

/**
 * Server-Sent Events on a POST response (the page reads it with fetch and a ReadableStream). Comment lines keep
 * proxies and load balancers from closing an idle connection while the engine is still thinking.
 */
export function openSse(res: Response, options: { heartbeatMs: number }): SseStream {
  const controller = new AbortController();
  res.status(200);
  res.setHeader('content-type', 'text/event-stream; charset=utf-8');
  res.setHeader('cache-control', 'no-cache, no-store, no-transform');
  // nginx buffers proxied responses unless told not to; an answer that arrives all at the end is not streaming.
  res.setHeader('x-accel-buffering', 'no');
  res.flushHeaders();
  res.socket?.setNoDelay(true);
  const heartbeat = setInterval(() => res.write(': ping\n\n'), options.heartbeatMs);
  heartbeat.unref();
  res.on('close', () => {
    clearInterval(heartbeat);
    if (!res.writableFinished) controller.abort(new Error('client disconnected'));
  });
  return {
    signal: controller.signal,
    send(event, data) {
      if (res.writableEnded || res.destroyed) return;
      // JSON.stringify never emits a raw newline, so one data: line carries the whole event.
      res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    close() {
      clearInterval(heartbeat);
      if (!res.writableEnded) res.end();
    },
  };
}
