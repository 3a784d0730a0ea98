import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

/**
 * JSON logs to stderr (stdout belongs to the CLI's answer). Secrets are redacted by path wherever
 * they could appear; message texts are logged only at debug level by the callers.
 *
 * A request's id travels explicitly: adapters name it on their lines, the engine logs through a child logger that
 * carries it and hands it to the narrator and the cache. Not through AsyncLocalStorage: on Node 20 its async hooks
 * tax every promise in the process, about a tenth of a cached Kakao answer's CPU (`npm run bench:kakao`).
 */
export function createLogger(options: { level: string; name?: string; destination?: DestinationStream }): Logger {
  return pino(
    {
      name: options.name ?? 'riskxpert',
      level: options.level,
      redact: {
        paths: [
          'apiKey',
          '*.apiKey',
          'token',
          '*.token',
          'authorization',
          '*.authorization',
          'headers.authorization',
          'password',
          '*.password',
        ],
        censor: '[redacted]',
      },
    },
    options.destination ?? pino.destination(2),
  );
}

export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}
