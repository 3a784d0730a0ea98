import { pino, type Logger, type DestinationStream } from 'pino';
import { currentRequestId } from './request-context.js';

export type { Logger };

/**
 * JSON logs to stderr (stdout belongs to the CLI's answer). Secrets are redacted by path wherever
 * they could appear; message texts are logged only at debug level by the callers.
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
      // The current request's id on every line logged on its behalf, unless the line or a child logger names one.
      mixin(mergeObject, _level, logger) {
        const requestId = currentRequestId();
        if (!requestId || 'requestId' in mergeObject || 'requestId' in logger.bindings()) return {};
        return { requestId };
      },
    },
    options.destination ?? pino.destination(2),
  );
}

export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}
