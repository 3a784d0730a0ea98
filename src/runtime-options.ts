import type OpenAI from 'openai';
import type { QueueDriver } from './app/queue-driver.js';
import type { EngineObserver } from './engine/index.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';

/** What a process hands the composition root besides its config. */
export interface RuntimeOptions {
  logger: Logger;
  /** Defaults to a fresh Prometheus registry for this runtime. */
  metrics?: Metrics;
  observer?: EngineObserver;
  /** Tests inject their own OpenAI client (e.g. pointed at a local stand-in). */
  openai?: OpenAI;
  /** The queue library, handed in by the process entry (bin/ gives workers/queue-driver.ts); no queues without it. */
  queues?: QueueDriver;
}
