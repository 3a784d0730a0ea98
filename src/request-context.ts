import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The request id of the answer being worked on, carried through async calls so that every log line on its way
 * (webhook, engine, LLM, store) names it without each layer passing it along. Background loops that serve many
 * requests (the conversation writers' drains) run outside it, so they never borrow one request's id.
 */
const storage = new AsyncLocalStorage<{ requestId: string }>();

export function runWithRequestId<T>(requestId: string, fn: () => T): T {
  return storage.run({ requestId }, fn);
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

export function outsideRequest<T>(fn: () => T): T {
  return storage.exit(fn);
}
